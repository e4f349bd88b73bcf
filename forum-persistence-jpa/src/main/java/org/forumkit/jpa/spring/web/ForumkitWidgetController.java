package org.forumkit.jpa.spring.web;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.HexFormat;
import org.springframework.http.CacheControl;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * The comments widget's files, {@code {forumkit.widget.path}/forumkit.js} and {@code forumkit.css}: the script is
 * told the API's base path and the host's sign-in page when served. Revalidated by ETag unless
 * {@code forumkit.widget.max-age} lets browsers keep them.
 */
@RestController
@RequestMapping("${forumkit.widget.path:/forumkit}")
class ForumkitWidgetController {
    static final MediaType JAVASCRIPT = new MediaType("text", "javascript", StandardCharsets.UTF_8);
    static final MediaType CSS = new MediaType("text", "css", StandardCharsets.UTF_8);

    private final File script;
    private final File stylesheet;
    private final CacheControl cache;

    ForumkitWidgetController(String apiBasePath, String loginUrl, Duration maxAge) {
        String js = read("forumkit.js")
                .replace("var API = '/api';", "var API = " + jsString(apiBasePath) + ";")
                .replace("var LOGIN = '/login';", "var LOGIN = " + jsString(loginUrl) + ";");
        this.script = new File(js.getBytes(StandardCharsets.UTF_8), JAVASCRIPT);
        this.stylesheet = new File(read("forumkit.css").getBytes(StandardCharsets.UTF_8), CSS);
        this.cache = maxAge.isZero() || maxAge.isNegative() ? CacheControl.noCache()
                : CacheControl.maxAge(maxAge).cachePublic();
    }

    @GetMapping("/forumkit.js")
    ResponseEntity<byte[]> script(@RequestHeader(name = HttpHeaders.IF_NONE_MATCH, required = false) String etags) {
        return serve(script, etags);
    }

    @GetMapping("/forumkit.css")
    ResponseEntity<byte[]> stylesheet(@RequestHeader(name = HttpHeaders.IF_NONE_MATCH, required = false) String etags) {
        return serve(stylesheet, etags);
    }

    private ResponseEntity<byte[]> serve(File file, String etags) {
        boolean fresh = etagMatches(file, etags);
        ResponseEntity.BodyBuilder answer = (fresh ? ResponseEntity.status(HttpStatus.NOT_MODIFIED)
                : ResponseEntity.ok().contentType(file.type))
                .eTag(file.etag).cacheControl(cache).header("X-Content-Type-Options", "nosniff");
        return fresh ? answer.build() : answer.body(file.bytes);
    }

    private static boolean etagMatches(File file, String etags) {
        return etags != null && (etags.contains(file.etag) || etags.strip().equals("*"));
    }

    private static String read(String name) {
        try (InputStream in = ForumkitWidgetController.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException("the widget's " + name + " is missing from the jar");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A JavaScript string literal of a path or URL (no quote, backslash or line break can end it early). */
    private static String jsString(String value) {
        StringBuilder out = new StringBuilder("'");
        for (char c : value.toCharArray()) {
            if (c < 0x20 || c == '\'' || c == '\\' || c == '<' || c == '>' || c == '\u2028' || c == '\u2029') {
                out.append(String.format("\\u%04x", (int) c));
            } else {
                out.append(c);
            }
        }
        return out.append('\'').toString();
    }

    private static final class File {
        final byte[] bytes;
        final MediaType type;
        final String etag;

        File(byte[] bytes, MediaType type) {
            this.bytes = bytes;
            this.type = type;
            try {
                this.etag = "\"" + HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes), 0, 12)
                        + "\"";
            } catch (NoSuchAlgorithmException e) {
                throw new IllegalStateException(e);
            }
        }
    }
}
