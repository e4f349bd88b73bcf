package org.forumkit.memory;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.forumkit.model.AuditEntry;
import org.forumkit.model.Ban;
import org.forumkit.model.BanId;
import org.forumkit.model.Board;
import org.forumkit.model.BoardId;
import org.forumkit.model.CreditEntry;
import org.forumkit.model.Notification;
import org.forumkit.model.NotificationId;
import org.forumkit.model.Post;
import org.forumkit.model.PostId;
import org.forumkit.model.PostRevision;
import org.forumkit.model.Report;
import org.forumkit.model.ReportId;
import org.forumkit.model.Topic;
import org.forumkit.model.TopicId;
import org.forumkit.model.UserId;
import org.forumkit.model.VoteKind;
import org.forumkit.model.WatchLevel;
import org.forumkit.spi.store.ImportKey;
import org.forumkit.spi.store.IndexedTerm;
import org.forumkit.spi.store.PostingWindow;

/**
 * The data of an {@link InMemoryForumStore}: plain maps and lists, as a database's tables and indexes. Only a
 * read-write transaction changes them, each change through its undo log.
 */
final class Tables {
    long lastBoardId;
    long lastTopicId;
    long lastPostId;
    long lastReportId;
    long lastNotificationId;
    long lastDeliveryId;
    final Map<BoardId, Board> boards = new HashMap<>();
    final Map<String, BoardId> boardsBySlug = new HashMap<>();
    final Map<TopicId, Topic> topics = new HashMap<>();
    final Map<ExternalKey, TopicId> topicsByKey = new HashMap<>();
    /** Each board's topics in {@link Topic#LISTING_ORDER}. */
    final Map<BoardId, TreeSet<Topic>> listings = new HashMap<>();
    final Map<PostId, Post> posts = new HashMap<>();
    /** Post ids of a topic by floor: index 0 holds floor 1. */
    final Map<TopicId, List<PostId>> floors = new HashMap<>();
    final Map<TopicId, Map<UserId, NavigableMap<Integer, PostId>>> floorsByAuthor = new HashMap<>();
    final Map<PostId, Map<UserId, VoteKind>> votes = new HashMap<>();
    final List<AuditEntry> audit = new ArrayList<>();
    final Map<BanId, Ban> bans = new HashMap<>();
    final Map<PostingKey, PostingWindow> postingWindows = new HashMap<>();
    final Map<PostId, TreeMap<Integer, PostRevision>> revisions = new HashMap<>();
    final Map<UserId, Long> creditBalances = new HashMap<>();
    final List<CreditEntry> credits = new ArrayList<>();
    final Map<ReportId, Report> reports = new HashMap<>();
    final NavigableMap<NotificationId, Notification> notifications = new TreeMap<>();
    final Map<UserId, TreeSet<NotificationId>> inboxes = new HashMap<>();
    /** The one unread notification of each (recipient, fold key): the unique key a database keeps. */
    final Map<FoldKey, NotificationId> unreadFolds = new HashMap<>();
    final Map<NotificationId, FoldKey> foldOf = new HashMap<>();
    /**
     * The first floor each topic entry that counts on counts from, and (once read) the last one: its topic's
     * visible posts in that range, not by its recipient, are counted into it when read.
     */
    final Map<NotificationId, Integer> countFrom = new HashMap<>();
    final Map<NotificationId, Integer> countTo = new HashMap<>();
    final Map<TopicId, Map<UserId, TopicWatch>> topicWatches = new HashMap<>();
    final Map<BoardId, Map<UserId, WatchLevel>> boardWatches = new HashMap<>();
    /** The delivery outbox by id, and the one open delivery of each (notification, channel): its unique key. */
    final NavigableMap<org.forumkit.model.DeliveryId, org.forumkit.model.Delivery> deliveries = new TreeMap<>();
    final Map<OpenDelivery, org.forumkit.model.DeliveryId> openDeliveries = new HashMap<>();
    /** The claim token of each in-flight delivery. */
    final Map<org.forumkit.model.DeliveryId, String> claimTokens = new HashMap<>();
    final Map<DeliveryPreference, Boolean> deliveryPreferences = new HashMap<>();
    /** The one open report of each (post, reporter): the unique key a database keeps. */
    final Map<OpenReportKey, ReportId> openReports = new HashMap<>();

    /** The import map: source record → new id. */
    final Map<ImportKey, Long> imports = new HashMap<>();
    /** Each indexed post's terms, and each term's posts: the search index and its inverted form. */
    final Map<PostId, List<IndexedTerm>> searchTerms = new HashMap<>();
    final Map<String, Set<PostId>> postings = new HashMap<>();

    record ExternalKey(BoardId board, String key) {
    }

    record OpenReportKey(PostId post, UserId reporter) {
    }

    record FoldKey(UserId recipient, String key) {
    }

    record OpenDelivery(NotificationId notification, org.forumkit.model.DeliveryChannel channel) {
    }

    record DeliveryPreference(UserId user, org.forumkit.model.DeliveryChannel channel, int kind) {
    }

    record TopicWatch(WatchLevel level, boolean explicit) {
    }

    record PostingKey(UserId user, BoardId board) {
    }
}
