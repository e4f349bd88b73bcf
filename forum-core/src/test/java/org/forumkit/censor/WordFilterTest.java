package org.forumkit.censor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class WordFilterTest {
    private final WordFilter filter = WordFilter.builder()
            .add(CensorAction.REPLACE, "广告", "ad", "fool")
            .add(CensorAction.MODERATE, "代开发票")
            .add(CensorAction.REJECT, "赌博网站", "casino")
            .build();

    @Nested
    @DisplayName("normalisation")
    class Normalisation {
        @ParameterizedTest(name = "{0}")
        @ValueSource(strings = {
            "广告", "广*告", "广 告", "广　告", "广\u200B告", "广\u200C告", "广\u200D告", "广\u2060告", "广\uFEFF告",
            "广-_-告", "广.告", "广\n告", "广\t告", "广【告", "广★告", "广\u202E告"
        })
        @DisplayName("finds 广告 through separators and invisible characters")
        void chinese(String text) {
            CensorResult result = filter.check("这是" + text + "啊");
            assertThat(result.action()).isEqualTo(CensorAction.REPLACE);
            assertThat(result.words()).containsExactly("广告");
            assertThat(result.text()).startsWith("这是").endsWith("啊").doesNotContain("广", "告");
        }

        @ParameterizedTest(name = "{0}")
        @ValueSource(strings = {"ad", "AD", "Ad", "ＡＤ", "ａｄ", "Ａd", "a d", "a.d", "a\u200Bd", "A-D", "ⓐⓓ"})
        @DisplayName("finds ad in any case, width and spacing")
        void latin(String text) {
            CensorResult result = filter.check("buy " + text + " now");
            assertThat(result.words()).as(text).containsExactly("ad");
            assertThat(result.text()).startsWith("buy ").endsWith(" now");
        }

        @ParameterizedTest(name = "{0}")
        @ValueSource(strings = {"bad day", "I had a dog", "ready", "adverb", "Nomad", "lead\u200Bing"})
        @DisplayName("matches words of spaced scripts as whole words only")
        void wholeWords(String text) {
            assertThat(filter.check(text).matched()).as(text).isFalse();
        }

        @Test
        @DisplayName("folds compatibility forms and combining accents like the word list")
        void compatibility() {
            WordFilter accents = WordFilter.builder().add(CensorAction.REJECT, "café").build();
            assertThat(accents.check("le cafe\u0301 noir").action()).isEqualTo(CensorAction.REJECT);
            assertThat(accents.check("LE CAFÉ").action()).isEqualTo(CensorAction.REJECT);
            assertThat(accents.check("le cafe noir").matched()).isFalse();
            assertThat(filter.check("ＣＡＳＩＮＯ！").action()).isEqualTo(CensorAction.REJECT);
        }
    }

    @Nested
    @DisplayName("actions")
    class Actions {
        @Test
        @DisplayName("report the strongest action and every matched word in order")
        void strongest() {
            CensorResult result = filter.check("广告 代开发票 赌博网站 广告");
            assertThat(result.action()).isEqualTo(CensorAction.REJECT);
            assertThat(result.words()).containsExactly("广告", "代开发票", "赌博网站");
            assertThat(filter.check("代开发票").action()).isEqualTo(CensorAction.MODERATE);
        }

        @Test
        @DisplayName("replace only REPLACE words, one star per character, keeping the rest")
        void replace() {
            CensorResult result = filter.check("Fool! 广 告和代开发票");
            assertThat(result.text()).isEqualTo("****! ***和代开发票");
        }

        @Test
        @DisplayName("leave clean text untouched")
        void clean() {
            CensorResult result = filter.check("一、着眼高水平崛起核心任务");
            assertThat(result.matched()).isFalse();
            assertThat(result.words()).isEmpty();
            assertThat(result.text()).isEqualTo("一、着眼高水平崛起核心任务");
            assertThat(WordFilter.empty().check("广告").matched()).isFalse();
        }

        @Test
        @DisplayName("keep the strongest action of a word listed twice")
        void listedTwice() {
            WordFilter twice = WordFilter.builder().add(CensorAction.REJECT, "spam")
                    .add(CensorAction.REPLACE, "SPAM").build();
            assertThat(twice.size()).isEqualTo(1);
            assertThat(twice.check("spam").action()).isEqualTo(CensorAction.REJECT);
        }

        @Test
        @DisplayName("refuse words that are nothing but separators")
        void emptyWord() {
            assertThatIllegalArgumentException().isThrownBy(() -> WordFilter.builder()
                    .add(CensorAction.REJECT, "*-*")).withMessageContaining("*-*");
        }
    }

    @Nested
    @DisplayName("offsets")
    class Offsets {
        @Test
        @DisplayName("map matches back past surrogate pairs and replace a pair with one star")
        void surrogates() {
            WordFilter emoji = WordFilter.builder().add(CensorAction.REPLACE, "𠮷野", "ad").build();
            CensorResult result = emoji.check("😀𠮷野家😀 a😀d 😀ad😀");
            assertThat(result.text()).isEqualTo("😀**家😀 *** 😀**😀");
        }

        @Test
        @DisplayName("replace overlapping matches as one range")
        void overlapping() {
            WordFilter overlap = WordFilter.builder().add(CensorAction.REPLACE, "发票", "代开发").build();
            assertThat(overlap.check("代开发票吗").text()).isEqualTo("****吗");
        }

        @Test
        @DisplayName("star a match through full-width and zero-width characters in the original text")
        void originalRange() {
            assertThat(filter.check("看ＡＤ\u200B!").text()).isEqualTo("看**\u200B!");
            assertThat(filter.check("x 广\u200B告 y").text()).isEqualTo("x *** y");
        }
    }

    @Test
    @DisplayName("finds each of thousands of words, and only those, in a long text")
    void thousandsOfWords() {
        Random random = new Random(42);
        List<String> words = new ArrayList<>();
        for (int i = 0; i < 5000; i++) {
            StringBuilder word = new StringBuilder();
            int length = 2 + random.nextInt(4);
            for (int k = 0; k < length; k++) {
                word.append((char) (0x4E00 + random.nextInt(2000)));
            }
            words.add(word.toString());
        }
        WordFilter big = WordFilter.builder().add(CensorAction.REPLACE, words).build();
        List<String> planted = List.of(words.get(0), words.get(1234), words.get(4999));
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < 20_000; i++) {
            // Filler outside the words' range, so only the planted words can match.
            text.append((char) (0x5800 + random.nextInt(500)));
            if (i % 7000 == 0) {
                text.append(planted.get(i / 7000));
            }
        }
        CensorResult result = big.check(text.toString());
        assertThat(big.size()).isEqualTo(new java.util.HashSet<>(words).size());
        assertThat(result.words()).containsExactlyElementsOf(planted);
        assertThat(result.text().chars().filter(c -> c == '*').count())
                .isEqualTo(planted.stream().mapToInt(String::length).sum());
    }
}
