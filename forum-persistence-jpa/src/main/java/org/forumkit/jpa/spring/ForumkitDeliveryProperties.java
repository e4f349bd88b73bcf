package org.forumkit.jpa.spring;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The {@code forumkit.deliveries.*} properties: the scheduled {@code forum.deliveries().deliverDue(batch)} that runs
 * on every node once a {@code DeliverySettings} bean turns deliveries on, and the path of the unsubscribe page.
 */
@ConfigurationProperties("forumkit.deliveries")
public class ForumkitDeliveryProperties {
    /** Whether this node runs deliverDue on a schedule (when a DeliverySettings bean turns deliveries on). */
    private boolean enabled = true;

    /** The pause between the end of one delivery round and the start of the next. */
    private Duration interval = Duration.ofSeconds(30);

    /** The most deliveries one round claims (1 to 1,000); a full round is followed at once by the next. */
    private int batch = 100;

    /** How long shutdown waits for a round that is sending (it finishes the delivery at hand, not the batch). */
    private Duration shutdownWait = Duration.ofSeconds(30);

    /** The path of the unsubscribe page (GET confirms, POST unsubscribes, RFC 8058 one-click). */
    private String unsubscribePath = "/unsubscribe";

    public boolean isEnabled() {
        return enabled;
    }

    public void setEnabled(boolean enabled) {
        this.enabled = enabled;
    }

    public Duration getInterval() {
        return interval;
    }

    public void setInterval(Duration interval) {
        this.interval = interval;
    }

    public int getBatch() {
        return batch;
    }

    public void setBatch(int batch) {
        this.batch = batch;
    }

    public Duration getShutdownWait() {
        return shutdownWait;
    }

    public void setShutdownWait(Duration shutdownWait) {
        this.shutdownWait = shutdownWait;
    }

    public String getUnsubscribePath() {
        return unsubscribePath;
    }

    public void setUnsubscribePath(String unsubscribePath) {
        this.unsubscribePath = unsubscribePath;
    }
}
