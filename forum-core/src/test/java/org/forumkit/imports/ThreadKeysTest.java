package org.forumkit.imports;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("Thread keys: one key per page")
class ThreadKeysTest {

    @Test
    @DisplayName("scheme, www, trailing slash, fragment and tracking parameters do not count; other queries do")
    void normalises() {
        assertThat(ThreadKeys.normalize("http://Example.com/a/b/")).isEqualTo("example.com/a/b");
        assertThat(ThreadKeys.normalize("https://www.example.com/a/b?utm_source=x&fbclid=1#c12"))
                .isEqualTo("example.com/a/b");
        assertThat(ThreadKeys.normalize("https://example.com/?p=10&utm_medium=rss")).isEqualTo("example.com?p=10");
        assertThat(ThreadKeys.normalize("http://example.com:8080/x")).isEqualTo("example.com:8080/x");
        assertThat(ThreadKeys.normalize("  article-42 ")).isEqualTo("article-42");
        assertThat(ThreadKeys.normalize(null)).isEmpty();
        assertThat(ThreadKeys.normalize("https://example.com/" + "x".repeat(500))).hasSize(ThreadKeys.MAX_LENGTH);
    }
}
