package org.forumkit.examples.seed;

import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads the text of a Discuz! X thread page (as a browser's "save as text" gives it). Page furniture such as
 * menus and buttons is skipped; anything else it cannot place is listed in {@link DiscuzThread#unmapped()}
 * rather than guessed at.
 */
public final class DiscuzThreadParser {
    /** Discuz prints local times; the seed site runs on GMT+8 (its footer says so). */
    public static final ZoneId SITE_ZONE = ZoneId.of("Asia/Shanghai");

    private static final Pattern COUNTS = Pattern.compile("查看:\\s*(\\d+)\\s*\\|\\s*回复:\\s*(\\d+)");
    private static final Pattern TITLE = Pattern.compile("^\\[(.+?)]\\s*(.+)$");
    private static final Pattern POSTED = Pattern.compile("^发表于\\s+(\\d{4}-\\d{1,2}-\\d{1,2} \\d{1,2}:\\d{2})");
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-M-d H:mm");
    /** Buttons and menus of the page: known, meaningless for the data. */
    private static final Set<String> FURNITURE = Set.of("找回密码", "注册会员", "[复制链接]", "回复", "使用道具 举报",
            "回复 支持 反对", "本版积分规则", "快速回复 返回顶部 返回列表");
    private static final Pattern FURNITURE_PATTERN = Pattern.compile(
            "^(您需要登录后才可以回帖.*|QQ\\|.*|GMT\\+8, .*|Powered by .*|Copyright .*)$");

    public DiscuzThread parse(String page) {
        // Discuz lays pages out with &nbsp;, which a text dump keeps as U+00A0: it is layout, not content.
        List<String> lines = page.replace('\u00A0', ' ').lines().toList();
        List<String> unmapped = new ArrayList<>();
        String site = null;
        String type = null;
        String title = null;
        long views = -1;
        long replies = -1;
        List<DiscuzThread.Floor> floors = new ArrayList<>();
        int i = 0;
        while (i < lines.size()) {
            String line = lines.get(i).strip();
            Matcher posted = POSTED.matcher(line);
            Matcher counts = COUNTS.matcher(line);
            Matcher titled = TITLE.matcher(line);
            if (posted.find()) {
                int end = i + 1;
                while (end < lines.size() && !isFloorEnd(lines.get(end).strip())) {
                    end++;
                }
                floors.add(floor(floors.size() + 1, posted.group(1), lines.subList(i + 1, end)));
                if (end < lines.size() && !FURNITURE.contains(lines.get(end).strip())) {
                    unmapped.add("floor " + floors.size() + ": '" + lines.get(end).strip()
                            + "' after the body (probably the author's signature or name; the page text does not say)");
                }
                i = end + 1;
                continue;
            }
            if (counts.find()) {
                views = Long.parseLong(counts.group(1));
                replies = Long.parseLong(counts.group(2));
            } else if (title == null && titled.matches()) {
                type = titled.group(1);
                title = titled.group(2).strip();
            } else if (site == null && !line.isEmpty()) {
                site = line;
            } else if (!line.isEmpty() && !FURNITURE.contains(line) && !FURNITURE_PATTERN.matcher(line).matches()) {
                unmapped.add("'" + line + "'");
            }
            i++;
        }
        if (title == null) {
            throw new IllegalArgumentException("no '[type] title' line: not a Discuz thread page");
        }
        return new DiscuzThread(site, type, title, views, replies, floors, unmapped);
    }

    /** A floor's text ends where the post's own furniture starts (a signature line, then the buttons). */
    private static boolean isFloorEnd(String line) {
        return FURNITURE.contains(line) || line.equals("备考") || POSTED.matcher(line).find()
                || line.startsWith("您需要登录后才可以回帖");
    }

    private static DiscuzThread.Floor floor(int number, String time, List<String> text) {
        var postedAt = LocalDateTime.parse(time, TIME).atZone(SITE_ZONE).toInstant();
        List<String> body = new ArrayList<>(text);
        while (!body.isEmpty() && body.get(0).isBlank()) {
            body.remove(0);
        }
        while (!body.isEmpty() && body.get(body.size() - 1).isBlank()) {
            body.remove(body.size() - 1);
        }
        String quoted = null;
        if (number > 1 && !body.isEmpty()) {
            String first = body.get(0).strip();
            if (first.startsWith("“") && first.endsWith("”") && first.length() > 2) {
                quoted = first.substring(1, first.length() - 1);
                body.remove(0);
                while (!body.isEmpty() && body.get(0).isBlank()) {
                    body.remove(0);
                }
            }
        }
        return new DiscuzThread.Floor(number, postedAt, String.join("\n", body).strip(), quoted);
    }
}
