package org.forumkit.spi;

/**
 * A {@link NotificationSender} could not deliver: {@link #permanent()} when trying again cannot help (an address
 * that does not exist, an endpoint that refuses for good), so the delivery is dead at once; otherwise it is retried
 * with backoff until the forum's attempts run out.
 */
public class DeliveryException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final boolean permanent;

    public DeliveryException(String message, boolean permanent, Throwable cause) {
        super(message, cause);
        this.permanent = permanent;
    }

    public DeliveryException(String message, boolean permanent) {
        this(message, permanent, null);
    }

    public boolean permanent() {
        return permanent;
    }
}
