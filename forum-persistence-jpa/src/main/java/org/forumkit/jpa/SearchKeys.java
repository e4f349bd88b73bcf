package org.forumkit.jpa;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.Collection;
import org.forumkit.spi.store.IndexedTerm;

/**
 * The 64-bit keys of {@code fk_search_doc}: the first 8 bytes of the MD5 of a term's UTF-8, big-endian, as the
 * migration V14 computes them in SQL ({@code CAST(CAST('x' || left(md5(term), 16) AS BIT(64)) AS BIGINT)}); a title
 * term has a second key, of U+0001 and the term. MD5 is no security here, only a spread that both Java and
 * PostgreSQL compute without an extension; two terms may share a key, which core's re-check of the text absorbs.
 */
final class SearchKeys {
    private static final String TITLE_MARK = "\u0001";

    /** A post's keys in ascending order, and the weights of those that weigh more than 1, in the same order. */
    record Doc(long[] keys, long[] heavyKeys, int[] heavyWeights) {
    }

    /** One digest per thread: looking MD5 up in the security providers for every term showed in a
     * re-index's stack samples. */
    private static final ThreadLocal<MessageDigest> MD5 = ThreadLocal.withInitial(() -> {
        try {
            return MessageDigest.getInstance("MD5");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform has MD5", e);
        }
    });

    private SearchKeys() {
    }

    static long key(String term) {
        return key(MD5.get(), term);
    }

    private static long key(MessageDigest md5, String term) {
        byte[] digest = md5.digest(term.getBytes(StandardCharsets.UTF_8));
        long key = 0;
        for (int i = 0; i < 8; i++) {
            key = key << 8 | (digest[i] & 0xFF);
        }
        return key;
    }

    /** The key a term has when it stands in a topic's title. */
    static long titleKey(String term) {
        return key(TITLE_MARK + term);
    }

    /** The keys of a post: a term's key weighs its title and body weights, a title key the title weight alone. */
    static Doc doc(Collection<IndexedTerm> terms) {
        // parallel arrays, sorted once: no boxed key or weight per term (a reply's index row is written per reply)
        MessageDigest md5 = MD5.get();
        long[] termKeys = new long[terms.size() * 2];
        int[] termWeights = new int[termKeys.length];
        int n = 0;
        for (IndexedTerm term : terms) {
            termKeys[n] = key(md5, term.term());
            termWeights[n++] = term.weight();
            if (term.title()) {
                termKeys[n] = key(md5, TITLE_MARK + term.term());
                termWeights[n++] = term.weight();
            }
        }
        long[] keys = Arrays.copyOf(termKeys, n);
        Arrays.sort(keys);
        int distinct = 0;
        for (int i = 0; i < n; i++) {
            if (distinct == 0 || keys[distinct - 1] != keys[i]) {
                keys[distinct++] = keys[i];
            }
        }
        keys = Arrays.copyOf(keys, distinct);
        int[] weights = new int[distinct];
        for (int i = 0; i < n; i++) {
            weights[Arrays.binarySearch(keys, termKeys[i])] += termWeights[i];
        }
        int heavy = 0;
        for (int weight : weights) {
            heavy += weight > 1 ? 1 : 0;
        }
        long[] heavyKeys = new long[heavy];
        int[] heavyWeights = new int[heavy];
        for (int i = 0, h = 0; i < distinct; i++) {
            if (weights[i] > 1) {
                heavyKeys[h] = keys[i];
                heavyWeights[h++] = weights[i];
            }
        }
        return new Doc(keys, heavyKeys, heavyWeights);
    }

    /** An array literal for {@code CAST(? AS BIGINT[])}: no driver-specific array binding needed. */
    static String literal(long[] values) {
        StringBuilder out = new StringBuilder(2 + values.length * 21).append('{');
        for (int i = 0; i < values.length; i++) {
            out.append(i == 0 ? "" : ",").append(values[i]);
        }
        return out.append('}').toString();
    }

    static String literal(int[] values) {
        StringBuilder out = new StringBuilder(2 + values.length * 11).append('{');
        for (int i = 0; i < values.length; i++) {
            out.append(i == 0 ? "" : ",").append(values[i]);
        }
        return out.append('}').toString();
    }
}
