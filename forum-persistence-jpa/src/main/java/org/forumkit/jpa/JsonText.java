package org.forumkit.jpa;

import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.forumkit.model.AccessPolicy;
import org.forumkit.model.Action;
import org.forumkit.model.Audience;
import org.forumkit.model.BoardModeration;
import org.forumkit.model.FloodControl;
import org.forumkit.model.Premoderation;
import org.forumkit.model.UserId;
import org.forumkit.spi.store.IndexedTerm;

/**
 * Writes and reads the few small collections a board keeps in text columns, as JSON a DBA can read: string
 * arrays and the access policy (an object of action to {@code [kind, role…]}). Hand-written so the adapter
 * needs no JSON library; it reads only what it writes.
 */
final class JsonText {
    private JsonText() {
    }

    private static final Memo<AccessPolicy> POLICIES = new Memo<>();
    private static final Memo<BoardModeration> MODERATIONS = new Memo<>();

    /**
     * The values of the last texts parsed, by their text: every reply and vote maps its board, and a forum has few
     * distinct policies and moderation settings, whose values are immutable records. A slot holds one text; a
     * collision only parses again.
     */
    private static final class Memo<T> {
        private static final int SLOTS = 64;
        private final java.util.concurrent.atomic.AtomicReferenceArray<Object[]> slots =
                new java.util.concurrent.atomic.AtomicReferenceArray<>(SLOTS);

        @SuppressWarnings("unchecked")
        T get(String json, java.util.function.Function<String, T> parse) {
            int slot = json.hashCode() & (SLOTS - 1);
            Object[] kept = slots.get(slot);
            if (kept != null && kept[0].equals(json)) {
                return (T) kept[1];
            }
            T value = parse.apply(json);
            slots.set(slot, new Object[] {json, value});
            return value;
        }
    }

    static String strings(List<String> values) {
        StringBuilder out = new StringBuilder("[");
        for (int i = 0; i < values.size(); i++) {
            if (i > 0) {
                out.append(',');
            }
            quote(values.get(i), out);
        }
        return out.append(']').toString();
    }

    /**
     * A post's search terms as {@code [[term, inTitle 0|1, weight], …]}, what MariaDB's {@code fk_append_reply}
     * reads with {@code JSON_TABLE} (migration V19).
     */
    static String terms(List<IndexedTerm> terms) {
        StringBuilder out = new StringBuilder(terms.size() * 16 + 2).append('[');
        for (int i = 0; i < terms.size(); i++) {
            IndexedTerm term = terms.get(i);
            out.append(i == 0 ? "[" : ",[");
            quote(term.term(), out);
            out.append(term.title() ? ",1," : ",0,").append(term.weight()).append(']');
        }
        return out.append(']').toString();
    }

    static String userIds(Set<UserId> ids) {
        // Sorted so the same set always writes the same text.
        return strings(ids.stream().map(UserId::value).sorted().toList());
    }

    static Set<UserId> userIds(String json) {
        Set<UserId> ids = new HashSet<>();
        for (String value : strings(json)) {
            ids.add(UserId.of(value));
        }
        return ids;
    }

    static String policy(AccessPolicy policy) {
        StringBuilder out = new StringBuilder("{");
        Map<Action, Audience> sorted = new TreeMap<>(policy.rules());
        boolean first = true;
        for (Map.Entry<Action, Audience> rule : sorted.entrySet()) {
            if (!first) {
                out.append(',');
            }
            first = false;
            quote(rule.getKey().name(), out);
            out.append(':');
            List<String> audience = new ArrayList<>();
            audience.add(rule.getValue().kind().name());
            rule.getValue().roles().stream().sorted().forEach(audience::add);
            out.append(strings(audience));
        }
        return out.append('}').toString();
    }

    static AccessPolicy policy(String json) {
        return POLICIES.get(json, JsonText::parsePolicy);
    }

    private static AccessPolicy parsePolicy(String json) {
        Parser parser = new Parser(json);
        Map<Action, Audience> rules = new EnumMap<>(Action.class);
        parser.expect('{');
        if (!parser.tryConsume('}')) {
            do {
                Action action = Action.valueOf(parser.string());
                parser.expect(':');
                List<String> audience = parser.array();
                if (audience.isEmpty()) {
                    throw new IllegalArgumentException("empty audience for " + action + " in " + json);
                }
                rules.put(action, new Audience(Audience.Kind.valueOf(audience.get(0)),
                        Set.copyOf(audience.subList(1, audience.size()))));
            } while (parser.tryConsume(','));
            parser.expect('}');
        }
        parser.end();
        return new AccessPolicy(rules);
    }

    /**
     * A board's moderation settings: {@code {"premoderation":"WITHOUT_ROLES","trustedRoles":["vip"],
     * "hideAfterReports":3,"floodMinIntervalMillis":30000,"floodMaxPerHour":20,"authorEditWindowMillis":0}}.
     */
    static String moderation(BoardModeration moderation) {
        StringBuilder out = new StringBuilder("{");
        quote("premoderation", out);
        out.append(':');
        quote(moderation.premoderation().name(), out);
        out.append(',');
        quote("trustedRoles", out);
        out.append(':').append(strings(moderation.trustedRoles().stream().sorted().toList()));
        out.append(',');
        quote("hideAfterReports", out);
        out.append(':').append(moderation.hideAfterReports());
        out.append(',');
        quote("floodMinIntervalMillis", out);
        out.append(':').append(moderation.floodControl().minInterval().toMillis());
        out.append(',');
        quote("floodMaxPerHour", out);
        out.append(':').append(moderation.floodControl().maxPerHour());
        out.append(',');
        quote("authorEditWindowMillis", out);
        out.append(':').append(moderation.authorEditWindow().toMillis());
        return out.append('}').toString();
    }

    /** Reads {@link #moderation(BoardModeration)}'s text; absent fields take their defaults, so {@code {}} is OFF. */
    static BoardModeration moderation(String json) {
        return MODERATIONS.get(json, JsonText::parseModeration);
    }

    private static BoardModeration parseModeration(String json) {
        Parser parser = new Parser(json);
        Premoderation premoderation = Premoderation.OFF;
        Set<String> trustedRoles = Set.of();
        int hideAfterReports = 0;
        long floodMinIntervalMillis = 0;
        int floodMaxPerHour = 0;
        long authorEditWindowMillis = 0;
        parser.expect('{');
        if (!parser.tryConsume('}')) {
            do {
                String key = parser.string();
                parser.expect(':');
                switch (key) {
                    case "premoderation" -> premoderation = Premoderation.valueOf(parser.string());
                    case "trustedRoles" -> trustedRoles = Set.copyOf(parser.array());
                    case "hideAfterReports" -> hideAfterReports = (int) parser.integer();
                    case "floodMinIntervalMillis" -> floodMinIntervalMillis = parser.integer();
                    case "floodMaxPerHour" -> floodMaxPerHour = (int) parser.integer();
                    case "authorEditWindowMillis" -> authorEditWindowMillis = parser.integer();
                    default -> throw new IllegalArgumentException("unknown moderation setting '" + key + "' in " + json);
                }
            } while (parser.tryConsume(','));
            parser.expect('}');
        }
        parser.end();
        return new BoardModeration(premoderation, trustedRoles, hideAfterReports,
                new FloodControl(Duration.ofMillis(floodMinIntervalMillis), floodMaxPerHour),
                Duration.ofMillis(authorEditWindowMillis));
    }

    static List<String> strings(String json) {
        Parser parser = new Parser(json);
        List<String> values = parser.array();
        parser.end();
        return values;
    }

    private static void quote(String value, StringBuilder out) {
        out.append('"');
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                default -> {
                    if (c < 0x20) {
                        out.append(String.format("\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        out.append('"');
    }

    private static final class Parser {
        private final String text;
        private int at;

        Parser(String text) {
            this.text = text;
        }

        List<String> array() {
            List<String> values = new ArrayList<>();
            expect('[');
            if (tryConsume(']')) {
                return values;
            }
            do {
                values.add(string());
            } while (tryConsume(','));
            expect(']');
            return values;
        }

        String string() {
            expect('"');
            StringBuilder out = new StringBuilder();
            while (true) {
                char c = next();
                if (c == '"') {
                    return out.toString();
                }
                if (c != '\\') {
                    out.append(c);
                    continue;
                }
                char escaped = next();
                switch (escaped) {
                    case '"', '\\', '/' -> out.append(escaped);
                    case 'n' -> out.append('\n');
                    case 'r' -> out.append('\r');
                    case 't' -> out.append('\t');
                    case 'b' -> out.append('\b');
                    case 'f' -> out.append('\f');
                    case 'u' -> {
                        if (at + 4 > text.length()) {
                            throw error();
                        }
                        out.append((char) Integer.parseInt(text.substring(at, at + 4), 16));
                        at += 4;
                    }
                    default -> throw error();
                }
            }
        }

        long integer() {
            skipSpace();
            int start = at;
            while (at < text.length() && (Character.isDigit(text.charAt(at)) || (at == start && text.charAt(at) == '-'))) {
                at++;
            }
            try {
                return Long.parseLong(text.substring(start, at));
            } catch (NumberFormatException e) {
                throw error();
            }
        }

        boolean tryConsume(char c) {
            skipSpace();
            if (at < text.length() && text.charAt(at) == c) {
                at++;
                return true;
            }
            return false;
        }

        void expect(char c) {
            if (!tryConsume(c)) {
                throw error();
            }
        }

        void end() {
            skipSpace();
            if (at != text.length()) {
                throw error();
            }
        }

        private char next() {
            if (at >= text.length()) {
                throw error();
            }
            return text.charAt(at++);
        }

        private void skipSpace() {
            while (at < text.length() && Character.isWhitespace(text.charAt(at))) {
                at++;
            }
        }

        private IllegalArgumentException error() {
            return new IllegalArgumentException("unreadable JSON at " + at + ": " + text);
        }
    }
}
