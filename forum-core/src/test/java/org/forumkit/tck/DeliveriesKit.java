package org.forumkit.tck;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.forumkit.tck.ForumFixtures.ALICE;
import static org.forumkit.tck.ForumFixtures.BOB;
import static org.forumkit.tck.ForumFixtures.CAROL;
import static org.forumkit.tck.ForumFixtures.MOD;
import static org.forumkit.tck.ForumFixtures.id;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.forumkit.DeliverySettings;
import org.forumkit.Forum;
import org.forumkit.ForumSettings;
import org.forumkit.ValidationException;
import org.forumkit.model.Delivery;
import org.forumkit.model.DeliveryChannel;
import org.forumkit.model.DeliveryId;
import org.forumkit.model.DeliveryRun;
import org.forumkit.model.DeliveryState;
import org.forumkit.model.NotificationKind;
import org.forumkit.model.PageRequest;
import org.forumkit.model.Post;
import org.forumkit.model.Reply;
import org.forumkit.model.Topic;
import org.forumkit.model.Unsubscription;
import org.forumkit.model.UserId;
import org.forumkit.model.Viewer;
import org.forumkit.model.VoteKind;
import org.forumkit.model.WatchLevel;
import org.forumkit.spi.OutgoingNotification;
import org.forumkit.spi.UserDirectory;
import org.forumkit.spi.store.ClaimedDelivery;
import org.forumkit.spi.store.ForumStore;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * The delivery part of the contract kit: the outbox is written with its notification, claimed once, retried with
 * backoff until dead, leased (a dead node's claim runs out), and checked again before sending.
 * {@link ForumStoreContract} runs it as one nested group on the kit's store.
 */
public abstract class DeliveriesKit {
    static final byte[] KEY = "contract-kit unsubscribe key, 32+ bytes long".getBytes(StandardCharsets.UTF_8);
    static final Duration MAIL_DELAY = Duration.ofMinutes(10);

    private final Map<UserId, Viewer.Member> people = new ConcurrentHashMap<>();
    protected MutableClock clock;
    protected Forum forum;
    protected ForumFixtures given;
    protected RecordingSender mail;
    protected RecordingSender hook;
    private final List<Forum> opened = new ArrayList<>();

    /** The store to run on, fresh and empty. */
    protected abstract ForumStore kitStore();

    /** How many threads the concurrency test uses, at least 8. */
    protected abstract int kitThreads();

    @BeforeEach
    void openOutbox() {
        for (Viewer.Member m : List.of(ALICE, BOB, CAROL, MOD, ForumFixtures.ADMIN)) {
            people.put(m.id(), m);
        }
        clock = MutableClock.atSeedTime();
        mail = new RecordingSender(DeliveryChannel.MAIL, MAIL_DELAY, true, Set.of(NotificationKind.VOTED));
        hook = new RecordingSender(DeliveryChannel.WEBHOOK, Duration.ZERO, false, Set.of());
        forum = node("kit-a", kitStore());
        given = new ForumFixtures(forum);
    }

    /** Another forum (app node) on the store, with the same senders. */
    protected Forum node(String name, ForumStore store) {
        UserDirectory directory = ids -> ids.stream().filter(people::containsKey).distinct()
                .collect(Collectors.toMap(Function.identity(), people::get));
        Forum node = Forum.builder().store(store).clock(clock)
                .settings(ForumSettings.defaults().withViewWindow(Duration.ofMinutes(30))
                        .withViewFlushInterval(Duration.ZERO))
                .notifications(directory).sender(mail).sender(hook)
                .deliverySettings(DeliverySettings.of(KEY).withMaxAttempts(3)
                        .withBackoff(Duration.ofMinutes(1), Duration.ofMinutes(30)).withNode(name))
                .build();
        opened.add(node);
        return node;
    }

    @AfterEach
    void closeOutbox() {
        opened.forEach(Forum::close);
    }

    private Post reply(Topic topic, Viewer.Member author, Reply command) {
        clock.advance(Duration.ofSeconds(1));
        return forum.posts().reply(author, command);
    }

    private List<Delivery> inState(DeliveryState state) {
        return forum.deliveries().list(state, PageRequest.first(100)).items();
    }

    private List<Delivery> of(DeliveryChannel channel, DeliveryState state) {
        return inState(state).stream().filter(d -> d.channel().equals(channel)).toList();
    }

    @Test
    @DisplayName("a reply queues one delivery per channel for its recipient, due after the channel's delay; none for the actor")
    void queuedWithTheNotification() {
        Topic topic = given.topic();
        Instant at = reply(topic, BOB, Reply.to(topic.id(), "沙发")).createdAt();

        assertThat(inState(DeliveryState.PENDING)).extracting(Delivery::recipient, Delivery::channel)
                .containsExactlyInAnyOrder(org.assertj.core.groups.Tuple.tuple(id(ALICE), DeliveryChannel.MAIL),
                        org.assertj.core.groups.Tuple.tuple(id(ALICE), DeliveryChannel.WEBHOOK));
        assertThat(of(DeliveryChannel.MAIL, DeliveryState.PENDING)).singleElement()
                .satisfies(d -> assertThat(d.nextAt()).isEqualTo(at.plus(MAIL_DELAY)));
        assertThat(of(DeliveryChannel.WEBHOOK, DeliveryState.PENDING)).singleElement()
                .satisfies(d -> assertThat(d.nextAt()).isEqualTo(at));

        // the webhook is due now, the mail in ten minutes
        assertThat(forum.deliveries().deliverDue(10)).isEqualTo(new DeliveryRun(1, 1, 0, 0, 0, 0));
        assertThat(hook.sent()).singleElement().satisfies(n -> {
            assertThat(n.recipient().id()).isEqualTo(id(ALICE));
            assertThat(n.attempt()).isEqualTo(1);
            assertThat(n.text(java.util.Locale.SIMPLIFIED_CHINESE)).contains("鲍勃").contains("回复");
            assertThat(n.text(java.util.Locale.ENGLISH)).contains("replied to you");
        });
        assertThat(mail.sent()).isEmpty();
        clock.advance(MAIL_DELAY);
        assertThat(forum.deliveries().deliverDue(10).delivered()).isEqualTo(1);
        assertThat(mail.sent()).singleElement().satisfies(n -> assertThat(n.recipient().id()).isEqualTo(id(ALICE)));
        assertThat(inState(DeliveryState.DELIVERED)).hasSize(2);
        assertThat(forum.deliveries().deliverDue(10).claimed()).isZero();
    }

    @Test
    @DisplayName("folded notifications keep one open delivery; the mail of a notification read before it is due is skipped")
    void foldsAndSkipsRead() {
        Topic topic = given.topic();
        reply(topic, BOB, Reply.to(topic.id(), "一"));
        reply(topic, CAROL, Reply.to(topic.id(), "二"));
        reply(topic, BOB, Reply.to(topic.id(), "三"));
        assertThat(of(DeliveryChannel.MAIL, DeliveryState.PENDING)).hasSize(1);

        forum.notifications().markAllRead(ALICE);
        clock.advance(MAIL_DELAY);
        DeliveryRun run = forum.deliveries().deliverDue(10);
        assertThat(run.skipped()).isEqualTo(1);
        assertThat(run.delivered()).isEqualTo(1); // the webhook does not wait for reading
        assertThat(mail.sent()).isEmpty();
        assertThat(of(DeliveryChannel.MAIL, DeliveryState.SKIPPED)).singleElement()
                .satisfies(d -> assertThat(d.lastError()).contains("read"));
    }

    @Test
    @DisplayName("the watchers of a board get one delivery each, queued set-based with their notifications")
    void watchersFanOut() {
        Topic topic = given.topic();
        List<Viewer.Member> watchers = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            Viewer.Member w = Viewer.user("watcher-" + i, "看客" + i);
            people.put(w.id(), w);
            forum.notifications().watchBoard(w, topic.boardId(), WatchLevel.WATCHING);
            watchers.add(w);
        }
        forum.deliveries().setEnabled(watchers.get(0), DeliveryChannel.MAIL, NotificationKind.WATCHING, false);
        reply(topic, BOB, Reply.to(topic.id(), "大家好"));
        reply(topic, CAROL, Reply.to(topic.id(), "再来"));

        Set<UserId> mailed = of(DeliveryChannel.MAIL, DeliveryState.PENDING).stream().map(Delivery::recipient)
                .collect(Collectors.toSet());
        assertThat(mailed).containsExactlyInAnyOrder(id(ALICE), id(watchers.get(1)), id(watchers.get(2)),
                id(watchers.get(3)), id(watchers.get(4)));
        // the second reply folded into the same notifications, whose deliveries are still open
        assertThat(of(DeliveryChannel.WEBHOOK, DeliveryState.PENDING)).hasSize(6);
    }

    @Test
    @DisplayName("failures are retried with doubling backoff and end DEAD after the attempts run out; a permanent one at once; retry() queues it again")
    void retriesBackoffAndDead() {
        Topic topic = given.topic();
        reply(topic, BOB, Reply.to(topic.id(), "重试"));
        hook.failNext(3, false);
        assertThat(forum.deliveries().deliverDue(10).retrying()).isEqualTo(1);
        Delivery first = of(DeliveryChannel.WEBHOOK, DeliveryState.PENDING).get(0);
        assertThat(first.attempts()).isEqualTo(1);
        assertThat(first.lastError()).contains("refused on purpose");
        assertThat(first.nextAt()).isEqualTo(clock.instant().truncatedTo(java.time.temporal.ChronoUnit.MICROS)
                .plus(Duration.ofMinutes(1)));

        clock.advance(Duration.ofSeconds(59));
        assertThat(forum.deliveries().deliverDue(10).claimed()).isZero();
        clock.advance(Duration.ofSeconds(1));
        assertThat(forum.deliveries().deliverDue(10).retrying()).isEqualTo(1);
        assertThat(forum.deliveries().delivery(first.id()).orElseThrow().nextAt())
                .isEqualTo(clock.instant().plus(Duration.ofMinutes(2)));
        clock.advance(Duration.ofMinutes(2));
        assertThat(forum.deliveries().deliverDue(10).dead()).isEqualTo(1);
        assertThat(forum.deliveries().delivery(first.id()).orElseThrow()).satisfies(d -> {
            assertThat(d.state()).isEqualTo(DeliveryState.DEAD);
            assertThat(d.attempts()).isEqualTo(3);
            assertThat(d.nextAt()).isNull();
        });
        assertThat(hook.sent()).isEmpty();

        assertThat(forum.deliveries().retry(first.id())).isTrue();
        assertThat(forum.deliveries().retry(first.id())).isFalse();
        assertThat(forum.deliveries().deliverDue(10).delivered()).isEqualTo(1);
        assertThat(hook.sent()).hasSize(1);

        reply(topic, CAROL, Reply.to(topic.id(), "永久失败"));
        forum.notifications().markAllRead(ALICE);
        reply(topic, CAROL, Reply.to(topic.id(), "永久失败 2"));
        hook.failNext(1, true);
        assertThat(forum.deliveries().deliverDue(10).dead()).isEqualTo(1);
        assertThat(of(DeliveryChannel.WEBHOOK, DeliveryState.DEAD)).singleElement()
                .satisfies(d -> assertThat(d.attempts()).isEqualTo(1));
    }

    @Test
    @DisplayName("a node that dies holding a claim loses it when the lease ends: another node delivers it, the late finish is refused")
    void leaseRunsOut() {
        Topic topic = given.topic();
        reply(topic, BOB, Reply.to(topic.id(), "租约"));
        ForumStore store = kitStore();
        Instant now = clock.instant();
        List<ClaimedDelivery> dying = store.inTransaction(tx -> tx.outbox().claim(Set.of(DeliveryChannel.WEBHOOK),
                now, now.plus(Duration.ofMinutes(5)), "dying-node", 10));
        assertThat(dying).singleElement().satisfies(c -> {
            assertThat(c.delivery().state()).isEqualTo(DeliveryState.IN_FLIGHT);
            assertThat(c.delivery().attempts()).isEqualTo(1);
        });
        assertThat(forum.deliveries().deliverDue(10).claimed()).isZero();

        clock.advance(Duration.ofMinutes(5));
        assertThat(forum.deliveries().deliverDue(10).delivered()).isEqualTo(1);
        assertThat(hook.sent()).singleElement().satisfies(n -> assertThat(n.attempt()).isEqualTo(2));
        ClaimedDelivery late = dying.get(0);
        boolean finished = store.inTransaction(tx -> tx.outbox().complete(late.delivery().id(), late.token(),
                org.forumkit.spi.store.DeliveryOutcome.done(DeliveryState.DEAD, "late", clock.instant())));
        assertThat(finished).isFalse();
        assertThat(forum.deliveries().delivery(late.delivery().id()).orElseThrow().state())
                .isEqualTo(DeliveryState.DELIVERED);
    }

    @Test
    @DisplayName("checked again before sending: a post deleted meanwhile, a recipient who turned the kind off, or one the directory no longer knows, is skipped")
    void checkedBeforeSending() {
        Topic topic = given.topic();
        Post bobs = reply(topic, BOB, Reply.to(topic.id(), "将被删除"));
        forum.posts().delete(MOD, bobs.id());
        assertThat(forum.deliveries().deliverDue(10).skipped()).isGreaterThanOrEqualTo(1);
        assertThat(hook.sent()).extracting(n -> n.entry().notification().kind())
                .doesNotContain(NotificationKind.REPLIED);

        Topic second = given.topic();
        forum.notifications().markAllRead(ALICE);
        reply(second, CAROL, Reply.to(second.id(), "关掉了"));
        forum.deliveries().setEnabled(ALICE, DeliveryChannel.WEBHOOK, NotificationKind.REPLIED, false);
        int before = hook.sent().size();
        assertThat(forum.deliveries().deliverDue(10).skipped()).isEqualTo(1);
        assertThat(hook.sent()).hasSize(before);
        assertThat(forum.deliveries().enabled(ALICE, DeliveryChannel.WEBHOOK, NotificationKind.REPLIED)).isFalse();

        // turned off before the notification: nothing is even queued
        reply(second, BOB, Reply.to(second.id(), "不排队"));
        assertThat(of(DeliveryChannel.WEBHOOK, DeliveryState.PENDING)).isEmpty();
    }

    @Test
    @DisplayName("kinds a sender leaves off by default are queued only for those who turned them on")
    void defaultsPerKind() {
        Topic topic = given.topic();
        Post bobs = reply(topic, BOB, Reply.to(topic.id(), "投我一票"));
        forum.votes().cast(CAROL, bobs.id(), VoteKind.SUPPORT);
        assertThat(forum.deliveries().enabled(BOB, DeliveryChannel.MAIL, NotificationKind.VOTED)).isFalse();
        assertThat(of(DeliveryChannel.MAIL, DeliveryState.PENDING)).extracting(Delivery::recipient)
                .doesNotContain(id(BOB));

        forum.deliveries().setEnabled(BOB, DeliveryChannel.MAIL, NotificationKind.VOTED, true);
        Post bobs2 = reply(topic, BOB, Reply.to(topic.id(), "再投一票"));
        forum.votes().cast(ALICE, bobs2.id(), VoteKind.OPPOSE);
        assertThat(of(DeliveryChannel.MAIL, DeliveryState.PENDING)).extracting(Delivery::recipient).contains(id(BOB));
    }

    @Test
    @DisplayName("a signed unsubscribe link turns its kind off on its channel; a forged, altered or expired one is refused and writes nothing")
    void unsubscribeLinks() {
        Topic topic = given.topic();
        reply(topic, BOB, Reply.to(topic.id(), "退订"));
        clock.advance(MAIL_DELAY);
        forum.deliveries().deliverDue(10);
        OutgoingNotification sent = mail.sent().get(0);
        String token = sent.unsubscribeToken();
        assertThat(token).matches("[A-Za-z0-9_.-]+");

        String altered = token.substring(0, token.length() - 2) + (token.endsWith("A") ? "BB" : "AA");
        String otherUser = forum.deliveries().unsubscribeToken(id(CAROL), DeliveryChannel.MAIL,
                NotificationKind.REPLIED);
        String spliced = otherUser.substring(0, otherUser.lastIndexOf('.')) + token.substring(token.lastIndexOf('.'));
        for (String bad : List.of("", "x", altered, spliced, token + ".", "u1." + "A".repeat(600))) {
            assertThatThrownBy(() -> forum.deliveries().unsubscribe(bad)).isInstanceOfSatisfying(
                    ValidationException.class, e -> assertThat(e.hasViolation("token", "malformed")).isTrue());
        }
        assertThatThrownBy(() -> forum.deliveries().unsubscribe(null)).isInstanceOf(ValidationException.class);
        assertThat(forum.deliveries().enabled(ALICE, DeliveryChannel.MAIL, NotificationKind.REPLIED)).isTrue();
        assertThat(forum.deliveries().enabled(CAROL, DeliveryChannel.MAIL, NotificationKind.REPLIED)).isTrue();

        assertThat(forum.deliveries().unsubscribe(token))
                .isEqualTo(new Unsubscription(id(ALICE), DeliveryChannel.MAIL, NotificationKind.REPLIED));
        assertThat(forum.deliveries().unsubscribe(token)).isNotNull();
        assertThat(forum.deliveries().enabled(ALICE, DeliveryChannel.MAIL, NotificationKind.REPLIED)).isFalse();
        assertThat(forum.deliveries().enabled(ALICE, DeliveryChannel.WEBHOOK, NotificationKind.REPLIED)).isTrue();

        String old = forum.deliveries().unsubscribeToken(id(CAROL), DeliveryChannel.MAIL, NotificationKind.QUOTED);
        clock.advance(Duration.ofDays(91));
        assertThatThrownBy(() -> forum.deliveries().unsubscribe(old)).isInstanceOfSatisfying(
                ValidationException.class, e -> assertThat(e.hasViolation("token", "expired")).isTrue());
        assertThat(forum.deliveries().enabled(CAROL, DeliveryChannel.MAIL, NotificationKind.QUOTED)).isTrue();
    }

    @Test
    @DisplayName("bad input is refused before anything is read or written: round sizes, unknown channels, page sizes")
    void badInput() {
        assertThatThrownBy(() -> forum.deliveries().deliverDue(0)).isInstanceOf(ValidationException.class);
        assertThatThrownBy(() -> forum.deliveries().deliverDue(1001)).isInstanceOf(ValidationException.class);
        assertThatThrownBy(() -> forum.deliveries().setEnabled(ALICE, DeliveryChannel.of("sms"),
                NotificationKind.REPLIED, false)).isInstanceOfSatisfying(ValidationException.class,
                        e -> assertThat(e.hasViolation("channel", "unknown_channel")).isTrue());
        assertThatThrownBy(() -> forum.deliveries().setEnabled(ForumFixtures.ANONYMOUS, DeliveryChannel.MAIL,
                NotificationKind.REPLIED, false)).isInstanceOf(org.forumkit.PermissionDeniedException.class);
        assertThatThrownBy(() -> forum.deliveries().list(DeliveryState.DEAD, PageRequest.first(100_000)))
                .isInstanceOf(ValidationException.class);
        assertThatThrownBy(() -> forum.deliveries().purge(Duration.ofDays(-1))).isInstanceOf(ValidationException.class);
        assertThat(forum.deliveries().retry(DeliveryId.of(424242))).isFalse();
    }

    @Test
    @DisplayName("finished deliveries are purged after an age; open ones never")
    void purge() {
        Topic topic = given.topic();
        reply(topic, BOB, Reply.to(topic.id(), "清理"));
        forum.deliveries().deliverDue(10);
        clock.advance(Duration.ofDays(2));
        assertThat(forum.deliveries().purge(Duration.ofDays(1))).isEqualTo(1);
        assertThat(inState(DeliveryState.DELIVERED)).isEmpty();
        assertThat(of(DeliveryChannel.MAIL, DeliveryState.PENDING)).hasSize(1);
    }

    @Test
    @DisplayName("workers on two forums (nodes) and many threads at once deliver every queued delivery exactly once")
    void concurrentWorkersDeliverOnce() throws Exception {
        Topic topic = given.topic();
        int recipients = 40;
        for (int i = 0; i < recipients; i++) {
            Viewer.Member w = Viewer.user("many-" + i, "众人" + i);
            people.put(w.id(), w);
            forum.notifications().watchTopic(w, topic.id(), WatchLevel.WATCHING);
        }
        reply(topic, BOB, Reply.to(topic.id(), "人人有份"));
        int queued = of(DeliveryChannel.WEBHOOK, DeliveryState.PENDING).size();
        assertThat(queued).isEqualTo(recipients + 1);

        Forum other = node("kit-b", kitStore());
        int threads = kitThreads();
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        CountDownLatch start = new CountDownLatch(1);
        List<Future<Integer>> done = new ArrayList<>();
        try {
            for (int t = 0; t < threads; t++) {
                Forum node = t % 2 == 0 ? forum : other;
                done.add(pool.submit(() -> {
                    start.await();
                    int delivered = 0;
                    for (DeliveryRun run = node.deliveries().deliverDue(3); run.claimed() > 0;
                            run = node.deliveries().deliverDue(3)) {
                        delivered += run.delivered();
                    }
                    return delivered;
                }));
            }
            start.countDown();
            int total = 0;
            for (Future<Integer> f : done) {
                total += f.get(120, TimeUnit.SECONDS);
            }
            assertThat(total).isEqualTo(queued);
        } finally {
            pool.shutdownNow();
        }
        Collection<Long> sentIds = hook.sent().stream().map(n -> n.deliveryId().value()).toList();
        assertThat(sentIds).hasSize(queued).doesNotHaveDuplicates();
        assertThat(of(DeliveryChannel.WEBHOOK, DeliveryState.DELIVERED)).hasSize(queued);
        assertThat(hook.sent()).allSatisfy(n -> assertThat(n.attempt()).isEqualTo(1));
    }
}
