package org.forumkit.jpa;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import org.forumkit.spi.store.IndexedTerm;
import org.junit.jupiter.api.Test;

/** A post's keys and weights, as {@code fk_search_doc} holds them, against a plain map of key to summed weight. */
class SearchKeysTest {

    @Test
    void keysAscendWithoutRepeatsAndHeavyOnesCarryTheirSummedWeights() {
        Random random = new Random(0x4B657973L);
        String[] words = {"回", "回复", "复", "forum", "java", "中文", "a1", "zz"};
        for (int n = 0; n < 500; n++) {
            List<IndexedTerm> terms = new ArrayList<>();
            Map<Long, Integer> expected = new TreeMap<>();
            for (int t = random.nextInt(12); t > 0; t--) {
                IndexedTerm term = new IndexedTerm(words[random.nextInt(words.length)], random.nextInt(4) == 0,
                        1 + random.nextInt(3));
                terms.add(term);
                expected.merge(SearchKeys.key(term.term()), term.weight(), Integer::sum);
                if (term.title()) {
                    expected.merge(SearchKeys.titleKey(term.term()), term.weight(), Integer::sum);
                }
            }
            SearchKeys.Doc doc = SearchKeys.doc(terms);
            assertThat(doc.keys()).containsExactly(expected.keySet().stream().mapToLong(Long::longValue).toArray());
            assertThat(doc.heavyKeys()).containsExactly(expected.entrySet().stream().filter(e -> e.getValue() > 1)
                    .mapToLong(Map.Entry::getKey).toArray());
            assertThat(doc.heavyWeights()).containsExactly(expected.values().stream().filter(w -> w > 1)
                    .mapToInt(Integer::intValue).toArray());
        }
    }

    @Test
    void arrayLiteralsAreCommaSeparatedInBraces() {
        assertThat(SearchKeys.literal(new long[0])).isEqualTo("{}");
        assertThat(SearchKeys.literal(new long[] {-5, 0, Long.MAX_VALUE})).isEqualTo("{-5,0,9223372036854775807}");
        assertThat(SearchKeys.literal(new int[] {3})).isEqualTo("{3}");
        assertThat(SearchKeys.literal(new int[] {2, 10})).isEqualTo("{2,10}");
    }
}
