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

    /** A request body that has not arrived whole this long after the request began is refused with 408. */
    private Duration bodyReadTimeout = Duration.ofSeconds(30);

    /** The deepest nesting of arrays and objects a request body may have (the API's bodies need 3). */
    private int maxJsonDepth = 16;

    private final Cors cors = new Cors();

    private final RateLimit rateLimit = new RateLimit();

    /**
     * Requests per client address, as a token bucket per address: past it a 429 {@code RATE_LIMITED} with
     * {@code Retry-After}. The address is the connection's, or the one a trusted proxy forwarded once the host
     * turns on {@code server.forward-headers-strategy}; off by default, since behind a proxy that is not declared
     * every visitor would share the proxy's address and its one bucket.
     */
    public static class RateLimit {
        /** Whether requests to the API are limited per client address. */
        private boolean enabled = false;

        /** Requests a client may make per second, sustained. */
        private double requestsPerSecond = 10;

        /** Requests a client may make at once after being idle (the bucket's size). */
        private int burst = 40;

        /** Client addresses remembered at most; past it the least recently seen is forgotten (bounded memory). */
        private int maxClients = 100_000;

        public boolean isEnabled() {
            return enabled;
        }

        public void setEnabled(boolean enabled) {
            this.enabled = enabled;
        }

        public double getRequestsPerSecond() {
            return requestsPerSecond;
        }

        public void setRequestsPerSecond(double requestsPerSecond) {
            this.requestsPerSecond = requestsPerSecond;
        }

        public int getBurst() {
            return burst;
        }

        public void setBurst(int burst) {
            this.burst = burst;
        }

        public int getMaxClients() {
            return maxClients;
        }

        public void setMaxClients(int maxClients) {
            this.maxClients = maxClients;
        }
    }

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

    public Duration getBodyReadTimeout() {
        return bodyReadTimeout;
    }

    public void setBodyReadTimeout(Duration bodyReadTimeout) {
        this.bodyReadTimeout = bodyReadTimeout;
    }

    public int getMaxJsonDepth() {
        return maxJsonDepth;
    }

    public void setMaxJsonDepth(int maxJsonDepth) {
        this.maxJsonDepth = maxJsonDepth;
    }

    public RateLimit getRateLimit() {
        return rateLimit;
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
