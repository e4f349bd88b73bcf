package org.forumkit.render;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * BBCode parsed into a tree: a tokenizer that recognises only well-formed known tags with valid values, and a
 * stack-based tree builder. Unknown tags are text; a tag left open (or closed across another) stays in the tree
 * with {@code closed == false} and is written back as its own literal text.
 */
final class BbTree {
    /** Deeper nesting is shown as text: it is never legitimate and would exhaust the stack when written. */
    static final int MAX_DEPTH = 48;
    private static final int MAX_VALUE_LENGTH = 256;
    private static final Pattern HEX_COLOR = Pattern.compile("#([0-9a-fA-F]{3}|[0-9a-fA-F]{6})");
    static final Set<String> COLORS = Set.of("black", "white", "gray", "grey", "silver", "red", "maroon", "orange",
            "yellow", "olive", "lime", "green", "teal", "aqua", "cyan", "blue", "navy", "purple", "fuchsia",
            "magenta", "pink", "brown", "gold", "darkred", "darkgreen", "darkblue", "darkorange", "orangered",
            "skyblue", "indigo", "violet", "crimson", "royalblue", "seagreen", "sienna", "tomato");

    enum Tag {
        ROOT, B, I, U, S, URL, IMG, QUOTE, CODE, SIZE, COLOR, LIST, ITEM, ALIGN;

        static final Map<String, Tag> BY_NAME = Map.ofEntries(Map.entry("b", B), Map.entry("i", I),
                Map.entry("u", U), Map.entry("s", S), Map.entry("url", URL), Map.entry("img", IMG),
                Map.entry("quote", QUOTE), Map.entry("code", CODE), Map.entry("size", SIZE),
                Map.entry("color", COLOR), Map.entry("list", LIST), Map.entry("*", ITEM), Map.entry("align", ALIGN));

        boolean block() {
            return this == QUOTE || this == CODE || this == LIST || this == ALIGN;
        }
    }

    sealed interface Node permits Text, Element {
    }

    record Text(String text) implements Node {
    }

    static final class Element implements Node {
        final Tag tag;
        /** The validated value ({@code [size=3]} → {@code 3}), or {@code null}. */
        final String value;
        /** The tag as written, shown as text when the element is not closed. */
        final String openText;
        final List<Node> children = new ArrayList<>();
        /** Content of {@code [code]}, {@code [img]} and value-less {@code [url]}: never parsed. */
        String raw;
        String closeText = "";
        boolean closed;

        Element(Tag tag, String value, String openText) {
            this.tag = tag;
            this.value = value;
            this.openText = openText;
        }
    }

    /** A tag as written: {@code [name]}, {@code [name=value]} or {@code [/name]}, ending before {@code end}. */
    private record Token(Tag tag, boolean closing, String value, String text, int end) {
    }

    private BbTree() {
    }

    static Element parse(String source) {
        Element root = new Element(Tag.ROOT, null, "");
        root.closed = true;
        Deque<Element> stack = new ArrayDeque<>();
        stack.push(root);
        StringBuilder text = new StringBuilder();
        // From which position on a raw tag is known to have no closing tag, so unclosed [code]s cost O(n) total.
        int[] noCloseFrom = new int[Tag.values().length];
        java.util.Arrays.fill(noCloseFrom, Integer.MAX_VALUE);
        int i = 0;
        int n = source.length();
        while (i < n) {
            char c = source.charAt(i);
            Token token = c == '[' ? token(source, i) : null;
            if (token == null) {
                text.append(c);
                i++;
                continue;
            }
            flush(text, stack.peek());
            if (token.closing) {
                close(token, stack, text);
                i = token.end;
            } else if (isRaw(token)) {
                int close = token.end >= noCloseFrom[token.tag.ordinal()] ? -1 : findClose(source, token);
                if (close < 0) {
                    noCloseFrom[token.tag.ordinal()] = Math.min(noCloseFrom[token.tag.ordinal()], token.end);
                    text.append(token.text);
                    i = token.end;
                } else {
                    Element element = new Element(token.tag, token.value, token.text);
                    element.raw = source.substring(token.end, close);
                    int closeEnd = source.indexOf(']', close) + 1;
                    element.closeText = source.substring(close, closeEnd);
                    element.closed = true;
                    stack.peek().children.add(element);
                    i = closeEnd;
                }
            } else if (stack.size() > MAX_DEPTH) {
                text.append(token.text);
                i = token.end;
            } else if (token.tag == Tag.ITEM) {
                openItem(token, stack, text);
                i = token.end;
            } else {
                Element element = new Element(token.tag, token.value, token.text);
                stack.peek().children.add(element);
                stack.push(element);
                i = token.end;
            }
        }
        flush(text, stack.peek());
        return root;
    }

    private static boolean isRaw(Token token) {
        return token.tag == Tag.CODE || token.tag == Tag.IMG || (token.tag == Tag.URL && token.value == null);
    }

    /** Where the matching {@code [/tag]} of a raw tag starts, or -1. */
    private static int findClose(String source, Token token) {
        String close = "[/" + token.tag.name().toLowerCase(Locale.ROOT) + "]";
        for (int at = source.indexOf("[/", token.end); at >= 0; at = source.indexOf("[/", at + 2)) {
            if (source.regionMatches(true, at, close, 0, close.length())) {
                return at;
            }
        }
        return -1;
    }

    /** {@code [*]} inside a list: closes the previous item (anything open in it stays unclosed) and opens one. */
    private static void openItem(Token token, Deque<Element> stack, StringBuilder text) {
        Element list = null;
        for (Element e : stack) {
            if (e.tag == Tag.ITEM || e.tag == Tag.LIST) {
                list = e;
                break;
            }
        }
        if (list == null) {
            text.append(token.text);
            return;
        }
        if (list.tag == Tag.ITEM) {
            while (stack.peek() != list) {
                stack.pop();
            }
            stack.pop().closed = true;
            list = stack.peek();
        }
        Element item = new Element(Tag.ITEM, null, token.text);
        list.children.add(item);
        stack.push(item);
    }

    private static void close(Token token, Deque<Element> stack, StringBuilder text) {
        Element match = null;
        for (Element e : stack) {
            if (e.tag == token.tag) {
                match = e;
                break;
            }
            // An item's end is implied by the end of its list: it is not crossed as a misnested tag.
            if (token.tag == Tag.ITEM && e.tag == Tag.LIST) {
                break;
            }
        }
        if (match == null || match.tag == Tag.ROOT) {
            text.append(token.text);
            return;
        }
        while (stack.peek() != match) {
            Element open = stack.pop();
            if (open.tag == Tag.ITEM && stack.peek() == match && match.tag == Tag.LIST) {
                open.closed = true;
            }
        }
        stack.pop();
        match.closed = true;
        match.closeText = token.text;
    }

    private static void flush(StringBuilder text, Element parent) {
        if (text.length() > 0) {
            parent.children.add(new Text(text.toString()));
            text.setLength(0);
        }
    }

    /** The tag starting at {@code at}, or {@code null} when it is not a known, well-formed tag. */
    private static Token token(String source, int at) {
        int i = at + 1;
        int n = source.length();
        boolean closing = i < n && source.charAt(i) == '/';
        if (closing) {
            i++;
        }
        int nameStart = i;
        while (i < n && i - nameStart <= 5 && (Character.isLetter(source.charAt(i)) || source.charAt(i) == '*')
                && source.charAt(i) < 128) {
            i++;
        }
        Tag tag = Tag.BY_NAME.get(source.substring(nameStart, i).toLowerCase(Locale.ROOT));
        if (tag == null || i >= n) {
            return null;
        }
        String value = null;
        if (source.charAt(i) == '=' && !closing) {
            int end = i + 1;
            while (end < n && end - i <= MAX_VALUE_LENGTH && "[]\n".indexOf(source.charAt(end)) < 0) {
                end++;
            }
            if (end >= n || source.charAt(end) != ']') {
                return null;
            }
            value = source.substring(i + 1, end);
            i = end;
        }
        if (source.charAt(i) != ']') {
            return null;
        }
        String checked = closing ? null : checkValue(tag, value);
        if (!closing && value != null && checked == null) {
            return null;
        }
        if (!closing && value == null && (tag == Tag.SIZE || tag == Tag.COLOR || tag == Tag.ALIGN)) {
            return null;
        }
        return new Token(tag, closing, checked, source.substring(at, i + 1), i + 1);
    }

    /** The value normalised, or {@code null} when the tag takes no such value (so it is not a tag). */
    private static String checkValue(Tag tag, String value) {
        if (value == null) {
            return null;
        }
        String v = value.strip();
        return switch (tag) {
            case SIZE -> v.length() == 1 && v.charAt(0) >= '1' && v.charAt(0) <= '7' ? v : null;
            case COLOR -> {
                String lower = v.toLowerCase(Locale.ROOT);
                yield COLORS.contains(lower) || HEX_COLOR.matcher(v).matches() ? lower : null;
            }
            case ALIGN -> {
                String lower = v.toLowerCase(Locale.ROOT);
                yield lower.equals("left") || lower.equals("center") || lower.equals("right") ? lower : null;
            }
            case LIST -> v.equals("1") ? v : null;
            case URL -> v.isEmpty() ? null : v;
            case QUOTE -> {
                String name = unquote(v);
                yield name.isBlank() ? null : name;
            }
            default -> null;
        };
    }

    private static String unquote(String v) {
        if (v.length() >= 2 && (v.charAt(0) == '"' || v.charAt(0) == '\'') && v.charAt(v.length() - 1) == v.charAt(0)) {
            return v.substring(1, v.length() - 1).strip();
        }
        return v;
    }
}
