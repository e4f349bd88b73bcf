package org.forumkit.jpa.spring.web;

import java.text.MessageFormat;
import java.util.Locale;

/** The words of the unsubscribe page, in English and 简体中文. */
enum PageText {
    TITLE("Unsubscribe", "退订"),
    CONFIRM("Stop these notifications? The link in your mail turns off one kind of notification on one channel.",
            "要停止这类通知吗？邮件中的链接只关闭一种渠道上的一类通知。"),
    BUTTON("Unsubscribe", "退订"),
    DONE("Done: you will no longer get “{0}” notifications by {1}.", "已退订：您将不再通过{1}收到“{0}”通知。"),
    AGAIN("You can turn them on again in your notification settings.", "可以在通知设置中重新开启。"),
    NO_TOKEN("This unsubscribe link has no token: open the link from your mail as it is.",
            "退订链接缺少令牌：请完整打开邮件中的链接。"),
    MALFORMED("This unsubscribe link is not valid (damaged or not from this site): nothing was changed.",
            "退订链接无效（已损坏或不是本站的链接）：未做任何更改。"),
    EXPIRED("This unsubscribe link has expired: nothing was changed. Use the link of a newer mail, or your settings.",
            "退订链接已过期：未做任何更改。请使用较新邮件中的链接，或前往通知设置。"),
    NOT_ONE_CLICK("A one-click unsubscribe posts the body List-Unsubscribe=One-Click (RFC 8058): nothing was changed.",
            "一键退订须以 List-Unsubscribe=One-Click 为请求正文（RFC 8058）：未做任何更改。"),
    CHANNEL_MAIL("mail", "邮件"),
    CHANNEL_WEBHOOK("webhook", "Webhook"),
    KIND_MENTIONED("mentioned you", "提到我"),
    KIND_REPLIED("replied to you", "回复我"),
    KIND_QUOTED("quoted you", "引用我"),
    KIND_VOTED("votes on your posts", "支持/反对"),
    KIND_WATCHING("new posts you watch", "关注的新帖"),
    KIND_MODERATION("moderation of your posts", "帖子审核"),
    KIND_REPORT_RESOLVED("your reports resolved", "举报处理结果");

    private final String english;
    private final String chinese;

    PageText(String english, String chinese) {
        this.english = english;
        this.chinese = chinese;
    }

    static boolean chinese(Locale locale) {
        return locale != null && "zh".equals(locale.getLanguage());
    }

    String format(Locale locale, Object... args) {
        boolean zh = chinese(locale);
        return new MessageFormat((zh ? chinese : english).replace("'", "''"), zh ? Locale.SIMPLIFIED_CHINESE
                : Locale.ENGLISH).format(args);
    }

    /** The words for a kind or channel name, or the name itself for a host's own. */
    static String named(String prefix, String name, Locale locale) {
        try {
            return valueOf(prefix + name.toUpperCase(Locale.ROOT)).format(locale);
        } catch (IllegalArgumentException e) {
            return name;
        }
    }
}
