package org.forumkit.jpa;

import jakarta.persistence.EntityManager;
import java.util.List;
import org.forumkit.NotFoundException;
import org.forumkit.NotFoundException.Kind;
import org.forumkit.model.Post;
import org.forumkit.model.PostId;
import org.forumkit.model.Quote;
import org.forumkit.model.UserId;
import org.forumkit.model.VoteChange;
import org.forumkit.model.VoteKind;
import org.forumkit.spi.store.NewPost;

/**
 * The hot writes on PostgreSQL: native statements with data-modifying CTEs, so each holds its row lock for fewer
 * round trips, which is what bounds a hot topic's or a hot post's throughput.
 */
final class PostgresWritePath implements WritePath {

    /** The post row of {@link #appendReply}, numbered from the updated topic row {@code t}. */
    private static final String INSERT_FROM_T = "insert into fk_post (topic_id, floor, author_id, author_name,"
            + " created_at, revision, body, format, html, renderer, state, reply_to_floor, support, oppose)"
            + " select t.id, t.highest_floor, ?2, ?3, ?1, 1, ?5, ?6, ?7, ?8, ?9, nullif(?10, -1), 0, 0 from t"
            + " returning id, floor, topic_id";

    /**
     * The floor allocation, the post row and the board's counters in ONE statement (parent rows first), so the topic
     * row lock is held for a single round trip and the commit. Quotes, when there are any, follow in their own
     * statement.
     */
    @Override
    public Post appendReply(PostRows posts, BoardRows boards, NewPost reply, long topicId, boolean visible) {
        String sql = visible
                ? "with t as (update fk_topic set highest_floor = highest_floor + 1, replies = replies + 1,"
                        + " last_post_at = ?1, last_post_by_id = ?2, last_post_by_name = ?3 where id = ?4"
                        + " returning id, highest_floor, board_id),"
                        + " p as (" + INSERT_FROM_T + "),"
                        + " b as (update fk_board set post_count = post_count + 1,"
                        + " last_topic_id = (select topic_id from p), last_post_id = (select id from p),"
                        + " last_post_floor = (select floor from p), last_post_author_id = ?2,"
                        + " last_post_author_name = ?3, last_post_at = ?1 where id = (select board_id from t))"
                        + " select id, floor from p"
                : "with t as (update fk_topic set highest_floor = highest_floor + 1 where id = ?4"
                        + " returning id, highest_floor, board_id),"
                        + " p as (" + INSERT_FROM_T + ")"
                        + " select id, floor from p";
        List<?> rows = posts.em.createNativeQuery(sql)
                .setParameter(1, Rows.micros(reply.createdAt()))
                .setParameter(2, reply.author().id().value())
                .setParameter(3, reply.author().displayName())
                .setParameter(4, topicId)
                .setParameter(5, reply.body())
                .setParameter(6, reply.format().name())
                .setParameter(7, reply.html())
                .setParameter(8, reply.renderer())
                .setParameter(9, reply.state().name())
                .setParameter(10, reply.replyToFloor() == null ? -1 : reply.replyToFloor())
                .getResultList();
        if (rows.isEmpty()) {
            throw new NotFoundException(Kind.TOPIC, reply.topicId());
        }
        Object[] row = (Object[]) rows.get(0);
        long id = ((Number) row[0]).longValue();
        int floor = ((Number) row[1]).intValue();
        List<Quote> quotes = posts.insertQuotes(id, reply.quotes());
        return Records.post(id, floor, reply, quotes);
    }

    /**
     * Locks the post row, then reads the voter's old vote, writes the new one and moves both counts in ONE
     * statement. The statement starts after the lock is held, so under READ COMMITTED its snapshot already sees
     * every earlier vote on the post: two round trips under the lock instead of four. The CASE arithmetic is
     * {@link VoteKind#delta} in SQL.
     */
    @Override
    public VoteChange castVote(VoteRows votes, PostId id, UserId voter, VoteKind vote) {
        EntityManager em = votes.em;
        if (em.createNativeQuery("select id from fk_post where id = ?1 for update").setParameter(1, id.value())
                .getResultList().isEmpty()) {
            throw new NotFoundException(Kind.POST, id);
        }
        String wanted = vote == null ? "" : vote.name();
        Object[] row = (Object[]) em.createNativeQuery("with old as (select kind from fk_vote"
                        + " where post_id = ?1 and voter = ?2),"
                        + " del as (delete from fk_vote where post_id = ?1 and voter = ?2 and ?3 = '' returning kind),"
                        + " ins as (insert into fk_vote (post_id, voter, kind) select ?1, ?2, ?3 where ?3 <> ''"
                        + " on conflict (post_id, voter) do update set kind = excluded.kind returning kind),"
                        + " upd as (update fk_post set"
                        + " support = support + (case when ?3 = 'SUPPORT' then 1 else 0 end)"
                        + " - (case when (select kind from old) = 'SUPPORT' then 1 else 0 end),"
                        + " oppose = oppose + (case when ?3 = 'OPPOSE' then 1 else 0 end)"
                        + " - (case when (select kind from old) = 'OPPOSE' then 1 else 0 end)"
                        + " where id = ?1 returning support, oppose)"
                        + " select (select kind from old), support, oppose from upd")
                .setParameter(1, id.value())
                .setParameter(2, voter.value())
                .setParameter(3, wanted)
                .getSingleResult();
        VoteKind before = row[0] == null ? null : VoteKind.valueOf((String) row[0]);
        return new VoteChange(id, voter, before, vote, ((Number) row[1]).longValue(), ((Number) row[2]).longValue());
    }

    @Override
    public boolean searchKeys() {
        return true;
    }
}
