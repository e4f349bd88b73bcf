package org.forumkit.jpa;

import jakarta.persistence.EntityManager;
import jakarta.persistence.TypedQuery;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.forumkit.model.MostSupportedRequest;
import org.forumkit.model.PostId;
import org.forumkit.model.PostState;
import org.forumkit.model.Quote;
import org.forumkit.model.SourceState;
import org.forumkit.model.SupportCursor;
import org.forumkit.model.TopicId;
import org.forumkit.model.UserId;
import org.forumkit.model.VoteKind;
import org.forumkit.spi.store.StoredTopicPage;

/**
 * A topic's posts in the most-supported order, keyset-paged on the index {@code ix_fk_post_support} (V17:
 * topic, support descending, floor). A cursor (s, f) is two index ranges read in order: the ties
 * {@code support = s and floor > f}, then {@code support < s}; a single {@code (support < s or (support = s and
 * floor > f))} predicate would have every database scan all the ties before the cursor first.
 */
final class SupportRanking extends Rows {
    private static final String COLUMNS = "select p.id, p.floor, p.authorId, p.authorName, p.createdAt, p.editedAt,"
            + " p.revision, p.body, p.format, p.html, p.renderer, p.state, p.replyToFloor, p.support, p.oppose, v.kind"
            + " from ForumkitPost p left join ForumkitVote v on v.postId = p.id and v.voter = :viewer"
            + " where p.topicId = :topic and p.state <> :deleted";

    /** The page header's one statement, shared with the floor-range page. */
    private final JdbcReads reads;

    SupportRanking(EntityManager em, JdbcReads reads) {
        super(em);
        this.reads = reads;
    }

    Optional<StoredTopicPage> mostSupported(TopicId topicId, MostSupportedRequest request, Optional<UserId> viewer) {
        // 1: the topic with its board and the viewer's bans there that are not lifted, as a floor range reads them.
        Optional<JdbcReads.Header> header = reads.header(em, topicId, viewer);
        if (header.isEmpty()) {
            return Optional.empty();
        }

        // 2: the posts, each with the viewer's vote; at most two index ranges.
        String author = request.optionalOnlyAuthor().map(UserId::value).orElse(null);
        String byAuthor = author == null ? "" : " and p.authorId = :author";
        List<Object[]> rows = new ArrayList<>();
        Optional<SupportCursor> after = request.optionalAfter();
        if (after.isPresent()) {
            rows.addAll(posts(COLUMNS + byAuthor + " and p.support = :support and p.floor > :floor order by p.floor",
                    topicId, viewer, author, request.size())
                    .setParameter("support", after.get().support())
                    .setParameter("floor", after.get().floor())
                    .getResultList());
        }
        if (rows.size() < request.size()) {
            TypedQuery<Object[]> rest = posts(COLUMNS + byAuthor + (after.isPresent() ? " and p.support < :support" : "")
                    + " order by p.support desc, p.floor", topicId, viewer, author, request.size() - rows.size());
            after.ifPresent(cursor -> rest.setParameter("support", cursor.support()));
            rows.addAll(rest.getResultList());
        }
        List<PostEntity> posts = new ArrayList<>();
        Map<PostId, VoteKind> viewerVotes = new HashMap<>();
        for (Object[] row : rows) {
            PostEntity post = new PostEntity();
            post.id = (Long) row[0];
            post.topicId = topicId.value();
            post.floor = (Integer) row[1];
            post.authorId = (String) row[2];
            post.authorName = (String) row[3];
            post.createdAt = (Instant) row[4];
            post.editedAt = (Instant) row[5];
            post.revision = (Integer) row[6];
            post.body = (String) row[7];
            post.format = (String) row[8];
            post.html = (String) row[9];
            post.renderer = (String) row[10];
            post.state = (String) row[11];
            post.replyToFloor = (Integer) row[12];
            post.support = (Long) row[13];
            post.oppose = (Long) row[14];
            posts.add(post);
            if (row[15] != null) {
                viewerVotes.put(PostId.of(post.id), VoteKind.valueOf((String) row[15]));
            }
        }

        // 3: their quotes, each with its source's current revision and state.
        Map<Long, List<Quote>> quotes = new HashMap<>();
        Map<PostId, SourceState> sources = new HashMap<>();
        List<Long> ids = posts.stream().map(p -> p.id).toList();
        if (!ids.isEmpty()) {
            for (Object[] row : em.createQuery("select q.postId, q.sourcePostId, q.sourceFloor, q.sourceAuthorId,"
                            + " q.sourceAuthorName, q.sourcePostedAt, q.sourceRevision, q.excerpt, q.whole, q.truncated,"
                            + " s.revision, s.state from ForumkitQuote q, ForumkitPost s"
                            + " where q.postId in :ids and s.id = q.sourcePostId order by q.postId, q.position",
                            Object[].class)
                    .setParameter("ids", ids)
                    .getResultList()) {
                PostId source = PostId.of((Long) row[1]);
                quotes.computeIfAbsent((Long) row[0], k -> new ArrayList<>()).add(new Quote(source, (Integer) row[2],
                        Records.author((String) row[3], (String) row[4]), (Instant) row[5], (Integer) row[6],
                        (String) row[7], (Boolean) row[8], (Boolean) row[9]));
                sources.put(source, new SourceState((Integer) row[10], PostState.valueOf((String) row[11])));
            }
        }
        return Optional.of(new StoredTopicPage(header.get().board(), header.get().topic(),
                posts.stream().map(p -> Records.post(p, quotes.getOrDefault(p.id, List.of()))).toList(), viewerVotes,
                sources, header.get().bans()));
    }

    private TypedQuery<Object[]> posts(String jpql, TopicId topic, Optional<UserId> viewer, String author, int limit) {
        TypedQuery<Object[]> query = em.createQuery(jpql, Object[].class)
                .setParameter("topic", topic.value())
                .setParameter("viewer", viewer.map(UserId::value).orElse(""))
                .setParameter("deleted", PostState.DELETED.name())
                .setMaxResults(limit);
        if (author != null) {
            query.setParameter("author", author);
        }
        return query;
    }
}
