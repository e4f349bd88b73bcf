package org.forumkit.tck;

import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.forumkit.imports.ImportAuthor;
import org.forumkit.imports.ImportPost;
import org.forumkit.imports.ImportSink;
import org.forumkit.imports.ImportSource;
import org.forumkit.imports.ImportThread;
import org.forumkit.imports.ImportVote;
import org.forumkit.model.ContentFormat;
import org.forumkit.model.PostState;
import org.forumkit.model.VoteKind;

/** Import records for the kit and the service tests: the seed thread as a source would hand it over. */
public final class ImportFixtures {
    /** 2015-01-28 22:05 in Beijing, when the seed thread's floor 1 was written. */
    public static final Instant SEED_TIME = Instant.parse("2015-01-28T14:05:00Z");
    public static final ImportAuthor AUTHOR = new ImportAuthor("1", "楼主");
    public static final ImportAuthor REPLIER = new ImportAuthor("2", "回帖人");
    public static final ImportAuthor VOTER = new ImportAuthor("3", "路人");

    private ImportFixtures() {
    }

    /** A post by {@code author}, {@code minutes} after the seed time, visible, in BBCode, with no parent or floor. */
    public static ImportPost post(String id, ImportAuthor author, int minutes, String body) {
        return new ImportPost(id, null, null, List.of(), author, SEED_TIME.plus(Duration.ofMinutes(minutes)), body,
                ContentFormat.BBCODE, PostState.VISIBLE, List.of());
    }

    public static ImportPost onFloor(ImportPost post, int floor) {
        return new ImportPost(post.sourceId(), floor, post.parentSourceId(), post.quotedSourceIds(), post.author(),
                post.createdAt(), post.body(), post.format(), post.state(), post.votes());
    }

    /** {@code post} answering and quoting {@code parent}. */
    public static ImportPost replyTo(ImportPost post, String parent) {
        return new ImportPost(post.sourceId(), post.floor(), parent, List.of(parent), post.author(),
                post.createdAt(), post.body(), post.format(), post.state(), post.votes());
    }

    public static ImportPost inState(ImportPost post, PostState state) {
        return new ImportPost(post.sourceId(), post.floor(), post.parentSourceId(), post.quotedSourceIds(),
                post.author(), post.createdAt(), post.body(), post.format(), state, post.votes());
    }

    public static ImportPost votedBy(ImportPost post, ImportAuthor voter, VoteKind kind) {
        List<ImportVote> votes = new ArrayList<>(post.votes());
        votes.add(new ImportVote(voter, kind));
        return new ImportPost(post.sourceId(), post.floor(), post.parentSourceId(), post.quotedSourceIds(),
                post.author(), post.createdAt(), post.body(), post.format(), post.state(), votes);
    }

    public static ImportThread thread(String id, String key, long views, ImportPost... posts) {
        return new ImportThread(id, null, key, "导入的主题 " + id, null, views, 0, false, List.of(posts));
    }

    /**
     * The seed thread as Discuz! stores it: floor 1, floor 2 quoting floor 1 with a 支持 from a third user, a pending
     * floor 3 and a deleted floor 4; 1351 views.
     */
    public static ImportThread seedThread() {
        return thread("seed", "seed-page", 1351,
                onFloor(post("p1", AUTHOR, 0, "[b]楼主的帖子[/b]"), 1),
                votedBy(onFloor(replyTo(post("p2", REPLIER, 5, "沙发，同意楼主"), "p1"), 2), VOTER, VoteKind.SUPPORT),
                inState(onFloor(post("p3", VOTER, 9, "等审核"), 3), PostState.PENDING),
                inState(onFloor(post("p4", REPLIER, 12, "已删除"), 4), PostState.DELETED));
    }

    /** A source of the given threads, named {@code system}. */
    public static ImportSource source(String system, ImportThread... threads) {
        return new ImportSource() {
            @Override
            public String system() {
                return system;
            }

            @Override
            public void read(ImportSink sink) throws IOException {
                sink.expect(threads.length);
                for (ImportThread thread : threads) {
                    sink.thread(thread);
                }
            }
        };
    }
}
