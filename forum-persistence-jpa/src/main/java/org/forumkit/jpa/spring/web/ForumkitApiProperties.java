package org.forumkit.jpa.spring.web;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.util.unit.DataSize;

/** The {@code forumkit.api.*} properties: the forum's JSON API and who may call it from another origin. */
@ConfigurationProperties("forumkit.api")
public class ForumkitApiProperties {
    /** Whether the forum's JSON API (the comments widget's endpoints) is served. */
    private boolean enabled = false;

    /** Where the API's endpoints live, e.g. /api/comments; a path starting with / and not ending with one. */
    private String basePath = "/api";

    /** The board (slug) that holds the host pages' comment threads, unless the host defines CommentThreads. */
    private String commentsBoard = "comments";

    /** Larger request bodies are refused with 413 before anything reads them. */
    private DataSize maxBodySize = DataSize.ofKilobytes(256);

    /** Items per page when a request gives no size. */
    private int defaultPageSize = 20;

    private final Cors cors = new Cors();

    /** Which other origins (a widget embedded on another host of the same site) may call the API. */
    public static class Cors {
        /** Origins allowed to call the API with the visitor's cookies, e.g. https://blog.example.com; none by default. */
        private List<String> allowedOrigins = new ArrayList<>();

        /**
         * Origin patterns allowed as well, as Spring's CorsConfiguration matches them: '*' for any part of the host,
         * a port list or '*' in brackets, e.g. https://*.example.com or https://example.com:[8080,8443]; none by
         * default. A bare '*' is refused: with the visitor's cookies, any site could then act as the visitor.
         */
        private List<String> allowedOriginPatterns = new ArrayList<>();

        /** How long a browser may keep a preflight's answer. */
        private Duration maxAge = Duration.ofMinutes(30);

        public List<String> getAllowedOrigins() {
            return allowedOrigins;
        }

        public void setAllowedOrigins(List<String> allowedOrigins) {
            this.allowedOrigins = allowedOrigins;
        }

        public List<String> getAllowedOriginPatterns() {
            return allowedOriginPatterns;
        }

        public void setAllowedOriginPatterns(List<String> allowedOriginPatterns) {
            this.allowedOriginPatterns = allowedOriginPatterns;
        }

        public Duration getMaxAge() {
            return maxAge;
        }

        public void setMaxAge(Duration maxAge) {
            this.maxAge = maxAge;
        }
    }

    public boolean isEnabled() {
        return enabled;
    }

    public void setEnabled(boolean enabled) {
        this.enabled = enabled;
    }

    public String getBasePath() {
        return basePath;
    }

    public void setBasePath(String basePath) {
        this.basePath = basePath;
    }

    public String getCommentsBoard() {
        return commentsBoard;
    }

    public void setCommentsBoard(String commentsBoard) {
        this.commentsBoard = commentsBoard;
    }

    public DataSize getMaxBodySize() {
        return maxBodySize;
    }

    public void setMaxBodySize(DataSize maxBodySize) {
        this.maxBodySize = maxBodySize;
    }

    public int getDefaultPageSize() {
        return defaultPageSize;
    }

    public void setDefaultPageSize(int defaultPageSize) {
        this.defaultPageSize = defaultPageSize;
    }

    public Cors getCors() {
        return cors;
    }

    /** The base path, checked: it starts with a slash and does not end with one. */
    String checkedBasePath() {
        return checked("forumkit.api.base-path", basePath);
    }

    static String checked(String property, String path) {
        if (path == null || !path.matches("(/[A-Za-z0-9._~-]+)+")) {
            throw new IllegalArgumentException(property + " must be a path such as /api (segments of letters, digits, "
                    + "'.', '_', '~' or '-', no trailing slash), not " + path);
        }
        return path;
    }
}
