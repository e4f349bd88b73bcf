package org.forumkit.examples.web;

import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.http.Cookie;
import jakarta.servlet.http.HttpServletRequest;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.Optional;
import org.forumkit.Forum;
import org.forumkit.examples.QueryCounter;
import org.forumkit.jpa.spring.ViewerResolver;
import org.forumkit.model.TopicId;
import org.forumkit.model.UnreadCount;
import org.forumkit.model.Viewer;
import org.springframework.http.HttpStatus;
import org.springframework.security.web.csrf.CsrfToken;
import org.springframework.stereotype.Component;
import org.springframework.web.servlet.ModelAndView;
import org.springframework.web.servlet.view.RedirectView;

/**
 * What the page controllers share: the reader's language (the {@code lang} cookie, else {@code Accept-Language},
 * else 简体中文) and time zone (the {@code tz} cookie site.js sets, else GMT+8), the page frame ({@link Layout})
 * and the step from a view model to a rendered template.
 */
@Component
final class Pages {
    static final int PAGE_SIZE = 20;
    static final Locale CHINESE = Locale.SIMPLIFIED_CHINESE;
    private static final ZoneId DEFAULT_ZONE = ZoneId.of("Asia/Shanghai");
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-M-d HH:mm");
    private static final DateTimeFormatter ZONE = DateTimeFormatter.ofPattern("O", Locale.ROOT);

    /** The request attribute a controller sets to the path of its page's Atom feed. */
    static final String FEED = Pages.class.getName() + ".feed";

    private final Texts texts;
    private final QueryCounter queries;
    private final ViewerResolver viewers;
    private final Forum forum;

    Pages(Texts texts, QueryCounter queries, ViewerResolver viewers, Forum forum) {
        this.texts = texts;
        this.queries = queries;
        this.viewers = viewers;
        this.forum = forum;
    }

    Texts texts() {
        return texts;
    }

    Locale locale(HttpServletRequest request) {
        return cookie(request, "lang").map(l -> l.equals("en") ? Locale.ENGLISH : CHINESE)
                .orElseGet(() -> Optional.ofNullable(request.getHeader("Accept-Language"))
                        .filter(h -> h.startsWith("en")).map(h -> Locale.ENGLISH).orElse(CHINESE));
    }

    ZoneId zone(HttpServletRequest request) {
        return cookie(request, "tz").map(id -> {
            try {
                return ZoneId.of(URLDecoder.decode(id, StandardCharsets.UTF_8));
            } catch (DateTimeException | IllegalArgumentException e) {
                return DEFAULT_ZONE;
            }
        }).orElse(DEFAULT_ZONE);
    }

    String time(HttpServletRequest request, Instant at) {
        return TIME.format(at.atZone(zone(request)));
    }

    /** The instant for the {@code stamp} partial: ISO in UTC and the reader's time. */
    Stamp stamp(HttpServletRequest request, Instant at) {
        return new Stamp(at.toString(), time(request, at));
    }

    /** The reader's zone as the seed page's footer names it ({@code GMT+8}), at {@code at}. */
    String zoneLabel(HttpServletRequest request, Instant at) {
        return ZONE.format(at.atZone(zone(request)));
    }

    String text(HttpServletRequest request, String key, Object... args) {
        return texts.text(locale(request), key, args);
    }

    /** The template {@code template} with {@code page} as its view model, under the frame of this request. */
    ModelAndView render(HttpServletRequest request, HttpStatus status, String template, String title, Object page) {
        ModelAndView view = new ModelAndView(template);
        view.setStatus(status);
        view.addObject("layout", layout(request, title));
        view.addObject("page", page);
        return view;
    }

    ModelAndView render(HttpServletRequest request, String template, String title, Object page) {
        return render(request, HttpStatus.OK, template, title, page);
    }

    Layout layout(HttpServletRequest request, String title) {
        Locale locale = locale(request);
        boolean english = locale.equals(Locale.ENGLISH);
        // on an error page the page is the request that failed, not /error
        Object failed = request.getAttribute(RequestDispatcher.ERROR_REQUEST_URI);
        String path = failed instanceof String uri ? uri : request.getRequestURI();
        String query = failed instanceof String ? (String) request.getAttribute(RequestDispatcher.ERROR_QUERY_STRING)
                : request.getQueryString();
        String here = LocalRedirects.target(path + (query == null ? "" : "?" + query));
        CsrfToken csrf = (CsrfToken) request.getAttribute(CsrfToken.class.getName());
        Layout.SignedIn user = null;
        if (viewers.currentViewer() instanceof Viewer.Member member) {
            UnreadCount unread = forum.notifications().unread(member);
            user = new Layout.SignedIn(member.id().value(), member.displayName(),
                    unread.count() == 0 ? null : unread.display());
        }
        Instant now = Instant.now();
        return new Layout(texts.of(locale), english ? "en" : "zh-CN", english ? "zh-CN" : "en", title,
                csrf == null ? "" : csrf.getToken(), URLEncoder.encode(here, StandardCharsets.UTF_8), here, user,
                zoneLabel(request, now), stamp(request, now),
                new Footer(texts, locale, RequestTiming.started(request), queries),
                request.getAttribute(FEED) instanceof String feed ? feed : null);
    }

    /** A 303 to a path of this site, after a form post (the browser then GETs it). */
    static RedirectView seeOther(String path) {
        RedirectView view = new RedirectView(LocalRedirects.target(path), true);
        view.setStatusCode(HttpStatus.SEE_OTHER);
        view.setExpandUriTemplateVariables(false);
        view.setExposeModelAttributes(false);
        return view;
    }

    static String permalink(TopicId topic, int floor) {
        return "/topics/" + topic.value() + "/floors/" + floor;
    }

    static int pageStart(int floor) {
        return (floor - 1) / PAGE_SIZE * PAGE_SIZE + 1;
    }

    static int number(String text) {
        try {
            int n = Integer.parseInt(text.strip());
            if (n < 1) {
                throw new BadRequestException("not a positive number: " + text);
            }
            return n;
        } catch (NumberFormatException e) {
            throw new BadRequestException("not a number: " + text);
        }
    }

    private static Optional<String> cookie(HttpServletRequest request, String name) {
        Cookie[] cookies = request.getCookies();
        if (cookies != null) {
            for (Cookie cookie : cookies) {
                if (cookie.getName().equals(name) && !cookie.getValue().isEmpty()) {
                    return Optional.of(cookie.getValue());
                }
            }
        }
        return Optional.empty();
    }
}
