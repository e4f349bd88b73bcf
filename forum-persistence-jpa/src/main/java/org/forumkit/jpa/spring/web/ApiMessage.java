package org.forumkit.jpa.spring.web;

import java.text.MessageFormat;
import java.util.Locale;

/** The API's own error messages (the forum's come with its exceptions), in English and 简体中文. */
enum ApiMessage {
    BODY_REQUIRED("a JSON body is required", "请求需要一个 JSON 正文"),
    NOT_JSON("the body must be application/json", "请求正文必须是 application/json"),
    NOT_AN_OBJECT("the body must be a JSON object", "请求正文必须是一个 JSON 对象"),
    MALFORMED("malformed JSON", "JSON 格式错误"),
    JSON_LIMITS("the JSON body is nested too deeply or has too long a string or field name",
            "JSON 正文嵌套过深，或字符串、字段名过长"),
    TRAILING("unexpected content after the JSON object", "JSON 对象之后还有多余的内容"),
    DUPLICATE("the field {0} appears twice", "字段 {0} 出现了两次"),
    UNKNOWN_FIELD("unknown field {0}", "未知字段 {0}"),
    WRONG_TYPE("{0} must be {1}", "{0} 必须是{1}"),
    OUT_OF_RANGE("{0} is out of range", "{0} 超出范围"),
    ONE_OF("{0} must be {1}", "{0} 必须是 {1} 之一"),
    REQUIRED("{0} is required", "缺少 {0}"),
    PARAMETER("the parameter {0} is not valid: {1}", "参数 {0} 无效：{1}"),
    QUERY("the query string is not well-formed UTF-8", "查询参数不是格式正确的 UTF-8"),
    NOT_AN_ID("not an id: {0}", "不是有效的编号：{0}"),
    NOT_A_NUMBER("not a positive number: {0}", "不是正整数：{0}"),
    NOT_AN_INSTANT("from and to are ISO-8601 instants such as 2024-01-31T00:00:00Z",
            "from 和 to 须为 ISO-8601 时间，如 2024-01-31T00:00:00Z"),
    KEY_REQUIRED("the query parameter key is required", "缺少查询参数 key"),
    NO_THREAD("no comment thread for the key {0}", "键 {0} 没有评论区"),
    TOO_LARGE("the request body is larger than {0} bytes", "请求正文超过 {0} 字节"),
    BODY_TIMEOUT("the request body did not arrive in time", "请求正文未能及时送达"),
    RATE_LIMITED("too many requests from your address: wait {0} s and try again",
            "您的地址请求过于频繁：请等待 {0} 秒后重试"),
    NO_ENDPOINT("no such endpoint: {0} {1}", "没有这个接口：{0} {1}"),
    METHOD("{0} is not allowed here; allowed: {1}", "此处不允许 {0}，允许：{1}"),
    CSRF("the CSRF token is missing or stale: reload the page and try again",
            "CSRF 令牌缺失或已过期：请刷新页面后重试"),
    CORS("this origin may not call the forum''s API", "此来源不允许调用论坛接口"),
    LOGIN_REQUIRED("you need to sign in first", "您需要先登录"),
    NOT_ALLOWED("you may not do this", "您没有权限这样做"),
    FAILED("the request failed ({0})", "请求失败（{0}）"),
    INTERNAL("something went wrong on the server; try again later", "服务器出错了，请稍后再试"),
    UNAVAILABLE("the forum''s database cannot be reached just now; nothing was stored, try again in a moment",
            "论坛的数据库暂时无法连接，未保存任何内容，请稍后重试"),
    BUSY("the forum was too busy to finish this; nothing was stored, try again in a moment",
            "论坛繁忙，未能完成此操作，未保存任何内容，请稍后重试"),
    OUTCOME_UNKNOWN("the connection to the database was lost while saving: this may or may not have been stored;"
            + " reload to check before you send it again",
            "保存时与数据库的连接中断：可能已保存，也可能没有；请先刷新查看，再决定是否重新发送");

    private final String english;
    private final String chinese;

    ApiMessage(String english, String chinese) {
        this.english = english;
        this.chinese = chinese;
    }

    String format(Locale locale, Object... args) {
        boolean zh = locale != null && "zh".equals(locale.getLanguage());
        return new MessageFormat(zh ? chinese : english, zh ? Locale.SIMPLIFIED_CHINESE : Locale.ENGLISH)
                .format(java.util.Arrays.stream(args).map(a -> a instanceof ApiJson.Kind kind ? kind.text(locale) : a)
                        .toArray());
    }
}
