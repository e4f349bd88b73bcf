package org.forumkit.internal;

import java.time.Instant;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.forumkit.event.ForumEvent;
import org.forumkit.model.Action;
import org.forumkit.model.Author;
import org.forumkit.model.Board;
import org.forumkit.model.NotificationKind;
import org.forumkit.model.Post;
import org.forumkit.model.PostState;
import org.forumkit.model.Quote;
import org.forumkit.model.Report;
import org.forumkit.model.Resolution;
import org.forumkit.model.Topic;
import org.forumkit.model.TopicId;
import org.forumkit.model.UserId;
import org.forumkit.model.Viewer;
import org.forumkit.model.WatchLevel;
import org.forumkit.spi.UserDirectory;
import org.forumkit.spi.store.NewNotification;
import org.forumkit.spi.store.StoreTransaction;
import org.forumkit.spi.store.WatcherFanOut;

/**
 * Who learns of an event, written in the event's own transaction: one notification per recipient per post (the
 * first kind found wins: mention, then reply, then quote, then watching), never to the actor, never about a post
 * the recipient may not see.
 * Replies, quotes and watched posts fold per (recipient, topic), votes per (recipient, post). A watcher's folded entry
 * counts the topic's later posts on when read (written once, when it is created), so a reply to a topic with a
 * thousand watchers writes nothing for those whose entry is unread already. Starting a topic
 * watches it, replying tracks it, automatically and never over the user's own choice.
 */
final class Notifier {
    /** How many people one post may notify by mentioning them (Discourse's default, 10). */
    static final int MAX_MENTIONS = 10;

    private final AccessRules access;
    private final UserDirectory directory;
    private final DeliveryQueue deliveries;

    Notifier(AccessRules access, UserDirectory directory, DeliveryQueue deliveries) {
        this.access = access;
        this.directory = directory;
        this.deliveries = deliveries;
    }

    /** Writes (or folds) a notification and queues its deliveries in the same transaction. */
    private void add(StoreTransaction tx, NewNotification notification) {
        deliveries.queue(tx, tx.notifications().add(notification));
    }

    private void notifyWatchers(StoreTransaction tx, WatcherFanOut fanOut) {
        if (tx.notifications().notifyWatchers(fanOut) > 0) {
            deliveries.queueWatchers(tx, fanOut);
        }
    }

    void onEvent(StoreTransaction tx, ForumEvent event) {
        if (event instanceof ForumEvent.TopicStarted started) {
            Post opening = started.openingPost();
            tx.notifications().watchTopic(opening.author().id(), started.topic().id(), WatchLevel.WATCHING, false,
                    started.at());
            aboutNewPost(tx, started.topic(), opening, started.at());
        } else if (event instanceof ForumEvent.PostCreated created) {
            tx.notifications().watchTopic(created.post().author().id(), created.topic().id(), WatchLevel.TRACKING,
                    false, created.at());
            aboutNewPost(tx, created.topic(), created.post(), created.at());
        } else if (event instanceof ForumEvent.PostApproved approved) {
            moderation(tx, approved.post(), approved.by(), "APPROVED", approved.at());
            tx.topic(approved.post().topicId()).ifPresent(t -> aboutNewPost(tx, t, approved.post(), approved.at()));
        } else if (event instanceof ForumEvent.PostRejected rejected) {
            moderation(tx, rejected.post(), rejected.by(), "REJECTED", rejected.at());
        } else if (event instanceof ForumEvent.PostDeleted deleted) {
            moderation(tx, deleted.post(), deleted.by(), "DELETED", deleted.at());
        } else if (event instanceof ForumEvent.PostReported reported && reported.postHidden()) {
            tx.post(reported.report().postId()).ifPresent(p -> moderation(tx, p, null, "HIDDEN", reported.at()));
        } else if (event instanceof ForumEvent.ReportsResolved resolved) {
            reportsResolved(tx, resolved);
        } else if (event instanceof ForumEvent.VoteChanged vote) {
            voted(tx, vote);
        }
        // quotes are handled with their new post; starts, edits and restores notify nobody yet
    }

    private void aboutNewPost(StoreTransaction tx, Topic topic, Post post, Instant at) {
        if (post.state() != PostState.VISIBLE) {
            return;
        }
        Map<UserId, NotificationKind> recipients = new LinkedHashMap<>();
        for (UserId mentioned : mentioned(post)) {
            recipients.putIfAbsent(mentioned, NotificationKind.MENTIONED);
        }
        if (!post.isOpening()) {
            // a reply to no floor in particular answers the topic's starter (as Discuz! tells the thread's author)
            int answered = post.optionalReplyToFloor().orElse(1);
            tx.postsByFloors(topic.id(), List.of(answered)).stream().findFirst()
                    .ifPresent(p -> recipients.putIfAbsent(p.author().id(), NotificationKind.REPLIED));
            for (Quote quote : post.quotes()) {
                recipients.putIfAbsent(quote.sourceAuthor().id(), NotificationKind.QUOTED);
            }
        }
        recipients.remove(post.author().id());
        // The topic was just written in this transaction, so its board is there: a store that answers none is broken
        // (a store must not answer "not found" for a lookup it could not make, e.g. on a lost connection).
        Board board = tx.board(topic.boardId()).orElseThrow(() -> new IllegalStateException(
                "the store found no board " + topic.boardId() + " for topic " + topic.id() + " in this transaction"));
        Map<UserId, Viewer.Member> members = directory.members(recipients.keySet());
        Set<UserId> folded = new HashSet<>();
        recipients.forEach((recipient, kind) -> {
            Viewer.Member member = members.get(recipient);
            if (member != null && !muted(tx, recipient, topic) && mayRead(member, board, topic, post)) {
                // a mention is news of its own; the rest fold per topic
                String fold = kind.equals(NotificationKind.MENTIONED) ? null : foldKey(topic.id());
                add(tx, new NewNotification(recipient, kind, topic.id(), post.id(), post.floor(),
                        post.author(), null, fold, at));
                if (fold != null) {
                    folded.add(recipient);
                }
            }
        });
        Set<UserId> skip = new HashSet<>(recipients.keySet());
        skip.add(post.author().id());
        // a watcher told of this post by reply or quote counts the topic's next posts on like any watcher
        fanOut(tx, board, topic, post, skip, folded, at, countFrom(topic, post));
    }

    /** The first floor after the post and after the topic's last one (an approved post may be an older floor). */
    private static int countFrom(Topic topic, Post post) {
        return Math.max(topic.highestFloor(), post.floor()) + 1;
    }

    /**
     * The users a post mentions by name, at most {@link #MAX_MENTIONS} distinct ones, resolved in one directory
     * lookup: each mention is the longest of its candidate names that someone has.
     */
    private Set<UserId> mentioned(Post post) {
        if (post.body().indexOf('@') < 0 && post.body().indexOf('\uFF20') < 0) {
            return Set.of();
        }
        // a few more mentions are read than notified, so repeats of one name do not crowd out the others
        List<List<String>> mentions = Mentions.candidates(post.body(), MAX_MENTIONS * 3);
        Set<String> names = new HashSet<>();
        mentions.forEach(names::addAll);
        if (names.isEmpty()) {
            return Set.of();
        }
        Map<String, UserId> found = directory.byNames(names);
        Set<UserId> out = new java.util.LinkedHashSet<>();
        for (List<String> candidates : mentions) {
            candidates.stream().filter(found::containsKey).findFirst().map(found::get).ifPresent(out::add);
            if (out.size() == MAX_MENTIONS) {
                break;
            }
        }
        return out;
    }

    /** The key a topic's replies, quotes and watched posts fold on, for each recipient. */
    static String foldKey(TopicId topic) {
        return "topic:" + topic;
    }

    /** A muted topic, or a muted board where the user has no level on the topic, tells them nothing. */
    private static boolean muted(StoreTransaction tx, UserId user, Topic topic) {
        Optional<WatchLevel> onTopic = tx.notifications().topicWatch(user, topic.id());
        return onTopic.map(WatchLevel.MUTED::equals).orElseGet(() -> tx.notifications()
                .boardWatch(user, topic.boardId()).map(WatchLevel.MUTED::equals).orElse(false));
    }

    /**
     * The watchers of the topic and board, in set-based statements; where not every member may read the board, the
     * store names them first and each is checked like any recipient.
     */
    private void fanOut(StoreTransaction tx, Board board, Topic topic, Post post, Set<UserId> skip,
            Set<UserId> addressed, Instant at, int countFrom) {
        WatcherFanOut all = new WatcherFanOut(topic.id(), board.id(), post.id(), post.floor(), post.author(),
                post.isOpening(), skip, null, foldKey(topic.id()), at, countFrom, addressed);
        if (access.everyMemberMayView(board)) {
            notifyWatchers(tx, all);
            return;
        }
        Set<UserId> watchers = tx.notifications().watchers(all);
        Set<UserId> allowed = new HashSet<>();
        if (!watchers.isEmpty()) {
            directory.members(watchers).forEach((id, member) -> {
                if (mayRead(member, board, topic, post)) {
                    allowed.add(id);
                }
            });
        }
        if (!allowed.isEmpty() || !addressed.isEmpty()) {
            notifyWatchers(tx, new WatcherFanOut(topic.id(), board.id(), post.id(), post.floor(),
                    post.author(), post.isOpening(), skip, allowed, foldKey(topic.id()), at, countFrom, addressed));
        }
    }

    /** Whether a recipient may see the post's content now: the board's view rule and the post's state. */
    boolean mayRead(Viewer viewer, Board board, Topic topic, Post post) {
        return access.decide(viewer, Action.VIEW, board, Optional.of(topic)).allowed()
                && access.canSee(viewer, board, post);
    }

    /** The author learns what a moderator (or, for {@code by} null, the reports) did to their post. */
    private void moderation(StoreTransaction tx, Post post, Author by, String what, Instant at) {
        if (by != null && by.id().equals(post.author().id())) {
            return;
        }
        if (directory.members(List.of(post.author().id())).containsKey(post.author().id())) {
            add(tx, new NewNotification(post.author().id(), NotificationKind.MODERATION,
                    post.topicId(), post.id(), post.floor(), by, what, null, at));
        }
    }

    private void reportsResolved(StoreTransaction tx, ForumEvent.ReportsResolved resolved) {
        Resolution how = resolved.reports().isEmpty() ? Resolution.DISMISS : resolved.reports().get(0).resolution();
        if (how != Resolution.DISMISS) {
            moderation(tx, resolved.post(), resolved.by(), how == Resolution.HIDE_POST ? "HIDDEN" : "DELETED",
                    resolved.at());
        }
        List<UserId> reporters = resolved.reports().stream().map(r -> r.reporter().id())
                .filter(id -> !id.equals(resolved.by().id())).distinct().toList();
        Map<UserId, Viewer.Member> members = directory.members(reporters);
        for (Report report : resolved.reports()) {
            if (members.containsKey(report.reporter().id())) {
                add(tx, new NewNotification(report.reporter().id(), NotificationKind.REPORT_RESOLVED,
                        report.topicId(), report.postId(), resolved.post().floor(), resolved.by(),
                        report.resolution().name(), null, resolved.at()));
            }
        }
    }

    private void voted(StoreTransaction tx, ForumEvent.VoteChanged vote) {
        // only a new vote is news; a change or a retraction is not, and a vote folds into the unread one of its post
        if (vote.change().optionalBefore().isPresent() || vote.change().optionalAfter().isEmpty()
                || vote.change().voter().equals(vote.postAuthor().id())) {
            return;
        }
        UserId author = vote.postAuthor().id();
        if (!directory.members(List.of(author)).containsKey(author)) {
            return;
        }
        tx.post(vote.change().postId()).ifPresent(post -> add(tx, new NewNotification(author,
                NotificationKind.VOTED, post.topicId(), post.id(), post.floor(), null,
                vote.change().after().name(), "vote:" + post.id(), vote.at())));
    }
}
