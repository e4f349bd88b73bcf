package org.forumkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.forumkit.tck.ForumFixtures.ALICE;
import static org.forumkit.tck.ForumFixtures.ANONYMOUS;
import static org.forumkit.tck.ForumFixtures.BOB;
import static org.forumkit.tck.ForumFixtures.CAROL;

import java.time.Duration;
import org.forumkit.ForumSettings.SearchLimits;
import org.forumkit.model.Board;
import org.forumkit.model.PageRequest;
import org.forumkit.model.SearchQuery;
import org.forumkit.model.Topic;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Search limits are settings: lowered ones are enforced, bad ones refused, the defaults are the old constants. */
class SearchLimitsTest extends ForumTestSupport {
    @Override
    protected ForumSettings settings() {
        return super.settings().withSearch(SearchLimits.defaults().withMaxQueryLength(10).withMaxHitsPerPage(5)
                .withMaxTerms(3).withMinWordLength(3).withMinCjkLength(2).withRate(4, 300, Duration.ofMinutes(1)));
    }

    @BeforeEach
    void posts() {
        Board board = given.board();
        Topic topic = given.topic(board, ALICE);
        for (int i = 0; i < 8; i++) {
            given.reply(topic, BOB, "支持中文 go lang reply " + i);
        }
    }

    private ValidationException invalid(String text) {
        clock.advance(Duration.ofSeconds(30));
        return catchThrowableOfType(() -> forum.search().find(ANONYMOUS, SearchQuery.of(text), PageRequest.first(20)),
                ValidationException.class);
    }

    @Test
    void aLongerQueryThanTheMaximumIsRefused() {
        assertThat(invalid("中".repeat(11)).violations()).containsExactly(Violation.of("text", "too_long", 10, 11));
        assertThat(forum.search().find(ANONYMOUS, SearchQuery.of("中文"), PageRequest.first(20)).items()).isNotEmpty();
    }

    @Test
    void pagesAreCappedAtMaxHitsPerPage() {
        var page = forum.search().find(ANONYMOUS, SearchQuery.of("reply"), PageRequest.first(20));
        assertThat(page.items()).hasSize(5);
        assertThat(page.next()).isNotNull();
    }

    @Test
    void termCountAndMinimumLengthsFollowTheSettings() {
        assertThat(invalid("支持中文吗").violations()).extracting(Violation::code).containsExactly("too_many_words");
        assertThat(invalid("go").violations()).containsExactly(Violation.of("text", "no_searchable_words", 3));
        assertThat(invalid("中").violations()).extracting(Violation::code).containsExactly("no_searchable_words");
        assertThat(forum.search().find(ANONYMOUS, SearchQuery.of("lang"), PageRequest.first(5)).items()).hasSize(5);
    }

    @Test
    void aMemberIsRateLimitedAtPerMember() {
        for (int i = 0; i < 4; i++) {
            forum.search().find(CAROL, SearchQuery.of("lang"), PageRequest.first(1));
        }
        RateLimitedException limited = catchThrowableOfType(
                () -> forum.search().find(CAROL, SearchQuery.of("lang"), PageRequest.first(1)),
                RateLimitedException.class);
        assertThat(limited).isNotNull();
        clock.advance(Duration.ofMinutes(1));
        assertThat(forum.search().find(CAROL, SearchQuery.of("lang"), PageRequest.first(1)).items()).hasSize(1);
    }

    @Test
    void defaultsAreTheLimitsSearchAlwaysHad() {
        assertThat(ForumSettings.defaults().search()).isEqualTo(
                new SearchLimits(100, 16, 50, 2, 1, 30, 300, Duration.ofMinutes(1)));
        assertThat(ForumSettings.defaults().withMaxPageSize(7).search()).isEqualTo(SearchLimits.defaults());
    }

    @Test
    void badValuesAreRefusedNamingThem() {
        SearchLimits d = SearchLimits.defaults();
        assertThatIllegalArgumentException().isThrownBy(() -> d.withMaxQueryLength(0))
                .withMessage("search.maxQueryLength must be >= 1, was 0");
        assertThatIllegalArgumentException().isThrownBy(() -> d.withMaxTerms(-1)).withMessageContaining("maxTerms");
        assertThatIllegalArgumentException().isThrownBy(() -> d.withMaxHitsPerPage(0))
                .withMessageContaining("maxHitsPerPage");
        assertThatIllegalArgumentException().isThrownBy(() -> d.withMinWordLength(1))
                .withMessage("search.minWordLength must be 2 to 3, was 1");
        assertThatIllegalArgumentException().isThrownBy(() -> d.withMinCjkLength(3))
                .withMessageContaining("minCjkLength");
        assertThatIllegalArgumentException().isThrownBy(() -> d.withRate(0, 1, Duration.ofMinutes(1)))
                .withMessageContaining("perMember");
        assertThatIllegalArgumentException().isThrownBy(() -> d.withRate(1, 1, Duration.ZERO))
                .withMessageContaining("window");
        org.assertj.core.api.Assertions.assertThatNullPointerException()
                .isThrownBy(() -> ForumSettings.defaults().withSearch(null)).withMessage("search");
    }
}
