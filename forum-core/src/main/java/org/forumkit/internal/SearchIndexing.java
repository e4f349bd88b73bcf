package org.forumkit.internal;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.forumkit.model.Post;
import org.forumkit.model.PostId;
import org.forumkit.spi.store.IndexedTerm;
import org.forumkit.spi.store.PostInTopic;
import org.forumkit.spi.store.StoreTransaction;
import org.jsoup.Jsoup;

/**
 * Writes a post's search terms in the transaction that writes the post: its body's plain text, and on the opening
 * post the topic's title. State, board and author are not indexed (the store reads them live), so deleting,
 * approving, restoring and moving change nothing here.
 */
final class SearchIndexing {
    /** A title term counts this many times an occurrence in a body. */
    static final int TITLE_WEIGHT = 3;

    private final SearchAnalysis analysis;

    SearchIndexing(SearchAnalysis analysis) {
        this.analysis = analysis;
    }

    /** Indexes a post written in this transaction; {@code title} is the topic's for an opening post. */
    void added(StoreTransaction tx, Post post, Optional<String> title) {
        tx.searchIndex().add(post.id(), terms(post, title));
    }

    /**
     * The body terms of {@code html}, analysed before the store takes its row lock (parsing and analysis are the
     * CPU of this step), for {@link #added(StoreTransaction, Post, Optional, List)} after it.
     */
    List<IndexedTerm> bodyTerms(String html) {
        List<IndexedTerm> terms = new ArrayList<>();
        add(terms, analysis.documentTerms(plainText(html)), false);
        return terms;
    }

    /** As {@link #added(StoreTransaction, Post, Optional)} with the body's terms analysed already. */
    void added(StoreTransaction tx, Post post, Optional<String> title, List<IndexedTerm> bodyTerms) {
        tx.searchIndex().add(post.id(), withTitle(title, bodyTerms));
    }

    /** As {@link #replaced(StoreTransaction, Post, Optional)} with the body's terms analysed already. */
    void replaced(StoreTransaction tx, Post post, Optional<String> title, List<IndexedTerm> bodyTerms) {
        tx.searchIndex().replace(post.id(), withTitle(title, bodyTerms));
    }

    private List<IndexedTerm> withTitle(Optional<String> title, List<IndexedTerm> bodyTerms) {
        List<IndexedTerm> terms = new ArrayList<>();
        title.ifPresent(t -> add(terms, analysis.documentTerms(t), true));
        terms.addAll(bodyTerms);
        return terms;
    }

    /** Re-indexes a post whose text changed (an edit), or any post (a re-index). */
    void replaced(StoreTransaction tx, Post post, Optional<String> title) {
        tx.searchIndex().replace(post.id(), terms(post, title));
    }

    /** Re-indexes a batch of posts (a re-index) in one store call, so the store can write them together. */
    void replacedAll(StoreTransaction tx, List<PostInTopic> posts) {
        Map<PostId, List<IndexedTerm>> terms = new LinkedHashMap<>();
        for (PostInTopic p : posts) {
            terms.put(p.post().id(), terms(p.post(), p.post().isOpening() ? Optional.of(p.topic().title())
                    : Optional.empty()));
        }
        tx.searchIndex().replaceAll(terms);
    }

    /** The text a post is searched and excerpted by: its rendered body as plain text, never markup. */
    static String plainText(Post post) {
        return plainText(post.html());
    }

    private static String plainText(String html) {
        return SimpleHtml.isSimple(html) ? SimpleHtml.text(html) : Jsoup.parse(html).text();
    }

    private List<IndexedTerm> terms(Post post, Optional<String> title) {
        List<IndexedTerm> terms = new ArrayList<>();
        title.ifPresent(t -> add(terms, analysis.documentTerms(t), true));
        add(terms, analysis.documentTerms(plainText(post)), false);
        return terms;
    }

    private static void add(List<IndexedTerm> out, Map<String, Integer> counts, boolean title) {
        counts.forEach((term, count) -> {
            if (term.length() <= IndexedTerm.MAX_LENGTH) {
                out.add(new IndexedTerm(term, title, title ? count * TITLE_WEIGHT : count));
            }
        });
    }
}
