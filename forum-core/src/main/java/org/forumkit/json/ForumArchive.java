package org.forumkit.json;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.forumkit.model.Board;
import org.forumkit.model.BoardId;
import org.forumkit.model.Post;
import org.forumkit.model.PostId;
import org.forumkit.model.PostState;
import org.forumkit.model.Quote;
import org.forumkit.model.Topic;
import org.forumkit.model.TopicCursor;
import org.forumkit.model.TopicId;
import org.forumkit.model.TopicPageRequest;
import org.forumkit.model.UserId;
import org.forumkit.model.VoteKind;
import org.forumkit.spi.store.ForumStore;
import org.forumkit.spi.store.NewBoard;
import org.forumkit.spi.store.NewPost;
import org.forumkit.spi.store.NewTopic;
import org.forumkit.spi.store.PostEdit;
import org.forumkit.spi.store.StoreReader;
import org.forumkit.spi.store.StoreTransaction;

/**
 * A whole forum as one JSON document (boards, topics, posts on their floors with quotes, votes and every
 * counter), written with {@link ForumJacksonModule}, to back a forum up or move it from one store to another.
 * Import goes through the storage SPI into an empty store and rebuilds the same floors, states, revisions,
 * votes and views; ids are the new store's own.
 */
public final class ForumArchive {
    /** The format's version, written into every archive. */
    public static final int FORMAT = 1;
    private static final int PAGE = 200;

    private final ObjectMapper mapper;

    public ForumArchive() {
        this.mapper = new ObjectMapper().registerModule(new ForumJacksonModule())
                .enable(SerializationFeature.INDENT_OUTPUT)
                .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
    }

    /** The document: boards in listing order, each with its topics, each with its posts in floor order. */
    public record Document(int format, Instant exportedAt, List<ArchivedBoard> boards) {
        public Document {
            boards = List.copyOf(boards);
        }
    }

    public record ArchivedBoard(Board board, List<ArchivedTopic> topics) {
        public ArchivedBoard {
            topics = List.copyOf(topics);
        }
    }

    public record ArchivedTopic(Topic topic, List<ArchivedPost> posts) {
        public ArchivedTopic {
            posts = List.copyOf(posts);
        }
    }

    public record ArchivedPost(Post post, Map<UserId, VoteKind> votes) {
        public ArchivedPost {
            votes = Map.copyOf(votes);
        }
    }

    /** Reads everything in {@code store} in one consistent read. */
    public Document export(ForumStore store, Instant now) {
        return store.readOnly(reader -> {
            List<ArchivedBoard> boards = new ArrayList<>();
            for (Board board : reader.boards()) {
                List<ArchivedTopic> topics = new ArrayList<>();
                Optional<TopicCursor> after = Optional.empty();
                List<Topic> page;
                do {
                    page = reader.topics(board.id(), after, PAGE);
                    for (Topic topic : page) {
                        topics.add(new ArchivedTopic(topic, posts(reader, topic)));
                    }
                    after = page.isEmpty() ? after : Optional.of(TopicCursor.after(page.get(page.size() - 1)));
                } while (page.size() == PAGE);
                boards.add(new ArchivedBoard(board, topics));
            }
            return new Document(FORMAT, now, boards);
        });
    }

    private static List<ArchivedPost> posts(StoreReader reader, Topic topic) {
        List<ArchivedPost> posts = new ArrayList<>();
        for (int from = 1; from <= topic.highestFloor(); from += PAGE) {
            for (Post post : reader.topicPage(topic.id(), TopicPageRequest.from(from, PAGE), Optional.empty())
                    .orElseThrow().posts()) {
                posts.add(new ArchivedPost(post, reader.votes(post.id())));
            }
        }
        return posts;
    }

    public void write(Document document, OutputStream out) throws IOException {
        mapper.copy().disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET).writeValue(out, document);
    }

    public Document read(InputStream in) throws IOException {
        Document document = mapper.readValue(in, Document.class);
        if (document.format() != FORMAT) {
            throw new IOException("archive format " + document.format() + " is not supported (this is " + FORMAT + ")");
        }
        return document;
    }

    /**
     * Rebuilds {@code document} in {@code store}, which must hold no boards. Posts are appended in time order
     * across each board, so floors, last posts and counters come out as they were; quotes point to the new ids
     * of their sources. Runs in one transaction: all or nothing.
     */
    public void importInto(ForumStore store, Document document) {
        Objects.requireNonNull(document, "document");
        store.inTransaction(tx -> {
            if (!tx.boards().isEmpty()) {
                throw new IllegalStateException("an archive is imported into an empty store only");
            }
            Map<BoardId, BoardId> boardIds = new HashMap<>();
            for (ArchivedBoard archived : parentsFirst(document.boards())) {
                Board b = archived.board();
                Board inserted = tx.insertBoard(new NewBoard(b.parentId() == null ? null : boardIds.get(b.parentId()),
                        b.kind(), b.slug(), b.name(), b.description(), b.position(), b.moderators(), b.topicTypes(),
                        b.policy(), b.moderation()));
                boardIds.put(b.id(), inserted.id());
                importTopics(tx, inserted.id(), archived.topics());
            }
            return null;
        });
    }

    private static List<ArchivedBoard> parentsFirst(List<ArchivedBoard> boards) {
        Map<BoardId, ArchivedBoard> byId = new HashMap<>();
        boards.forEach(b -> byId.put(b.board().id(), b));
        List<ArchivedBoard> ordered = new ArrayList<>();
        for (ArchivedBoard board : boards) {
            addWithParents(board, byId, ordered);
        }
        return ordered;
    }

    private static void addWithParents(ArchivedBoard board, Map<BoardId, ArchivedBoard> byId, List<ArchivedBoard> out) {
        if (out.contains(board)) {
            return;
        }
        BoardId parent = board.board().parentId();
        if (parent != null && byId.containsKey(parent)) {
            addWithParents(byId.get(parent), byId, out);
        }
        out.add(board);
    }

    private record Pending(ArchivedTopic topic, ArchivedPost post) {
    }

    private static void importTopics(StoreTransaction tx, BoardId board, List<ArchivedTopic> topics) {
        List<Pending> all = new ArrayList<>();
        topics.forEach(t -> t.posts().forEach(p -> all.add(new Pending(t, p))));
        all.sort(Comparator.comparing((Pending p) -> p.post().post().createdAt())
                .thenComparing(p -> p.post().post().floor()));
        Map<TopicId, TopicId> topicIds = new HashMap<>();
        Map<PostId, PostId> postIds = new HashMap<>();
        List<Runnable> afterwards = new ArrayList<>();
        for (Pending pending : all) {
            Topic topic = pending.topic().topic();
            Post post = pending.post().post();
            List<Quote> quotes = post.quotes().stream().map(q -> new Quote(
                    Objects.requireNonNull(postIds.get(q.sourcePostId()), "quote of a post not in the archive"),
                    q.sourceFloor(), q.sourceAuthor(), q.sourcePostedAt(), q.sourceRevision(), q.excerpt(),
                    q.whole(), q.truncated())).toList();
            // A pending post goes in pending; a deleted one goes in visible and is deleted once all posts are in,
            // as its history had it, so last posts and counters come out as they were.
            PostState initial = post.state() == PostState.PENDING ? PostState.PENDING : PostState.VISIBLE;
            NewPost newPost = new NewPost(topicIds.get(topic.id()), post.author(), post.createdAt(), post.body(),
                    post.format(), post.html(), post.renderer(), initial, post.replyToFloor(), quotes);
            Post inserted;
            if (post.isOpening()) {
                var started = tx.insertTopic(new NewTopic(board, topic.title(), topic.type(), topic.author(),
                        topic.createdAt(), topic.externalKey()), newPost);
                topicIds.put(topic.id(), started.topic().id());
                inserted = started.openingPost();
                TopicId id = started.topic().id();
                afterwards.add(() -> {
                    tx.updateTopicStatus(id, topic.pinLevel(), topic.locked());
                    tx.addViews(Map.of(id, topic.views()));
                });
            } else {
                inserted = tx.appendReply(newPost);
            }
            postIds.put(post.id(), inserted.id());
            PostId id = inserted.id();
            for (int revision = 2; revision <= post.revision(); revision++) {
                Instant editedAt = revision == post.revision() ? post.editedAt() : post.createdAt();
                tx.editPost(id, new PostEdit(post.body(), post.format(), post.html(), post.renderer(), editedAt));
            }
            pending.post().votes().forEach((voter, vote) -> tx.castVote(id, voter, vote));
            if (post.state() != initial) {
                afterwards.add(() -> tx.changePostState(id, post.state()));
            }
        }
        afterwards.forEach(Runnable::run);
    }
}
