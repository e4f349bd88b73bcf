package org.forumkit.imports;

import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.forumkit.Forum;
import org.forumkit.memory.InMemoryForumStore;
import org.forumkit.model.Board;
import org.forumkit.model.Post;
import org.forumkit.model.Topic;
import org.forumkit.model.TopicPageRequest;
import org.forumkit.spi.store.ForumStore;
import org.forumkit.spi.store.StoreReader;
import org.forumkit.tck.ForumFixtures;
import org.forumkit.tck.MutableClock;

/** A forum on a fresh in-memory store, and the export fixtures under {@code src/test/resources/imports}. */
final class ImportFiles implements AutoCloseable {
    final ForumStore store = new InMemoryForumStore();
    final Forum forum = Forum.builder().store(store).clock(MutableClock.atSeedTime()).build();
    final Board board = new ForumFixtures(forum).board();

    static Path file(String name) {
        try {
            return Path.of(ImportFiles.class.getResource("/imports/" + name).toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    ImportReport run(ImportSource source) {
        return forum.imports().run(ForumFixtures.ADMIN, source, ImportOptions.into(board.id()));
    }

    Optional<Topic> topic(String key) {
        return forum.topics().byExternalKey(ForumFixtures.ADMIN, board.id(), key);
    }

    List<Post> posts(String key) {
        Topic topic = topic(key).orElseThrow();
        return store.readOnly((StoreReader r) -> r.topicPage(topic.id(), TopicPageRequest.first(50), Optional.empty()))
                .orElseThrow().posts();
    }

    Board board() {
        return new ForumFixtures(forum).reload(board);
    }

    @Override
    public void close() {
        forum.close();
    }
}
