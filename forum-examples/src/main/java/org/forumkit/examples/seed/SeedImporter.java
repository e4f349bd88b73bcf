package org.forumkit.examples.seed;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.forumkit.Forum;
import org.forumkit.examples.SettableClock;
import org.forumkit.model.Board;
import org.forumkit.model.ContentFormat;
import org.forumkit.model.CreateBoard;
import org.forumkit.model.Post;
import org.forumkit.model.Reply;
import org.forumkit.model.StartTopic;
import org.forumkit.model.Topic;
import org.forumkit.model.TopicPageRequest;
import org.forumkit.model.Viewer;

/**
 * Turns a parsed Discuz! thread into forum data through the public API only: a category for the site, a
 * board named after the topic type, the topic with its floors at their original times, quotes as real quote
 * snapshots of the quoted floor, and the view count. What it cannot map is reported, never guessed silently.
 */
public final class SeedImporter {
    /** The seed's importer acts as this site administrator. */
    public static final Viewer.Member IMPORTER = Viewer.user("seed-admin", "管理员", "admin");

    private final Forum forum;
    private final SettableClock clock;

    /** {@code forum} must run on {@code clock}, so posts get the page's times. */
    public SeedImporter(Forum forum, SettableClock clock) {
        this.forum = forum;
        this.clock = clock;
    }

    /** The imported topic and what could not be mapped. */
    public record Report(Board board, Topic topic, List<String> notes) {
    }

    public Report importThread(DiscuzThread thread, String categorySlug, String boardSlug) {
        List<String> notes = new ArrayList<>(thread.unmapped().stream().map(line -> "not mapped: " + line).toList());
        if (thread.floors().isEmpty()) {
            throw new IllegalArgumentException("the thread has no floors");
        }
        try {
            Board category = forum.boards().create(IMPORTER, CreateBoard.category(categorySlug,
                    thread.siteName() == null ? "Forum" : thread.siteName()));
            String type = thread.topicType();
            Board board = forum.boards().create(IMPORTER, CreateBoard.board(category.id(), boardSlug,
                    type == null ? "Board" : type).withTopicTypes(type == null ? new String[0] : new String[] {type}));
            notes.add("the page text names no authors: floor 1 is stored as 网友1 (seed-op), later floors as 网友N (seed-floor-N); 楼主 is floor 1's label on the page");

            DiscuzThread.Floor first = thread.floors().get(0);
            clock.set(first.postedAt());
            // BBCODE, the format a Discuz! post is stored in, so the seed reads as an imported Discuz! thread does
            Topic topic = forum.topics().start(author(1), StartTopic.of(board.id(), thread.title(), first.body())
                    .withType(type).withFormat(ContentFormat.BBCODE));
            for (DiscuzThread.Floor floor : thread.floors().subList(1, thread.floors().size())) {
                clock.set(floor.postedAt());
                Reply reply = Reply.to(topic.id(), floor.body()).withFormat(ContentFormat.BBCODE);
                if (floor.quoted() != null) {
                    Optional<Integer> source = sourceOf(thread, floor);
                    if (source.isPresent()) {
                        reply = reply.quoting(source.get(), floor.quoted());
                    } else {
                        notes.add("floor " + floor.number() + " quotes text found in no earlier floor; kept as text");
                        reply = Reply.to(topic.id(), "“" + floor.quoted() + "”\n\n" + floor.body())
                                .withFormat(ContentFormat.BBCODE);
                    }
                }
                Post post = forum.posts().reply(author(floor.number()), reply);
                if (post.floor() != floor.number()) {
                    notes.add("floor " + floor.number() + " was stored on floor " + post.floor());
                }
            }
            clock.release();
            long missing = thread.views() - forum.topics().get(IMPORTER, topic.id()).views();
            for (long i = 0; i < missing; i++) {
                forum.views().record(Viewer.anonymous(), topic.id());
            }
            forum.views().flush();
            Topic imported = forum.topics().get(IMPORTER, topic.id());
            if (thread.replies() >= 0 && imported.replies() != thread.replies()) {
                notes.add("the page says " + thread.replies() + " replies but " + imported.replies() + " were imported");
            }
            if (thread.views() < 0) {
                notes.add("the page shows no view count");
            }
            return new Report(forum.boards().get(IMPORTER, board.id()), imported, notes);
        } finally {
            clock.release();
        }
    }

    private Optional<Integer> sourceOf(DiscuzThread thread, DiscuzThread.Floor floor) {
        String wanted = fold(floor.quoted());
        return thread.floors().stream()
                .filter(f -> f.number() < floor.number() && fold(f.body()).contains(wanted))
                .map(DiscuzThread.Floor::number)
                .findFirst();
    }

    private static String fold(String text) {
        return text.replaceAll("\\s+", " ").strip();
    }

    private static Viewer.Member author(int floor) {
        return floor == 1 ? Viewer.user("seed-op", "网友1") : Viewer.user("seed-floor-" + floor, "网友" + floor);
    }

    /** Every post of the imported topic, for checks. */
    public List<Post> posts(Topic topic) {
        return forum.topics().page(IMPORTER, topic.id(), TopicPageRequest.first(200)).posts();
    }
}
