package org.forumkit.examples;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.Random;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The hot-topic and hot-post loads of the fault harness through the demo's JSON API, with the client's own log of
 * what each request was told: 8 writers reply to one topic ({@code POST /api/topics/{id}/replies}), 3 voters change
 * their vote on one post ({@code PUT /api/posts/{id}/vote}), each signed in on one of the nodes with the CSRF token
 * of {@code GET /api/session}. A client whose node stops answering signs in on another node that is still up.
 */
final class FaultLoad {
    static final String[] WRITERS = {"alice", "bob", "carol", "mod", "alice", "bob", "carol", "mod"};
    /** The hot post is mod's: the others may vote on it. */
    static final String[] VOTERS = {"alice", "bob", "carol"};
    static final String[] CHOICES = {"SUPPORT", "OPPOSE", "NONE"};

    /** What a request was told. */
    enum Outcome {
        /** 201/200 with the stored ids. */
        ACKNOWLEDGED,
        /** A typed refusal that says nothing was stored: 503 UNAVAILABLE or 409 CONFLICT, both with Retry-After. */
        REFUSED,
        /** 503 OUTCOME_UNKNOWN: the connection was lost while committing. */
        UNKNOWN,
        /** No answer at all: the node was killed, or the answer did not come in time. */
        CUT_OFF,
        /** Anything else: a 500, framework text, a refusal without its retry hint. */
        UNTYPED
    }

    /** One request as the client saw it. {@code what} is the reply's body or the vote's choice. */
    record Attempt(String kind, String user, int client, String what, Outcome outcome, int status, String code,
            long id, int floor, long startedAt, long answeredAt) {
    }

    private final List<String> nodes;
    private final List<AtomicBoolean> alive;
    private final long topicId;
    private final long postId;
    private final Queue<Attempt> log = new ConcurrentLinkedQueue<>();
    private final AtomicBoolean running = new AtomicBoolean(true);
    private final List<Future<?>> workers = new CopyOnWriteArrayList<>();
    private final ExecutorService threads = Executors.newFixedThreadPool(WRITERS.length + VOTERS.length);

    FaultLoad(List<String> nodes, long topicId, long postId) {
        this.nodes = List.copyOf(nodes);
        this.alive = nodes.stream().map(n -> new AtomicBoolean(true)).toList();
        this.topicId = topicId;
        this.postId = postId;
    }

    /** Says node {@code n} is gone: its clients move to another node. */
    void nodeKilled(int n) {
        alive.get(n).set(false);
    }

    void start() {
        for (int w = 0; w < WRITERS.length; w++) {
            int client = w;
            workers.add(threads.submit(() -> {
                run("reply", WRITERS[client], client, i -> "{\"body\":\"回复 " + client + "-" + i + "\"}",
                        i -> "回复 " + client + "-" + i, "/api/topics/" + topicId + "/replies", "POST");
                return null;
            }));
        }
        for (int v = 0; v < VOTERS.length; v++) {
            int client = v;
            Random random = new Random(19 + v);
            String[] next = new String[1];
            workers.add(threads.submit(() -> {
                run("vote", VOTERS[client], client, i -> {
                    next[0] = CHOICES[random.nextInt(CHOICES.length)];
                    return "{\"vote\":\"" + next[0] + "\"}";
                }, i -> next[0], "/api/posts/" + postId + "/vote", "PUT");
                return null;
            }));
        }
    }

    /** Stops the clients and returns everything they were told, in the order they were answered. */
    List<Attempt> stop() throws Exception {
        running.set(false);
        for (Future<?> worker : workers) {
            worker.get(2, TimeUnit.MINUTES);
        }
        threads.shutdown();
        return new ArrayList<>(log);
    }

    private void run(String kind, String user, int client, java.util.function.IntFunction<String> body,
            java.util.function.IntFunction<String> what, String path, String method) throws InterruptedException {
        int node = client % nodes.size();
        DemoClient http = null;
        for (int i = 0; running.get(); i++) {
            if (http == null || !alive.get(node).get()) {
                node = aliveNode(node);
                http = signIn(node, user);
                if (http == null) {
                    i--;
                    continue;
                }
            }
            String json = body.apply(i);
            String said = what.apply(i);
            long at = System.nanoTime();
            try {
                DemoClient.Reply reply = http.json(method, path, json);
                long now = System.nanoTime();
                Attempt attempt = classify(kind, user, client, said, reply, at, now);
                log.add(attempt);
                if (attempt.outcome() != Outcome.ACKNOWLEDGED) {
                    Thread.sleep(20); // a client backing off (Retry-After says 1 s; the harness keeps the pressure)
                }
            } catch (IOException e) {
                log.add(new Attempt(kind, user, client, said, Outcome.CUT_OFF, 0, e.getClass().getSimpleName(), 0,
                        0, at, System.nanoTime()));
                http = null; // a fresh session, on this node if it still answers
                Thread.sleep(50);
            }
        }
    }

    private int aliveNode(int preferred) {
        if (alive.get(preferred).get()) {
            return preferred;
        }
        for (int n = 0; n < nodes.size(); n++) {
            if (alive.get(n).get()) {
                return n;
            }
        }
        throw new IllegalStateException("no node left");
    }

    /** Signs in on {@code node}; null if it does not answer just now. */
    private DemoClient signIn(int node, String user) throws InterruptedException {
        try {
            DemoClient http = new DemoClient(nodes.get(node)).timeout(Duration.ofSeconds(30)).signIn(user);
            http.csrf();
            return http;
        } catch (IOException | RuntimeException e) {
            Thread.sleep(100);
            return null;
        }
    }

    static Attempt classify(String kind, String user, int client, String what, DemoClient.Reply reply, long at,
            long now) {
        int status = reply.status();
        String code = reply.json() != null && reply.json().hasNonNull("error") ? reply.json().get("error").asText()
                : null;
        boolean retryAfter = reply.raw().headers().firstValue("Retry-After").isPresent();
        Outcome outcome;
        long id = 0;
        int floor = 0;
        if (kind.equals("reply") && status == 201 && reply.json() != null && reply.json().hasNonNull("id")) {
            outcome = Outcome.ACKNOWLEDGED;
            id = reply.json().get("id").asLong();
            floor = reply.json().get("floor").asInt();
        } else if (kind.equals("vote") && status == 200 && reply.json() != null && reply.json().has("support")) {
            outcome = Outcome.ACKNOWLEDGED;
        } else if (retryAfter && (status == 503 && "UNAVAILABLE".equals(code) || status == 409 && "CONFLICT".equals(code))
                && reply.json().hasNonNull("message")) {
            outcome = Outcome.REFUSED;
        } else if (status == 503 && "OUTCOME_UNKNOWN".equals(code)) {
            outcome = Outcome.UNKNOWN;
        } else {
            outcome = Outcome.UNTYPED;
            code = status + " " + reply.text().substring(0, Math.min(200, reply.text().length()));
        }
        return new Attempt(kind, user, client, what, outcome, status, code, id, floor, at, now);
    }
}
