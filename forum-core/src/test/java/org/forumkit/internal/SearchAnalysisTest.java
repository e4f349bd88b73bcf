package org.forumkit.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class SearchAnalysisTest {
    private final SearchAnalysis analysis = new SearchAnalysis();

    @Test
    void chineseIsIndexedAsCharactersAndOverlappingBigrams() {
        assertThat(analysis.documentTerms("支持中文吗").keySet())
                .containsExactlyInAnyOrder("支", "支持", "持", "持中", "中", "中文", "文", "文吗", "吗");
    }

    @Test
    void aChineseQueryNeedsItsBigramsAndALoneCharacterItself() {
        assertThat(analysis.queryTerms("中文")).containsExactly("中文");
        assertThat(analysis.queryTerms("中")).containsExactly("中");
        assertThat(analysis.queryTerms("支持中文")).containsExactly("支持", "持中", "中文");
        assertThat(analysis.documentTerms("支持中文吗").keySet()).containsAll(analysis.queryTerms("支持中文"));
    }

    @Test
    void otherScriptsAreNormalisedWords() {
        assertThat(analysis.documentTerms("Ｈｅｌｌｏ WORLD, hello!")).containsEntry("hello", 2).containsEntry("world", 1);
        assertThat(analysis.queryTerms("ＨＥＬＬＯ")).containsExactly("hello");
        assertThat(analysis.queryTerms("ﬁle")).containsExactly("file");
        assertThat(analysis.queryTerms("e\u0301t\u00E9")).isEqualTo(analysis.queryTerms("\u00E9t\u00E9"));
    }

    @Test
    void mixedTextSplitsAtTheScriptBoundary() {
        assertThat(analysis.documentTerms("用Java写forum").keySet()).contains("java", "forum", "用", "写");
        assertThat(analysis.documentTerms("ｶﾀｶﾅ").keySet()).contains("カタ", "タカ", "カナ");
    }

    @Test
    void invisibleCharactersDoNotSplitWordsAndBrokenTextDoesNotFail() {
        assertThat(analysis.queryTerms("wo\u200Drd")).containsExactly("word");
        assertThat(analysis.queryTerms("\u202Eabc\u202C")).containsExactly("abc");
        assertThat(analysis.queryTerms("ab\uD800cd")).containsExactly("ab", "cd");
        assertThat(analysis.queryTerms("%_\\'\";--*?")).isEmpty();
        assertThat(analysis.queryTerms("x")).isEmpty();
    }

    @Test
    void theShortcutForCommonCharactersFoldsThemAsNormalisationDoes() {
        int shortcut = 0;
        for (char c = 0; c < 0xFFFF; c++) {
            char folded = SearchAnalysis.Normalized.folded(c);
            if (folded != 0) {
                shortcut++;
                assertThat(String.valueOf(folded)).as("U+%04X", (int) c)
                        .isEqualTo(SearchAnalysis.Normalized.fold(String.valueOf(c)));
            }
        }
        assertThat(shortcut).as("ASCII, CJK ideographs, kana, hangul").isGreaterThan(30_000);
        assertThat(analysis.documentTerms("ABC 回复 ｱ").keySet())
                .containsExactlyInAnyOrder("abc", "回", "回复", "复", "ア");
    }

    @Test
    void tokensPointBackIntoTheOriginalText() {
        String text = "ＡＢ 支持\u200D中文 e\u0301te";
        List<SearchAnalysis.Token> tokens = analysis.tokens(text);
        assertThat(tokens).extracting(SearchAnalysis.Token::term)
                .containsExactly("ab", "支", "持", "中", "文", "éte");
        assertThat(tokens).allSatisfy(t -> assertThat(text.substring(t.start(), t.end())).isNotBlank());
        assertThat(text.substring(tokens.get(0).start(), tokens.get(0).end())).isEqualTo("ＡＢ");
        assertThat(text.substring(tokens.get(4).start(), tokens.get(4).end())).isEqualTo("文");
        assertThat(text.substring(tokens.get(5).start(), tokens.get(5).end())).isEqualTo("e\u0301te");
    }
}
