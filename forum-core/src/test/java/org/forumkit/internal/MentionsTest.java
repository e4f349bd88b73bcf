package org.forumkit.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** Mentions in Chinese and Latin text, and the text that must never yield one. */
class MentionsTest {

    private static List<List<String>> of(String text) {
        return Mentions.candidates(text, 10);
    }

    @Test
    @DisplayName("a Chinese name ends at a space, at punctuation, at the end, or may run into the next word")
    void chineseBoundaries() {
        // between two Han characters every prefix is a candidate; the directory's longest existing one wins
        assertThat(of("@张三 你好")).containsExactly(List.of("张三", "张"));
        assertThat(of("@张三，你好")).containsExactly(List.of("张三", "张"));
        assertThat(of("谢谢@张三")).containsExactly(List.of("张三", "张"));
        assertThat(of("@张三你好")).containsExactly(List.of("张三你好", "张三你", "张三", "张"));
    }

    @Test
    @DisplayName("NFKC first: a full-width ＠ and full-width letters mention like their plain forms")
    void fullWidth() {
        assertThat(of("＠ｂｏｂ 来看")).containsExactly(List.of("bob"));
    }

    @Test
    @DisplayName("no mention after a Latin letter or digit, and a Latin name never stops inside a word")
    void latinBoundaries() {
        assertThat(of("mail a@b.com")).isEmpty();
        assertThat(of("@bob123 hi")).containsExactly(List.of("bob123"));
        assertThat(of("@bob.smith.")).containsExactly(List.of("bob.smith", "bob"));
    }

    @Test
    @DisplayName("nothing inside code or quotes")
    void codeAndQuotes() {
        assertThat(of("```\n@张三\n```")).isEmpty();
        assertThat(of("`@张三`")).isEmpty();
        assertThat(of("[code]@张三[/code] [quote=李四]@张三[/quote]")).isEmpty();
        assertThat(of("> @张三 说过\n@李四 你看")).containsExactly(List.of("李四", "李"));
    }

    @Test
    @DisplayName("regex metacharacters, zero-width and bidi characters end a name; they are never a pattern")
    void hostileCharacters() {
        assertThat(of("@.* @[a-z]+ @(?i)")).isEmpty();
        assertThat(of("@张\u200B三")).containsExactly(List.of("张"));
        assertThat(of("@\u202E张三")).isEmpty();
        assertThat(of("@")).isEmpty();
    }

    @Test
    @DisplayName("a thousand mentions are read no further than the cap, and a name no longer than 32 code points")
    void bounded() {
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < 1000; i++) {
            text.append("@user").append(i).append(' ');
        }
        assertThat(Mentions.candidates(text.toString(), 30)).hasSize(30);
        assertThat(of("@" + "长".repeat(100)).get(0).get(0)).hasSize(Mentions.MAX_NAME);
    }
}
