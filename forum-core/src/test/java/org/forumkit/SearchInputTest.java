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
import org.forumkit.model.Post;
import org.forumkit.model.SearchHit;
import org.forumkit.model.SearchQuery;
import org.forumkit.model.SearchResults;
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

    private SearchResults find(Viewer viewer, String text) {
        clock.advance(Duration.ofSeconds(3));
        return forum.search().find(viewer, SearchQuery.of(text));
    }

    private ValidationException invalid(String text) {
        clock.advance(Duration.ofSeconds(3));
        return (ValidationException) org.assertj.core.api.Assertions.catchThrowable(
                () -> forum.search().find(ANONYMOUS, SearchQuery.of(text)));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "   ", "\t\n\u3000"})
    void emptyAndBlankAreRequired(String text) {
        assertThat(invalid(text).violations()).extracting(Violation::field, Violation::code)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("text", "required"));
        assertThatThrownBy(() -> forum.search().find(ANONYMOUS, SearchQuery.of(null)))
                .isInstanceOf(ValidationException.class);
    }

    @Test
    void tooLongIsRefusedWithBothLengths() {
        assertThat(invalid("中".repeat(101)).violations()).containsExactly(Violation.of("text", "too_long", 100, 101));
        assertThat(find(ANONYMOUS, "中".repeat(100)).hits()).isEmpty();
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
        assertThat(find(ANONYMOUS, "100%").hits()).extracting(SearchHit::postId).containsExactly(chinese.id());
        assertThat(find(ANONYMOUS, "sure_thing").hits()).extracting(SearchHit::postId).containsExactly(chinese.id());
        assertThat(find(ANONYMOUS, "c:\\path").hits()).extracting(SearchHit::postId).containsExactly(chinese.id());
        assertThat(find(ANONYMOUS, "%中文%").hits()).extracting(SearchHit::postId).containsExactly(chinese.id());
        assertThat(find(ANONYMOUS, "_ 中文").hits()).extracting(SearchHit::postId).containsExactly(chinese.id());
        assertThat(find(ANONYMOUS, "'; DROP TABLE fk_post; --").hits()).isEmpty();
        assertThat(find(ANONYMOUS, "中文").hits()).hasSize(1);
    }

    @Test
    void invisibleCharactersInsideAWordAndLoneSurrogatesDoNotBreakTheQuery() {
        assertThat(find(ANONYMOUS, "中\u200D文").hits()).extracting(SearchHit::postId).containsExactly(chinese.id());
        assertThat(find(ANONYMOUS, "\u202B中文\u202C").hits()).extracting(SearchHit::postId).containsExactly(chinese.id());
        assertThat(find(ANONYMOUS, "中文\uD800").hits()).extracting(SearchHit::postId).containsExactly(chinese.id());
    }

    @Test
    void aQueryMatchingEveryPostIsOneBoundedPageWithACursor() {
        SearchResults page = find(ANONYMOUS, "的");
        assertThat(page.hits()).hasSize(SearchQuery.DEFAULT_LIMIT);
        assertThat(page.nextCursor()).isPresent();
    }

    @Test
    void tooManyWordsABadCursorABadLimitAndAnEmptyTimeRangeAreViolations() {
        clock.advance(Duration.ofSeconds(3));
        String words = String.join(" ", java.util.stream.IntStream.range(0, 17).mapToObj(i -> "w" + i).toList());
        assertThat(invalid(words).violations()).extracting(Violation::code).containsExactly("too_many_words");
        Instant now = clock.instant();
        assertThatThrownBy(() -> forum.search().find(ANONYMOUS, SearchQuery.of("中文").withPage("1.2.3", 0)
                .withTime(now, now)))
                .isInstanceOfSatisfying(ValidationException.class, e -> assertThat(e.violations())
                        .extracting(Violation::field).containsExactlyInAnyOrder("limit", "to", "cursor"));
        assertThatThrownBy(() -> forum.search().find(ANONYMOUS, SearchQuery.of("中文").withPage("0.1.1.1.1", 5)))
                .isInstanceOf(ValidationException.class);
    }

    @Test
    void searchesAreRateLimitedPerMember() {
        for (int i = 0; i < 30; i++) {
            forum.search().find(ALICE, SearchQuery.of("中文"));
        }
        assertThatThrownBy(() -> forum.search().find(ALICE, SearchQuery.of("中文")))
                .isInstanceOfSatisfying(RateLimitedException.class,
                        e -> assertThat(e.retryAfter()).isPositive().isLessThanOrEqualTo(Duration.ofMinutes(1)));
        assertThat(forum.search().find(BOB, SearchQuery.of("中文")).hits()).hasSize(1);
        clock.advance(Duration.ofMinutes(1));
        assertThat(forum.search().find(ALICE, SearchQuery.of("中文")).hits()).hasSize(1);
    }

    @Test
    void resultsAreNeverSharedBetweenViewers() {
        List<SearchHit> before = find(ANONYMOUS, "中文").hits();
        forum.posts().delete(BOB, chinese.id());
        assertThat(before).hasSize(1);
        assertThat(find(ANONYMOUS, "中文").hits()).isEmpty();
        assertThat(topic).isNotNull();
    }
}
