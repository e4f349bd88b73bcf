package org.forumkit.imports;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Discuz! X3 BBCode as the forum's BBCODE renderer reads it. A {@code [quote]} whose header links to a post of the
 * same thread ({@code goto=findpost&pid=…}) leaves the body and becomes a quote of that post (its text the
 * excerpt); one that points elsewhere stays a quote naming its author. {@code [hide]} content is replaced by a
 * notice, so what the source showed only to repliers or to members with credits is not made public (the renderer
 * would show an unknown tag's content as text). Tags the renderer does not know are unwrapped, the default smilies
 * become emoji; {@code [code]} blocks are left as they are.
 */
final class DiscuzBbCode {
    /** What stands where a {@code [hide]} block was. */
    static final String HIDDEN_NOTICE = "[i]（本段为原帖的隐藏内容，导入时未公开 · hidden content of the original post,"
            + " not made public by the import）[/i]";

    private static final Pattern CODE = Pattern.compile("(?is)\\[code\\].*?\\[/code\\]");
    private static final Pattern QUOTE = Pattern.compile("(?is)\\[quote\\]\\s*(?:\\[size=[^\\]]*\\]\\s*)?"
            + "\\[url=[^\\]]*?goto=findpost(?:&|&amp;)pid=(\\d+)[^\\]]*\\](.*?)\\[/url\\]\\s*(?:\\[/size\\])?"
            + "(.*?)\\[/quote\\]");
    private static final Pattern HIDE = Pattern.compile("(?is)\\[hide(?:=[^\\]]*)?\\].*?\\[/hide\\]");
    private static final Pattern TAG = Pattern.compile("(?is)\\[/?[a-z]+(?:=[^\\]]*)?\\]");
    private static final Pattern UNWRAP = Pattern.compile("(?i)\\[/?(?:font|backcolor|p|indent|float|free|table|tr|td"
            + "|u?list=[a-z]|email|sup|sub|password)(?:=[^\\]]*)?\\]");
    private static final Pattern SIZE_PX = Pattern.compile("(?i)\\[size=[0-9.]+(?:px|pt|em)\\](.*?)\\[/size\\]");
    private static final Pattern IMG_SIZED = Pattern.compile("(?i)\\[img=\\d+,\\d+\\]");
    private static final Pattern MEDIA = Pattern.compile("(?is)\\[(media|flash|audio)(?:=[^\\]]*)?\\](.*?)\\[/\\1\\]");
    private static final Pattern ATTACH = Pattern.compile("(?i)\\[attach(?:img)?\\](\\d+)\\[/attach(?:img)?\\]");
    private static final Pattern HR = Pattern.compile("(?i)\\[hr\\]");
    /** The codes of Discuz! X3's default smiley set and an emoji for each. */
    static final Map<String, String> SMILIES = smilies();
    private static final Pattern SMILEY = Pattern.compile(SMILIES.keySet().stream()
            .sorted(Comparator.comparingInt(String::length).reversed())
            .map(code -> Pattern.quote(code) + (Character.isLetter(code.charAt(code.length() - 1))
                    && code.charAt(code.length() - 1) != ':' ? "(?![A-Za-z])" : ""))
            .collect(Collectors.joining("|", "(?<![A-Za-z0-9:/])(?:", ")")));

    private DiscuzBbCode() {
    }

    /**
     * A body to store, the source posts it quotes with the text quoted from each, how many {@code [hide]} blocks
     * were left out and how many attachments are only named.
     */
    record Converted(String body, List<String> quoted, Map<String, String> excerpts, int hidden, int attachments) {
    }

    /** Converts {@code message}; {@code threadPids} are the posts of its thread, {@code smilies} whether to map them. */
    static Converted convert(String message, Set<String> threadPids, boolean smilies) {
        List<String> quoted = new ArrayList<>();
        Map<String, String> excerpts = new LinkedHashMap<>();
        int[] counts = new int[2];
        StringBuilder out = new StringBuilder(message.length());
        Matcher code = CODE.matcher(message);
        int at = 0;
        while (code.find()) {
            out.append(text(message.substring(at, code.start()), threadPids, smilies, quoted, excerpts, counts));
            out.append(code.group());
            at = code.end();
        }
        out.append(text(message.substring(at), threadPids, smilies, quoted, excerpts, counts));
        String body = out.toString().replaceAll("\n{3,}", "\n\n").strip();
        return new Converted(body, quoted, excerpts, counts[0], counts[1]);
    }

    private static String text(String part, Set<String> threadPids, boolean smilies, List<String> quoted,
            Map<String, String> excerpts, int[] counts) {
        Matcher quote = QUOTE.matcher(part);
        StringBuilder out = new StringBuilder();
        while (quote.find()) {
            String pid = quote.group(1);
            String excerpt = plain(quote.group(3)).strip();
            String replacement;
            if (threadPids.contains(pid) && !quoted.contains(pid)) {
                quoted.add(pid);
                excerpts.put(pid, excerpt);
                replacement = "";
            } else {
                String header = plain(quote.group(2)).strip();
                int said = header.indexOf(" 发表于");
                String author = (said >= 0 ? header.substring(0, said) : header).replace("]", "").strip();
                replacement = (author.isEmpty() ? "[quote]" : "[quote=" + author + "]") + excerpt + "[/quote]";
            }
            quote.appendReplacement(out, Matcher.quoteReplacement(replacement));
        }
        quote.appendTail(out);
        String text = out.toString();
        Matcher hide = HIDE.matcher(text);
        StringBuilder shown = new StringBuilder();
        while (hide.find()) {
            counts[0]++;
            hide.appendReplacement(shown, Matcher.quoteReplacement(HIDDEN_NOTICE));
        }
        hide.appendTail(shown);
        text = shown.toString();
        Matcher attach = ATTACH.matcher(text);
        StringBuilder named = new StringBuilder();
        while (attach.find()) {
            counts[1]++;
            attach.appendReplacement(named, "（附件 $1 未导入 · attachment $1 not imported）");
        }
        attach.appendTail(named);
        text = named.toString();
        text = SIZE_PX.matcher(text).replaceAll("$1");
        text = IMG_SIZED.matcher(text).replaceAll("[img]");
        text = MEDIA.matcher(text).replaceAll("[url]$2[/url]");
        text = HR.matcher(text).replaceAll("\n――――――――\n");
        text = UNWRAP.matcher(text).replaceAll("");
        return smilies ? smilies(text) : text;
    }

    private static String smilies(String text) {
        Matcher m = SMILEY.matcher(text);
        StringBuilder out = new StringBuilder(text.length());
        while (m.find()) {
            m.appendReplacement(out, Matcher.quoteReplacement(SMILIES.get(m.group())));
        }
        m.appendTail(out);
        return out.toString();
    }

    /** The text of a piece of BBCode without its tags (what Discuz! itself puts into a quote). */
    static String plain(String bbcode) {
        return TAG.matcher(bbcode).replaceAll("");
    }

    private static Map<String, String> smilies() {
        Map<String, String> map = new LinkedHashMap<>();
        String[][] pairs = {{":)", "🙂"}, {":(", "🙁"}, {":D", "😃"}, {":'(", "😢"}, {":@", "😠"}, {":o", "😮"},
            {":P", "😛"}, {":$", "😳"}, {";P", "😜"}, {":L", "😓"}, {":Q", "😫"}, {":lol", "😂"},
            {":loveliness:", "🥰"}, {":funk:", "😱"}, {":curse:", "🤬"}, {":dizzy:", "😵"}, {":shutup:", "🤐"},
            {":sleepy:", "😪"}, {":hug:", "🤗"}, {":victory:", "✌️"}, {":time:", "⏰"}, {":kiss:", "😘"},
            {":handshake", "🤝"}, {":call:", "📞"}};
        for (String[] pair : pairs) {
            map.put(pair[0], pair[1]);
        }
        return Map.copyOf(map);
    }
}
