package org.forumkit.internal;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;
import org.forumkit.ForumSettings.SearchLimits;
import org.forumkit.Search;
import org.forumkit.ValidationException;
import org.forumkit.Violation;
import org.forumkit.internal.SearchAnalysis.Token;
import org.forumkit.internal.SearchText.Span;
import org.forumkit.model.Action;
import org.forumkit.model.Board;
import org.forumkit.model.BoardId;
import org.forumkit.model.Post;
import org.forumkit.model.PostId;
import org.forumkit.model.Page;
import org.forumkit.model.PageRequest;
import org.forumkit.model.SearchCursor;
import org.forumkit.model.SearchHit;
import org.forumkit.model.SearchOrder;
import org.forumkit.model.SearchQuery;
import org.forumkit.model.Topic;
import org.forumkit.model.TopicId;
import org.forumkit.model.Viewer;
import org.forumkit.spi.store.ForumStore;
import org.forumkit.spi.store.PostInTopic;
import org.forumkit.spi.store.SearchCandidate;
import org.forumkit.spi.store.SearchMatch;
import org.forumkit.spi.store.StoreReader;

/**
 * Search: the store's index proposes candidates among the boards the viewer may read, then every candidate is read
 * again and kept only when the normal read rules show it to this viewer and its text holds every phrase. Nothing
 * is cached between calls, so no viewer ever sees another's result list.
 */
final class SearchService implements Search {
    /** Most candidates read per page before a short page is returned with a cursor: bounds the work of a call. */
    private static final int MAX_ROUNDS = 4;

    private final ForumStore store;
    private final AccessRules access;
    private final SearchAnalysis analysis;
    private final SearchIndexing indexing;
    private final SearchThrottle throttle;
    private final SearchLimits limits;

    SearchService(ForumStore store, AccessRules access, SearchAnalysis analysis, SearchIndexing indexing,
            SearchThrottle throttle, SearchLimits limits) {
        this.store = store;
        this.access = access;
        this.analysis = analysis;
        this.indexing = indexing;
        this.throttle = throttle;
        this.limits = limits;
    }

    @Override
    public Page<SearchHit, SearchCursor> find(Viewer viewer, SearchQuery query, PageRequest<SearchCursor> page) {
        Objects.requireNonNull(viewer, "viewer");
        Objects.requireNonNull(query, "query");
        Objects.requireNonNull(page, "page");
        SearchRequest request = SearchRequest.parse(analysis, limits, query);
        throttle.acquire(viewer);
        return store.readOnly(reader -> {
            Set<BoardId> boards = boards(reader, viewer, query);
            if (boards.isEmpty()) {
                return Page.of(List.of(), null);
            }
            return page(reader, viewer, query, request, boards, page);
        });
    }

    private Page<SearchHit, SearchCursor> page(StoreReader reader, Viewer viewer, SearchQuery query,
            SearchRequest request, Set<BoardId> boards, PageRequest<SearchCursor> page) {
        int limit = Math.min(page.size(), limits.maxHitsPerPage());
        List<SearchHit> hits = new ArrayList<>();
        Map<TopicId, List<Token>> titles = new HashMap<>();
        Optional<SearchCandidate> after = page.optionalAfter()
                .map(c -> new SearchCandidate(c.post(), c.topic(), c.score(), c.createdAt()));
        int batch = Math.max(10, limit * 2);
        for (int round = 0; round < MAX_ROUNDS; round++) {
            List<SearchCandidate> candidates = reader.searchIndex().match(new SearchMatch(request.terms(),
                    query.titlesOnly(), boards, Optional.ofNullable(query.author()), Optional.ofNullable(query.topic()),
                    Optional.ofNullable(query.from()), Optional.ofNullable(query.to()), order(query), after, batch));
            // re-checked in chunks of what the page still lacks, each read in one store call: never more
            // candidates than before, one at a time, and a fixed number of queries for a page whose hits all hold
            for (int next = 0; next < candidates.size(); ) {
                if (hits.size() == limit) {
                    return Page.of(hits, cursor(after.orElseThrow()));
                }
                List<SearchCandidate> chunk = candidates.subList(next, Math.min(candidates.size(),
                        next + limit - hits.size()));
                Map<PostId, PostInTopic> found = reader.postsInTopic(chunk.stream().map(SearchCandidate::post)
                        .toList());
                for (SearchCandidate candidate : chunk) {
                    after = Optional.of(candidate);
                    Optional.ofNullable(found.get(candidate.post()))
                            .flatMap(post -> hit(viewer, query, request, boards, post, titles))
                            .ifPresent(hits::add);
                }
                next += chunk.size();
            }
            if (candidates.size() < batch) {
                return Page.of(hits, null);
            }
        }
        return Page.of(hits, after.map(SearchService::cursor).orElse(null));
    }

    private static SearchCursor cursor(SearchCandidate last) {
        return new SearchCursor(last.post(), last.topic(), last.score(), last.createdAt());
    }

    /** The hit when the viewer may read the post now and it really holds every phrase; empty otherwise. */
    private Optional<SearchHit> hit(Viewer viewer, SearchQuery query, SearchRequest request, Set<BoardId> boards,
            PostInTopic found, Map<TopicId, List<Token>> titles) {
        Post post = found.post();
        Topic topic = found.topic();
        Board board = found.board();
        if (!post.isVisible() || !boards.contains(board.id())
                || !access.decide(viewer, Action.VIEW, board, Optional.of(topic)).allowed()
                || !access.canSee(viewer, board, post)) {
            return Optional.empty();
        }
        List<Token> title = titles.computeIfAbsent(topic.id(), id -> analysis.tokens(topic.title()));
        String text = SearchIndexing.plainText(post);
        List<Token> body = query.titlesOnly() ? List.of() : analysis.tokens(text);
        List<Token> titleIfIndexed = post.isOpening() ? title : List.of();
        for (List<String> phrase : request.phrases()) {
            if (!SearchText.containsAll(titleIfIndexed, List.of(phrase))
                    && !SearchText.containsAll(body, List.of(phrase))) {
                return Optional.empty();
            }
        }
        List<Span> inTitle = SearchText.find(title, request.phrases());
        List<Span> inBody = SearchText.find(query.titlesOnly() ? analysis.tokens(text) : body, request.phrases());
        return Optional.of(new SearchHit(board.id(), topic.id(), post.id(), post.floor(), post.author(),
                post.createdAt(), SearchText.highlight(topic.title(), inTitle), SearchText.excerpt(text, inBody)));
    }

    /** The boards searched: those the viewer may view, narrowed to the query's board (and its sub-boards). */
    private Set<BoardId> boards(StoreReader reader, Viewer viewer, SearchQuery query) {
        List<Board> all = reader.boards();
        Set<BoardId> wanted = null;
        if (query.board() != null) {
            wanted = new HashSet<>(Set.of(query.board()));
            boolean grew = query.includeSubBoards();
            while (grew) {
                grew = false;
                for (Board board : all) {
                    if (board.parentId() != null && wanted.contains(board.parentId()) && wanted.add(board.id())) {
                        grew = true;
                    }
                }
            }
        }
        Set<BoardId> boards = new HashSet<>();
        for (Board board : all) {
            if ((wanted == null || wanted.contains(board.id()))
                    && access.decide(viewer, Action.VIEW, board, Optional.empty()).allowed()) {
                boards.add(board.id());
            }
        }
        return boards;
    }

    private static SearchMatch.Order order(SearchQuery query) {
        return query.order() == SearchOrder.NEWEST ? SearchMatch.Order.NEWEST : SearchMatch.Order.RELEVANCE;
    }

    @Override
    public long reindex(Optional<PostId> after, int batchSize, Consumer<ReindexProgress> progress) {
        Objects.requireNonNull(after, "after");
        Objects.requireNonNull(progress, "progress");
        if (batchSize < 1 || batchSize > 10_000) {
            throw new ValidationException(List.of(Violation.of("batchSize", "out_of_range", 1, 10_000)));
        }
        long done = 0;
        Optional<PostId> last = after;
        while (true) {
            Optional<PostId> from = last;
            List<PostInTopic> batch = store.inTransaction(tx -> {
                List<PostInTopic> posts = tx.searchIndex().postsInIdOrder(from, batchSize);
                // one call for the batch: the JPA store writes it in a few multi-row statements, not 2-3 per post
                indexing.replacedAll(tx, posts);
                return posts;
            });
            if (batch.isEmpty()) {
                return done;
            }
            done += batch.size();
            last = Optional.of(batch.get(batch.size() - 1).post().id());
            progress.accept(new ReindexProgress(done, last.get()));
        }
    }
}
