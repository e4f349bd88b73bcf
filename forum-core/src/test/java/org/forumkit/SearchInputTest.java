package org.forumkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.forumkit.tck.ForumFixtures.ALICE;
import static org.forumkit.tck.ForumFixtures.ANONYMOUS;
import static org.forumkit.tck.ForumFixtures.BOB;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import org.forumkit.model.Board;
import org.forumkit.model.Page;
import org.forumkit.model.PageRequest;
import org.forumkit.model.Post;
import org.forumkit.model.SearchHit;
import org.forumkit.model.SearchQuery;
import org.forumkit.model.SearchCursor;
import org.forumkit.model.Topic;
import org.forumkit.model.Viewer;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The bad input of issue 16: every query gives a clear result or a typed validation error, never a scan of all. */
class SearchInputTest extends ForumTestSupport {
    private Topic topic;
    private Post chinese;

    @BeforeEach
    void posts() {
        Board board = given.board();
        topic = given.topic(board, ALICE);
        chinese = given.reply(topic, BOB, "请问这个论坛支持中文吗？100% sure_thing C:\\path");
        for (int i = 0; i < 30; i++) {
            given.reply(topic, BOB, "的的的 第" + i + "楼");
        }
    }

    private List<SearchHit> find(Viewer viewer, String text) {
        clock.advance(Duration.ofSeconds(3));
        return forum.search().find(viewer, SearchQuery.of(text), PageRequest.first(20)).items();
    }

    private ValidationException invalid(String text) {
        clock.advance(Duration.ofSeconds(3));
        return (ValidationException) org.assertj.core.api.Assertions.catchThrowable(
                () -> forum.search().find(ANONYMOUS, SearchQuery.of(text), PageRequest.first(20)));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "   ", "\t\n\u3000"})
    void emptyAndBlankAreRequired(String text) {
        assertThat(invalid(text).violations()).extracting(Violation::field, Violation::code)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("text", "required"));
        assertThatThrownBy(() -> forum.search().find(ANONYMOUS, SearchQuery.of(null), PageRequest.first(20)))
                .isInstanceOf(ValidationException.class);
    }

    @Test
    void tooLongIsRefusedWithBothLengths() {
        assertThat(invalid("中".repeat(101)).violations()).containsExactly(Violation.of("text", "too_long", 100, 101));
        assertThat(find(ANONYMOUS, "中".repeat(100))).isEmpty();
        assertThat(invalid("中".repeat(101)).localizedMessage(Locale.SIMPLIFIED_CHINESE)).contains("过长");
    }

    @ParameterizedTest
    @ValueSource(strings = {"%", "_", "\\", "%%", ".*", "(?i)", "[a-z]+", "a", "\u200D",
            "\u202E\u202C", "\uD800", "\uDC00\uD800", "！？。，", "*"})
    void punctuationMetacharactersAndInvisibleCharactersHaveNoSearchableWord(String text) {
        assertThat(invalid(text).violations()).extracting(Violation::code).containsExactly("no_searchable_words");
    }

    @Test
    void metacharactersAroundWordsAreJustSeparators() {
        assertThat(find(ANONYMOUS, "100%")).extracting(SearchHit::postId).containsExactly(chinese.id());
        assertThat(find(ANONYMOUS, "sure_thing")).extracting(SearchHit::postId).containsExactly(chinese.id());
        assertThat(find(ANONYMOUS, "c:\\path")).extracting(SearchHit::postId).containsExactly(chinese.id());
        assertThat(find(ANONYMOUS, "%中文%")).extracting(SearchHit::postId).containsExactly(chinese.id());
        assertThat(find(ANONYMOUS, "_ 中文")).extracting(SearchHit::postId).containsExactly(chinese.id());
        assertThat(find(ANONYMOUS, "'; DROP TABLE fk_post; --")).isEmpty();
        assertThat(find(ANONYMOUS, "中文")).hasSize(1);
    }

    @Test
    void invisibleCharactersInsideAWordAndLoneSurrogatesDoNotBreakTheQuery() {
        assertThat(find(ANONYMOUS, "中\u200D文")).extracting(SearchHit::postId).containsExactly(chinese.id());
        assertThat(find(ANONYMOUS, "\u202B中文\u202C")).extracting(SearchHit::postId).containsExactly(chinese.id());
        assertThat(find(ANONYMOUS, "中文\uD800")).extracting(SearchHit::postId).containsExactly(chinese.id());
    }

    @Test
    void aQueryMatchingEveryPostIsOneBoundedPageWithACursor() {
        clock.advance(Duration.ofSeconds(3));
        Page<SearchHit, SearchCursor> page = forum.search().find(ANONYMOUS, SearchQuery.of("的"), PageRequest.first(10));
        assertThat(page.items()).hasSize(10);
        assertThat(page.optionalNext()).isPresent();
        assertThat(find(ANONYMOUS, "的")).hasSize(20);
    }

    @Test
    void tooManyWordsAnEmptyTimeRangeAndABadCursorAreRefused() {
        clock.advance(Duration.ofSeconds(3));
        String words = String.join(" ", java.util.stream.IntStream.range(0, 17).mapToObj(i -> "w" + i).toList());
        assertThat(invalid(words).violations()).extracting(Violation::code).containsExactly("too_many_words");
        Instant now = clock.instant();
        assertThatThrownBy(() -> forum.search().find(ANONYMOUS, SearchQuery.of("中文").withTime(now, now),
                PageRequest.first(5)))
                .isInstanceOfSatisfying(ValidationException.class, e -> assertThat(e.violations())
                        .containsExactly(Violation.of("to", "before_from")));
        assertThatThrownBy(() -> SearchCursor.parse("1.2.3")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> SearchCursor.parse("0.1.1.1.1")).isInstanceOf(IllegalArgumentException.class);
        assertThat(SearchCursor.parse("5.1.3.-1.7").token()).isEqualTo("5.1.3.-1.7");
    }

    @Test
    void searchesAreRateLimitedPerMember() {
        for (int i = 0; i < 30; i++) {
            forum.search().find(ALICE, SearchQuery.of("中文"), PageRequest.first(5));
        }
        assertThatThrownBy(() -> forum.search().find(ALICE, SearchQuery.of("中文"), PageRequest.first(5)))
                .isInstanceOfSatisfying(RateLimitedException.class,
                        e -> assertThat(e.retryAfter()).isPositive().isLessThanOrEqualTo(Duration.ofMinutes(1)));
        assertThat(forum.search().find(BOB, SearchQuery.of("中文"), PageRequest.first(5)).items()).hasSize(1);
        clock.advance(Duration.ofMinutes(1));
        assertThat(forum.search().find(ALICE, SearchQuery.of("中文"), PageRequest.first(5)).items()).hasSize(1);
    }

    @Test
    void resultsAreNeverSharedBetweenViewers() {
        List<SearchHit> before = find(ANONYMOUS, "中文");
        forum.posts().delete(BOB, chinese.id());
        assertThat(before).hasSize(1);
        assertThat(find(ANONYMOUS, "中文")).isEmpty();
        assertThat(topic).isNotNull();
    }
}
