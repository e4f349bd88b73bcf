package org.forumkit.model;

import java.util.Map;

/**
 * What a notification is about, as a stable code that is stored: the built-in kinds below 1000, codes from
 * {@link #HOST_CODES} up for kinds a host defines ({@link #host(int)}). Codes are append-only, never reused.
 */
public record NotificationKind(int code) {
    /** The first code a host may use. */
    public static final int HOST_CODES = 1000;

    // before the constants, which check their codes against it
    private static final Map<Integer, String> NAMES = Map.of(1, "MENTIONED", 2, "REPLIED", 3, "QUOTED", 5, "VOTED",
            9, "WATCHING", 20, "MODERATION", 21, "REPORT_RESOLVED");

    public static final NotificationKind MENTIONED = new NotificationKind(1);
    public static final NotificationKind REPLIED = new NotificationKind(2);
    public static final NotificationKind QUOTED = new NotificationKind(3);
    /** Support or oppose on your post, folded per post. */
    public static final NotificationKind VOTED = new NotificationKind(5);
    /** A new post in a topic or board you watch. */
    public static final NotificationKind WATCHING = new NotificationKind(9);
    /** A moderator approved, rejected or deleted your post, or reports hid it; the detail says which. */
    public static final NotificationKind MODERATION = new NotificationKind(20);
    /** A report you filed was resolved; the detail is the resolution. */
    public static final NotificationKind REPORT_RESOLVED = new NotificationKind(21);

    public NotificationKind {
        if (code < 1 || (code < HOST_CODES && !NAMES.containsKey(code))) {
            throw new IllegalArgumentException("no built-in notification kind has code " + code
                    + "; host kinds start at " + HOST_CODES);
        }
    }

    /** A kind defined by the host application; its text comes from the host. */
    public static NotificationKind host(int code) {
        if (code < HOST_CODES) {
            throw new IllegalArgumentException("host notification kinds start at " + HOST_CODES + ", was " + code);
        }
        return new NotificationKind(code);
    }

    public boolean isHostKind() {
        return code >= HOST_CODES;
    }

    /** The built-in name ({@code REPLIED}, …), or {@code HOST_<code>}. */
    public String name() {
        return isHostKind() ? "HOST_" + code : NAMES.get(code);
    }

    @Override
    public String toString() {
        return name();
    }
}
