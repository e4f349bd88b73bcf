package org.forumkit.jpa.spring;

import java.time.Duration;
import org.forumkit.ForumSettings;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The {@code forumkit.*} properties of the Spring Boot support: every {@link ForumSettings} value (defaults as in
 * {@link ForumSettings#defaults()}), the store's retry budget, the migrations and the viewer's identity.
 */
@ConfigurationProperties("forumkit")
public class ForumkitProperties {
    /** Longest topic title, in code points. */
    private int maxTitleLength = 80;

    /** Longest post body (source), in code points. */
    private int maxBodyLength = 20_000;

    /** Longest board name, display name or topic type, in code points. */
    private int maxNameLength = 64;

    /** Longest quote excerpt stored, in code points; longer quotes are cut and marked truncated. */
    private int maxQuoteLength = 300;

    /** How many posts one reply may quote. */
    private int maxQuotesPerPost = 10;

    /** Largest topic or board page. */
    private int maxPageSize = 200;

    /** Whether users may vote on their own posts. */
    private boolean selfVoteAllowed = false;

    /** The host role of global moderators (a Spring Security authority without its role prefix). */
    private String moderatorRole = "moderator";

    /** The host role allowed to create boards. */
    private String adminRole = "admin";

    /** A viewer's repeated views of a topic within this window count once. */
    private Duration viewWindow = Duration.ofMinutes(30);

    /** How often buffered views are written to the store; 0 for only on flush and on shutdown. */
    private Duration viewFlushInterval = Duration.ofSeconds(5);

    private final Search search = new Search();

    private final Store store = new Store();

    private final Migrations migrations = new Migrations();

    private final Viewer viewer = new Viewer();

    /** The forum's settings these properties describe. */
    public ForumSettings toSettings() {
        return new ForumSettings(maxTitleLength, maxBodyLength, maxNameLength, maxQuoteLength, maxQuotesPerPost,
                maxPageSize, selfVoteAllowed, moderatorRole, adminRole, viewWindow, viewFlushInterval,
                search.toLimits());
    }

    /** The limits of search ({@link ForumSettings.SearchLimits}), per query and per viewer on each node. */
    public static class Search {
        /** Longest query, in code points. */
        private int maxQueryLength = 100;

        /** Most distinct index terms one query may need (bounds the store's lookup). */
        private int maxTerms = 16;

        /** Largest page of hits; a larger page request gets this many. */
        private int maxHitsPerPage = 50;

        /** Shortest searchable word of a non-CJK script, 2 or 3 code points. */
        private int minWordLength = 2;

        /** Shortest searchable CJK term: 1 (single characters) or 2 (bigrams only). */
        private int minCjkLength = 1;

        /** Searches one member may make within the window, on each node. */
        private int perMember = 30;

        /** Searches all anonymous visitors together may make within the window, on each node. */
        private int anonymous = 300;

        /** The window of the per-viewer search rate limit. */
        private Duration window = Duration.ofMinutes(1);

        ForumSettings.SearchLimits toLimits() {
            return new ForumSettings.SearchLimits(maxQueryLength, maxTerms, maxHitsPerPage, minWordLength,
                    minCjkLength, perMember, anonymous, window);
        }

        public int getMaxQueryLength() {
            return maxQueryLength;
        }

        public void setMaxQueryLength(int maxQueryLength) {
            this.maxQueryLength = maxQueryLength;
        }

        public int getMaxTerms() {
            return maxTerms;
        }

        public void setMaxTerms(int maxTerms) {
            this.maxTerms = maxTerms;
        }

        public int getMaxHitsPerPage() {
            return maxHitsPerPage;
        }

        public void setMaxHitsPerPage(int maxHitsPerPage) {
            this.maxHitsPerPage = maxHitsPerPage;
        }

        public int getMinWordLength() {
            return minWordLength;
        }

        public void setMinWordLength(int minWordLength) {
            this.minWordLength = minWordLength;
        }

        public int getMinCjkLength() {
            return minCjkLength;
        }

        public void setMinCjkLength(int minCjkLength) {
            this.minCjkLength = minCjkLength;
        }

        public int getPerMember() {
            return perMember;
        }

        public void setPerMember(int perMember) {
            this.perMember = perMember;
        }

        public int getAnonymous() {
            return anonymous;
        }

        public void setAnonymous(int anonymous) {
            this.anonymous = anonymous;
        }

        public Duration getWindow() {
            return window;
        }

        public void setWindow(Duration window) {
            this.window = window;
        }
    }

    /** The JPA store's retry budget after deadlocks and serialization failures. */
    public static class Store {
        /** How many times a forum-begun transaction runs at most when it keeps colliding with others. */
        private int maxAttempts = 5;

        /** The first retry's pause; each further retry doubles it, with jitter. */
        private Duration backoff = Duration.ofMillis(5);

        public int getMaxAttempts() {
            return maxAttempts;
        }

        public void setMaxAttempts(int maxAttempts) {
            this.maxAttempts = maxAttempts;
        }

        public Duration getBackoff() {
            return backoff;
        }

        public void setBackoff(Duration backoff) {
            this.backoff = backoff;
        }
    }

    /** The forum's schema migrations, run with Flyway at startup. */
    public static class Migrations {
        /** Whether the forum's migrations run at startup (needs Flyway); false leaves the schema to the DBA. */
        private boolean enabled = true;

        /** The migrations' dialect (postgresql, mariadb or h2); by default taken from the DataSource. */
        private String dialect;

        /** The forum's own Flyway history table, apart from the host's. */
        private String table = "fk_schema_history";

        public boolean isEnabled() {
            return enabled;
        }

        public void setEnabled(boolean enabled) {
            this.enabled = enabled;
        }

        public String getDialect() {
            return dialect;
        }

        public void setDialect(String dialect) {
            this.dialect = dialect;
        }

        public String getTable() {
            return table;
        }

        public void setTable(String table) {
            this.table = table;
        }
    }

    /** How the current Spring Security authentication becomes a forum viewer. */
    public static class Viewer {
        /**
         * The principal's property (or OAuth2 attribute) to take the display name from, e.g. "fullName"; by default,
         * or when the principal has none, the authentication's name.
         */
        private String displayName;

        /** Cut from the start of each granted authority to make a forum role. */
        private String rolePrefix = "ROLE_";

        public String getDisplayName() {
            return displayName;
        }

        public void setDisplayName(String displayName) {
            this.displayName = displayName;
        }

        public String getRolePrefix() {
            return rolePrefix;
        }

        public void setRolePrefix(String rolePrefix) {
            this.rolePrefix = rolePrefix;
        }
    }

    public int getMaxTitleLength() {
        return maxTitleLength;
    }

    public void setMaxTitleLength(int maxTitleLength) {
        this.maxTitleLength = maxTitleLength;
    }

    public int getMaxBodyLength() {
        return maxBodyLength;
    }

    public void setMaxBodyLength(int maxBodyLength) {
        this.maxBodyLength = maxBodyLength;
    }

    public int getMaxNameLength() {
        return maxNameLength;
    }

    public void setMaxNameLength(int maxNameLength) {
        this.maxNameLength = maxNameLength;
    }

    public int getMaxQuoteLength() {
        return maxQuoteLength;
    }

    public void setMaxQuoteLength(int maxQuoteLength) {
        this.maxQuoteLength = maxQuoteLength;
    }

    public int getMaxQuotesPerPost() {
        return maxQuotesPerPost;
    }

    public void setMaxQuotesPerPost(int maxQuotesPerPost) {
        this.maxQuotesPerPost = maxQuotesPerPost;
    }

    public int getMaxPageSize() {
        return maxPageSize;
    }

    public void setMaxPageSize(int maxPageSize) {
        this.maxPageSize = maxPageSize;
    }

    public boolean isSelfVoteAllowed() {
        return selfVoteAllowed;
    }

    public void setSelfVoteAllowed(boolean selfVoteAllowed) {
        this.selfVoteAllowed = selfVoteAllowed;
    }

    public String getModeratorRole() {
        return moderatorRole;
    }

    public void setModeratorRole(String moderatorRole) {
        this.moderatorRole = moderatorRole;
    }

    public String getAdminRole() {
        return adminRole;
    }

    public void setAdminRole(String adminRole) {
        this.adminRole = adminRole;
    }

    public Duration getViewWindow() {
        return viewWindow;
    }

    public void setViewWindow(Duration viewWindow) {
        this.viewWindow = viewWindow;
    }

    public Duration getViewFlushInterval() {
        return viewFlushInterval;
    }

    public void setViewFlushInterval(Duration viewFlushInterval) {
        this.viewFlushInterval = viewFlushInterval;
    }

    public Search getSearch() {
        return search;
    }

    public Store getStore() {
        return store;
    }

    public Migrations getMigrations() {
        return migrations;
    }

    public Viewer getViewer() {
        return viewer;
    }
}
