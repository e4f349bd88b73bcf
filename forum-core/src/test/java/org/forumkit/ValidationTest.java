package org.forumkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.forumkit.tck.ForumFixtures.ADMIN;
import static org.forumkit.tck.ForumFixtures.ALICE;
import static org.forumkit.tck.ForumFixtures.BOB;

import java.util.List;
import java.util.Locale;
import org.forumkit.model.Board;
import org.forumkit.model.BoardId;
import org.forumkit.model.ContentFormat;
import org.forumkit.model.CreateBoard;
import org.forumkit.model.PageRequest;
import org.forumkit.model.Post;
import org.forumkit.model.QuoteRequest;
import org.forumkit.model.Reply;
import org.forumkit.model.StartTopic;
import org.forumkit.model.Topic;
import org.forumkit.model.TopicPageRequest;
import org.forumkit.model.Viewer;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("Commands are validated before anything is written")
class ValidationTest extends ForumTestSupport {

    private void assertNothingWritten(Board board) {
        assertThat(given.reload(board).topicCount()).isZero();
        assertThat(given.reload(board).postCount()).isZero();
        assertThat(forum.boards().topics(ALICE, board.id(), PageRequest.first(10)).items()).isEmpty();
    }

    @Test
    @DisplayName("titles are limited in code points, not chars")
    void titleLimitInCodePoints() {
        Board board = given.board();
        String emoji80 = "😀".repeat(80); // 160 Java chars, 80 code points
        Topic topic = forum.topics().start(ALICE, StartTopic.of(board.id(), emoji80, "body"));
        assertThat(topic.title()).isEqualTo(emoji80);

        ValidationException e = catchThrowableOfType(ValidationException.class,
                () -> forum.topics().start(ALICE, StartTopic.of(board.id(), emoji80 + "中", "body")));
        assertThat(e.violations()).containsExactly(Violation.of("title", "too_long", 80, 81));
    }

    @Test
    @DisplayName("every bad field is reported at once and nothing is written")
    void allViolationsAtOnce() {
        Board board = given.board();
        ValidationException e = catchThrowableOfType(ValidationException.class, () -> forum.topics().start(ALICE,
                new StartTopic(board.id(), " \u202E\u0007 ", "x".repeat(65), "   \n\t ", ContentFormat.of("WIKI"), null)));

        assertThat(e.violations()).extracting(Violation::field, Violation::code).containsExactlyInAnyOrder(
                org.assertj.core.groups.Tuple.tuple("title", "blank"),
                org.assertj.core.groups.Tuple.tuple("type", "too_long"),
                org.assertj.core.groups.Tuple.tuple("body", "blank"),
                org.assertj.core.groups.Tuple.tuple("format", "unknown_format"));
        assertNothingWritten(board);
    }

    @Test
    @DisplayName("missing fields are reported by Jakarta Validation with their names")
    void requiredFields() {
        ValidationException e = catchThrowableOfType(ValidationException.class,
                () -> forum.topics().start(ALICE, new StartTopic(null, null, null, null, null, null)));
        assertThat(e.violations()).extracting(Violation::field).containsExactlyInAnyOrder("boardId", "title", "body");
        assertThat(e.violations()).extracting(Violation::code).containsOnly("required");

        ValidationException quotes = catchThrowableOfType(ValidationException.class, () -> forum.posts().reply(ALICE,
                new Reply(null, "body", null, null, List.of(new QuoteRequest(0, null)))));
        assertThat(quotes.violations()).extracting(Violation::field).contains("topicId", "quotes[0].floor");
    }

    @Test
    @DisplayName("titles are NFC-normalised with control and bidi characters removed and spaces folded")
    void titleCleaning() {
        Board board = given.board();
        String decomposed = "Cafe\u0301";
        Topic topic = forum.topics().start(ALICE, StartTopic.of(board.id(),
                "  \u202Eevil\u202C  " + decomposed + "\u0000\n标题 ", "body"));
        assertThat(topic.title()).isEqualTo("evil Café 标题");
    }

    @Test
    @DisplayName("display names are cleaned the same way when stored as the author")
    void displayNameCleaning() {
        Board board = given.board();
        Topic topic = forum.topics().start(Viewer.user("eve", "\u202Eadmin\u200F "), StartTopic.of(board.id(), "t", "b"));
        assertThat(topic.author().displayName()).isEqualTo("admin");
        Topic blankName = forum.topics().start(Viewer.user("zed", "\u202E "), StartTopic.of(board.id(), "t", "b"));
        assertThat(blankName.author().displayName()).isEqualTo("zed");
    }

    @Test
    @DisplayName("bodies keep their lines, lose control characters and are refused when blank")
    void bodyCleaning() {
        Topic topic = given.topic();
        Post post = forum.posts().reply(BOB, Reply.to(topic.id(), "第一行\r\n第二行\u0007\t缩进"));
        assertThat(post.body()).isEqualTo("第一行\n第二行\t缩进");
        assertThatThrownBy(() -> forum.posts().reply(BOB, Reply.to(topic.id(), "\u200B")))
                .isInstanceOf(ValidationException.class);
    }

    @Test
    @DisplayName("lone surrogates become U+FFFD before storing, so what is acknowledged is what a database can hold")
    void loneSurrogates() {
        Board board = given.board();
        Topic topic = forum.topics().start(Viewer.user("eve", "Eve\uD800"),
                StartTopic.of(board.id(), "a\uDC00b 😀", "high\uD83D end, low \uDE00, pair 😀"));
        assertThat(topic.title()).isEqualTo("a\uFFFDb 😀");
        assertThat(topic.author().displayName()).isEqualTo("Eve\uFFFD");
        Post opening = forum.topics().page(ALICE, topic.id(), TopicPageRequest.first(10)).posts().get(0);
        assertThat(opening.body()).isEqualTo("high\uFFFD end, low \uFFFD, pair 😀");
        Post reply = forum.posts().reply(BOB, Reply.to(topic.id(), "\uDBFF"));
        assertThat(reply.body()).isEqualTo("\uFFFD");

        // A user id is stored as given, so one that cannot be stored is refused, never repaired.
        assertThatThrownBy(() -> Viewer.user("eve\uD800", "Eve")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Viewer.user("eve\u0000", "Eve")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    @DisplayName("a topic type must be one of the board's, and an external key is unique in its board")
    void typesAndKeys() {
        Board board = given.board();
        ValidationException e = catchThrowableOfType(ValidationException.class, () -> forum.topics().start(ALICE,
                StartTopic.of(board.id(), "t", "b").withType("广告")));
        assertThat(e.hasViolation("type", "unknown_type")).isTrue();

        forum.topics().start(ALICE, StartTopic.of(board.id(), "t", "b").forExternalKey("article-42"));
        ValidationException taken = catchThrowableOfType(ValidationException.class, () -> forum.topics().start(BOB,
                StartTopic.of(board.id(), "t", "b").forExternalKey("article-42")));
        assertThat(taken.hasViolation("externalKey", "key_taken")).isTrue();
        assertThat(given.reload(board).topicCount()).isEqualTo(1);
    }

    @Test
    @DisplayName("boards: slugs, duplicates, hierarchy depth and categories holding no topics")
    void boards() {
        assertThat(catchThrowableOfType(ValidationException.class, () -> forum.boards().create(ADMIN,
                CreateBoard.category("Not A Slug", "x"))).hasViolation("slug", "bad_slug")).isTrue();
        Board category = forum.boards().create(ADMIN, CreateBoard.category("news", "新闻"));
        assertThat(catchThrowableOfType(ValidationException.class, () -> forum.boards().create(ADMIN,
                CreateBoard.category("news", "again"))).hasViolation("slug", "slug_taken")).isTrue();
        Board board = forum.boards().create(ADMIN, CreateBoard.board(category.id(), "media", "媒体"));
        Board sub = forum.boards().create(ADMIN, CreateBoard.board(board.id(), "tv", "电视"));
        assertThat(catchThrowableOfType(ValidationException.class, () -> forum.boards().create(ADMIN,
                CreateBoard.board(sub.id(), "deeper", "太深"))).hasViolation("parentId", "too_deep")).isTrue();
        assertThat(catchThrowableOfType(ValidationException.class, () -> forum.boards().create(ADMIN,
                CreateBoard.board(BoardId.of(999), "orphan", "孤儿"))).hasViolation("parentId", "unknown_parent")).isTrue();
        assertThat(catchThrowableOfType(ValidationException.class, () -> forum.boards().create(ADMIN,
                new CreateBoard(category.id(), org.forumkit.model.BoardKind.CATEGORY, "cat2", "x", "", 0, null, null,
                        null))).hasViolation("parentId", "bad_parent")).isTrue();
        assertThat(catchThrowableOfType(PermissionDeniedException.class, () -> forum.topics().start(ALICE,
                StartTopic.of(category.id(), "t", "b"))).reason()).isEqualTo(org.forumkit.model.DenialReason.NOT_ALLOWED);
        assertThat(catchThrowableOfType(PermissionDeniedException.class, () -> forum.boards().create(ALICE,
                CreateBoard.category("mine", "x"))).reason()).isEqualTo(org.forumkit.model.DenialReason.NOT_ALLOWED);
        assertThat(forum.boards().list(ALICE)).extracting(Board::slug).containsExactly("news", "media", "tv");
    }

    @Test
    @DisplayName("page sizes are bounded and unknown ids are NotFoundException")
    void pagesAndLookups() {
        Topic topic = given.topic();
        assertThatThrownBy(() -> forum.topics().page(ALICE, topic.id(), TopicPageRequest.first(201)))
                .isInstanceOf(ValidationException.class);
        assertThatThrownBy(() -> forum.topics().page(ALICE, org.forumkit.model.TopicId.of(999), TopicPageRequest.first(20)))
                .isInstanceOf(NotFoundException.class)
                .satisfies(e -> assertThat(((NotFoundException) e).kind()).isEqualTo(NotFoundException.Kind.TOPIC));
        assertThatThrownBy(() -> forum.posts().reply(BOB, Reply.to(topic.id(), "x").replyingTo(9)))
                .isInstanceOf(ValidationException.class);
    }

    @Test
    @DisplayName("messages come in English and 简体中文")
    void messages() {
        ValidationException e = new ValidationException(List.of(Violation.of("title", "too_long", 80, 81)));
        assertThat(e.localizedMessage(Locale.ENGLISH)).isEqualTo("title: is too long (81 characters, at most 80)");
        assertThat(e.localizedMessage(Locale.SIMPLIFIED_CHINESE)).isEqualTo("title: 过长（81 个字符，最多 80 个）");
        PermissionDeniedException denied = new PermissionDeniedException(
                org.forumkit.model.DenialReason.LOGIN_REQUIRED, "reply");
        assertThat(denied.localizedMessage(Locale.SIMPLIFIED_CHINESE)).isEqualTo("您需要登录后才可以回帖");
        assertThat(denied.localizedMessage(Locale.ENGLISH)).isEqualTo("You need to sign in before you can do that");
        for (org.forumkit.model.DenialReason reason : org.forumkit.model.DenialReason.values()) {
            for (Locale locale : List.of(Locale.ENGLISH, Locale.SIMPLIFIED_CHINESE)) {
                assertThat(new PermissionDeniedException(reason, "x").localizedMessage(locale))
                        .doesNotStartWith("denied.");
            }
        }
    }
}
