package org.forumkit.jpa.spring.web;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

/** The {@code forumkit.widget.*} properties: the comments widget's script and stylesheet. */
@ConfigurationProperties("forumkit.widget")
public class ForumkitWidgetProperties {
    /** Whether the widget's forumkit.js and forumkit.css are served. */
    private boolean enabled = false;

    /** Where the widget's files are served: {path}/forumkit.js and {path}/forumkit.css. */
    private String path = "/forumkit";

    /** The host's sign-in page the widget links to (with ?next= the page's path). */
    private String loginUrl = "/login";

    /** How long browsers may use the files without asking again; 0 to revalidate (by ETag) every time. */
    private Duration maxAge = Duration.ZERO;

    public boolean isEnabled() {
        return enabled;
    }

    public void setEnabled(boolean enabled) {
        this.enabled = enabled;
    }

    public String getPath() {
        return path;
    }

    public void setPath(String path) {
        this.path = path;
    }

    public String getLoginUrl() {
        return loginUrl;
    }

    public void setLoginUrl(String loginUrl) {
        this.loginUrl = loginUrl;
    }

    public Duration getMaxAge() {
        return maxAge;
    }

    public void setMaxAge(Duration maxAge) {
        this.maxAge = maxAge;
    }
}
