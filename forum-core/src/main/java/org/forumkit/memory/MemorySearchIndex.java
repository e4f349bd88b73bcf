package org.forumkit.memory;

import java.util.Collection;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;
import org.forumkit.NotFoundException;
import org.forumkit.model.Post;
import org.forumkit.model.PostId;
import org.forumkit.model.Topic;
import org.forumkit.spi.store.IndexedTerm;
import org.forumkit.spi.store.PostInTopic;
import org.forumkit.spi.store.SearchCandidate;
import org.forumkit.spi.store.SearchIndexWriter;
import org.forumkit.spi.store.SearchMatch;

/**
 * The search index of an {@link InMemoryForumStore}: an inverted map from term to posts, intersected per query and
 * filtered against the live post and topic rows. Without an undo log it only reads.
 */
final class MemorySearchIndex implements SearchIndexWriter {

    private final Tables db;
    private final UndoLog log;

    MemorySearchIndex(Tables db, UndoLog log) {
        this.db = db;
        this.log = log;
    }

    @Override
    public List<SearchCandidate> match(SearchMatch match) {
        Set<PostId> found = null;
        for (String term : match.terms()) {
            Set<PostId> posts = db.postings.getOrDefault(term, Set.of());
            if (found == null) {
                found = new HashSet<>(posts);
            } else {
                found.retainAll(posts);
            }
        }
        Comparator<SearchCandidate> order = match.order().comparator();
        return found.stream()
                .map(db.posts::get)
                .filter(post -> keeps(match, post))
                .flatMap(post -> candidate(match, post))
                .filter(c -> match.after().map(after -> order.compare(c, after) > 0).orElse(true))
                .sorted(order)
                .limit(match.limit())
                .toList();
    }

    private boolean keeps(SearchMatch match, Post post) {
        Topic topic = db.topics.get(post.topicId());
        return post.isVisible() && match.boards().contains(topic.boardId())
                && match.author().map(a -> a.equals(post.author().id())).orElse(true)
                && match.topic().map(t -> t.equals(post.topicId())).orElse(true)
                && match.from().map(from -> !post.createdAt().isBefore(from)).orElse(true)
                && match.to().map(to -> post.createdAt().isBefore(to)).orElse(true);
    }

    private Stream<SearchCandidate> candidate(SearchMatch match, Post post) {
        long score = 0;
        Set<String> seen = new HashSet<>();
        for (IndexedTerm term : db.searchTerms.get(post.id())) {
            if (match.terms().contains(term.term()) && (term.title() || !match.titlesOnly())) {
                score += term.weight();
                seen.add(term.term());
            }
        }
        return seen.size() == match.terms().size()
                ? Stream.of(new SearchCandidate(post.id(), post.topicId(), score, post.createdAt()))
                : Stream.empty();
    }

    @Override
    public List<PostInTopic> postsInIdOrder(Optional<PostId> after, int limit) {
        return db.posts.values().stream()
                .filter(post -> after.map(a -> post.id().compareTo(a) > 0).orElse(true))
                .sorted(Comparator.comparing(Post::id))
                .limit(Math.max(limit, 0))
                .map(post -> {
                    Topic topic = db.topics.get(post.topicId());
                    return new PostInTopic(post, topic, db.boards.get(topic.boardId()));
                })
                .toList();
    }

    @Override
    public void add(PostId post, Collection<IndexedTerm> terms) {
        if (db.searchTerms.containsKey(post)) {
            throw new IllegalStateException("post " + post + " is indexed already");
        }
        put(post, terms);
    }

    @Override
    public void replace(PostId post, Collection<IndexedTerm> terms) {
        for (String old : distinct(db.searchTerms.getOrDefault(post, List.of()))) {
            writable().remove(db.postings.get(old), post);
        }
        put(post, terms);
    }

    private void put(PostId post, Collection<IndexedTerm> terms) {
        if (!db.posts.containsKey(post)) {
            throw new NotFoundException(NotFoundException.Kind.POST, post);
        }
        List<IndexedTerm> copy = List.copyOf(terms);
        writable().put(db.searchTerms, post, copy);
        for (String term : distinct(copy)) {
            Set<PostId> posts = writable().child(db.postings, term, HashSet::new);
            if (!posts.contains(post)) {
                log.add(posts, post);
            }
        }
    }

    private static Set<String> distinct(List<IndexedTerm> terms) {
        Set<String> distinct = new HashSet<>();
        terms.forEach(term -> distinct.add(term.term()));
        return distinct;
    }

    private UndoLog writable() {
        if (log == null) {
            throw new IllegalStateException("a read-only transaction cannot change the search index");
        }
        return log;
    }
}
