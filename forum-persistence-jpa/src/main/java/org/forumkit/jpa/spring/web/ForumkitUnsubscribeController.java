package org.forumkit.jpa.spring.web;

import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Map;
import org.forumkit.Forum;
import org.forumkit.ValidationException;
import org.forumkit.model.Unsubscription;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.util.HtmlUtils;
import org.springframework.web.util.UriUtils;

/**
 * The page behind the unsubscribe links of mails ({@code forumkit.deliveries.unsubscribe-path}, {@code /unsubscribe}):
 * {@code GET ?token=…} only asks (mail scanners open links; nothing changes), {@code POST ?token=…} with the body
 * {@code List-Unsubscribe=One-Click} (RFC 8058, what mail clients send, and what the page's button sends) turns the
 * token's kind off on its channel. The signed token is the credential: no session and no CSRF token are needed
 * ({@link ForumkitApiConfigurer} exempts the path from CSRF), and a forged, damaged or expired one is a 400 that
 * changes nothing. Answers HTML, or JSON when the request accepts {@code application/json} before HTML.
 */
@Controller
final class ForumkitUnsubscribeController {
    static final String ONE_CLICK = "One-Click";

    private final Forum forum;
    private final String path;
    private final ApiJson json;

    ForumkitUnsubscribeController(Forum forum, String path, ApiJson json) {
        this.forum = forum;
        this.path = path;
        this.json = json;
    }

    String path() {
        return path;
    }

    @GetMapping("${forumkit.deliveries.unsubscribe-path:/unsubscribe}")
    ResponseEntity<byte[]> confirm(@RequestParam(required = false) String token,
            @RequestHeader(name = HttpHeaders.ACCEPT, required = false) String accept, Locale locale) {
        if (token == null || token.isBlank()) {
            return refuse(wantsJson(accept), "TOKEN_INVALID", PageText.NO_TOKEN, locale);
        }
        if (wantsJson(accept)) {
            return json.answer(200, Map.of("token", token, "confirm", "POST " + path + "?token=…",
                    "body", "List-Unsubscribe=" + ONE_CLICK));
        }
        String action = path + "?token=" + UriUtils.encodeQueryParam(token, StandardCharsets.UTF_8);
        return html(200, locale, "<p>" + esc(PageText.CONFIRM.format(locale)) + "</p>"
                + "<form method=\"post\" action=\"" + esc(action) + "\">"
                + "<input type=\"hidden\" name=\"List-Unsubscribe\" value=\"" + ONE_CLICK + "\">"
                + "<button type=\"submit\" id=\"forumkit-unsubscribe\">" + esc(PageText.BUTTON.format(locale))
                + "</button></form>");
    }

    @PostMapping("${forumkit.deliveries.unsubscribe-path:/unsubscribe}")
    ResponseEntity<byte[]> unsubscribe(@RequestParam(required = false) String token,
            @RequestParam(name = "List-Unsubscribe", required = false) String oneClick,
            @RequestHeader(name = HttpHeaders.ACCEPT, required = false) String accept, Locale locale) {
        boolean wantsJson = wantsJson(accept);
        if (token == null || token.isBlank()) {
            return refuse(wantsJson, "TOKEN_INVALID", PageText.NO_TOKEN, locale);
        }
        if (!ONE_CLICK.equals(oneClick)) {
            return refuse(wantsJson, "NOT_ONE_CLICK", PageText.NOT_ONE_CLICK, locale);
        }
        Unsubscription done;
        try {
            done = forum.deliveries().unsubscribe(token);
        } catch (ValidationException e) {
            boolean expired = e.hasViolation("token", "expired");
            return refuse(wantsJson, expired ? "TOKEN_EXPIRED" : "TOKEN_INVALID",
                    expired ? PageText.EXPIRED : PageText.MALFORMED, locale);
        }
        if (wantsJson) {
            return json.answer(200, new NotificationBodies.SettingBody(done.channel().name(), done.kind().name(),
                    false));
        }
        return html(200, locale, "<p id=\"forumkit-unsubscribed\">" + esc(PageText.DONE.format(locale,
                PageText.named("KIND_", done.kind().name(), locale),
                PageText.named("CHANNEL_", done.channel().name(), locale))) + "</p><p>"
                + esc(PageText.AGAIN.format(locale)) + "</p>");
    }

    private ResponseEntity<byte[]> refuse(boolean wantsJson, String code, PageText text, Locale locale) {
        if (wantsJson) {
            return json.error(400, code, text.format(locale), null, null);
        }
        return html(400, locale, "<p class=\"forumkit-error\" id=\"forumkit-unsubscribe-error\">"
                + esc(text.format(locale)) + "</p>");
    }

    private static ResponseEntity<byte[]> html(int status, Locale locale, String body) {
        String page = "<!DOCTYPE html><html lang=\"" + (PageText.chinese(locale) ? "zh-CN" : "en") + "\"><head>"
                + "<meta charset=\"utf-8\"><meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">"
                + "<meta name=\"robots\" content=\"noindex\"><title>" + esc(PageText.TITLE.format(locale))
                + "</title></head><body><main class=\"forumkit-unsubscribe\"><h1>" + esc(PageText.TITLE.format(locale))
                + "</h1>" + body + "</main></body></html>";
        return ResponseEntity.status(status).contentType(new MediaType("text", "html", StandardCharsets.UTF_8))
                .cacheControl(org.springframework.http.CacheControl.noStore())
                .header("Referrer-Policy", "no-referrer") // the token is in the URL
                .body(page.getBytes(StandardCharsets.UTF_8));
    }

    private static boolean wantsJson(String accept) {
        if (accept == null) {
            return false;
        }
        java.util.List<MediaType> types;
        try {
            types = MediaType.parseMediaTypes(accept);
        } catch (org.springframework.http.InvalidMediaTypeException e) {
            return false;
        }
        for (MediaType type : types) {
            if (type.isCompatibleWith(MediaType.TEXT_HTML) && !type.isWildcardType()) {
                return false;
            }
            if (MediaType.APPLICATION_JSON.equalsTypeAndSubtype(type)) {
                return true;
            }
        }
        return false;
    }

    private static String esc(String text) {
        return HtmlUtils.htmlEscape(text, StandardCharsets.UTF_8.name());
    }
}
