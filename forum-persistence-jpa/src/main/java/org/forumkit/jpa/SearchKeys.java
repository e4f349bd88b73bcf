package org.forumkit.jpa;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.Collection;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
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
        byte[] md5 = MD5.get().digest(term.getBytes(StandardCharsets.UTF_8));
        long key = 0;
        for (int i = 0; i < 8; i++) {
            key = key << 8 | (md5[i] & 0xFF);
        }
        return key;
    }

    /** The key a term has when it stands in a topic's title. */
    static long titleKey(String term) {
        return key(TITLE_MARK + term);
    }

    /** The keys of a post: a term's key weighs its title and body weights, a title key the title weight alone. */
    static Doc doc(Collection<IndexedTerm> terms) {
        Map<Long, Integer> weights = new TreeMap<>();
        for (IndexedTerm term : terms) {
            weights.merge(key(term.term()), term.weight(), Integer::sum);
            if (term.title()) {
                weights.merge(titleKey(term.term()), term.weight(), Integer::sum);
            }
        }
        long[] keys = weights.keySet().stream().mapToLong(Long::longValue).toArray();
        long[] heavy = weights.entrySet().stream().filter(e -> e.getValue() > 1).mapToLong(Map.Entry::getKey).toArray();
        int[] heavyWeights = weights.values().stream().filter(w -> w > 1).mapToInt(Integer::intValue).toArray();
        return new Doc(keys, heavy, heavyWeights);
    }

    /** An array literal for {@code CAST(? AS BIGINT[])}: no driver-specific array binding needed. */
    static String literal(long[] values) {
        return Arrays.stream(values).mapToObj(Long::toString).collect(Collectors.joining(",", "{", "}"));
    }

    static String literal(int[] values) {
        return Arrays.stream(values).mapToObj(Integer::toString).collect(Collectors.joining(",", "{", "}"));
    }
}
