package org.forumkit.examples;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.forumkit.model.DenialReason;

/** The hostile requests of {@link ApiFuzzTest}, in batches; each probe is sent raw, as written. */
final class ApiFuzzCorpus {
    /** The API's documented error codes (forum-examples/README.md), the forum's denial reasons among them. */
    static final Set<String> CODES = new HashSet<>(List.of("BAD_REQUEST", "VALIDATION", "NOT_FOUND", "LOGIN_REQUIRED",
            "NOT_ALLOWED", "CSRF", "CORS", "METHOD_NOT_ALLOWED", "NOT_ACCEPTABLE", "CONFLICT", "PAYLOAD_TOO_LARGE",
            "RATE_LIMITED", "REQUEST_TIMEOUT"));

    static {
        Arrays.stream(DenialReason.values()).map(Enum::name).forEach(CODES::add);
    }

    private static final int MAX_BODY_CODE_POINTS = 20_000;

    private ApiFuzzCorpus() {
    }

    /** One request: sent signed in as a member (session cookie and CSRF header) or anonymously. */
    record Probe(String name, String method, String path, String contentType, byte[] body, String headers,
            boolean signedIn) {
        byte[] request(String cookies, String csrf) {
            StringBuilder head = new StringBuilder(method + " " + path + " HTTP/1.1\r\nHost: 127.0.0.1\r\n"
                    + "Connection: close\r\n");
            if (contentType != null) {
                head.append("Content-Type: ").append(contentType).append("\r\n");
            }
            if (body != null) {
                head.append("Content-Length: ").append(body.length).append("\r\n");
            }
            if (cookies != null) {
                head.append("Cookie: ").append(cookies).append("\r\n");
            }
            if (csrf != null) {
                head.append("X-CSRF-TOKEN: ").append(csrf).append("\r\n");
            }
            head.append(headers).append("\r\n");
            return ApiFuzzTest.concat(head.toString().getBytes(StandardCharsets.UTF_8),
                    body == null ? new byte[0] : body);
        }
    }

    static List<List<Probe>> batches(long post) {
        List<List<Probe>> batches = new ArrayList<>();
        batches.add(bodies("reply", "POST", "/api/topics/1/replies"));
        batches.add(bodies("topic", "POST", "/api/boards/news-media/topics"));
        batches.add(bodies("comment", "POST", "/api/comments?key=about"));
        batches.add(bodies("vote", "PUT", "/api/posts/" + post + "/vote"));
        batches.add(bodies("report", "POST", "/api/posts/" + post + "/reports"));
        batches.add(bodies("resolve", "POST", "/api/reports/1/resolve"));
        batches.add(texts());
        batches.add(ids());
        batches.add(queries());
        batches.add(heads());
        batches.add(statics());
        return batches;
    }

    /** The probes whose text reaches the store: hostile strings, and the reply endpoint's malformed bodies. */
    static List<List<Probe>> textBatches(long post) {
        return List.of(texts(), bodies("reply", "POST", "/api/topics/1/replies"));
    }

    /** Malformed and hostile bodies to one write endpoint, signed in, plus the same without a body or type. */
    private static List<Probe> bodies(String name, String method, String path) {
        List<Probe> probes = new ArrayList<>();
        String[] bodies = {
            "", "{", "}", "null", "[]", "\"x\"", "1", "true", "{}", "{\"body\":\"a\",}", "{'body':'a'}",
            "{\"body\":\"a\"} x", "{\"body\":\"a\"}{}", "{\"body\":\"a\",\"body\":\"b\"}", "{\"vote\":\"SUPPORT\",\"vote\":\"OPPOSE\"}",
            "{\"body\":1}", "{\"body\":true}", "{\"body\":[\"x\"]}", "{\"body\":{\"a\":1}}", "{\"body\":null}",
            "{\"body\":\"x\",\"format\":1}", "{\"body\":\"x\",\"format\":\"HTML\"}", "{\"body\":\"x\",\"format\":\"\"}",
            "{\"body\":\"x\",\"replyToFloor\":\"2\"}", "{\"body\":\"x\",\"replyToFloor\":1.5}",
            "{\"body\":\"x\",\"replyToFloor\":-1}", "{\"body\":\"x\",\"replyToFloor\":0}",
            "{\"body\":\"x\",\"replyToFloor\":2147483648}", "{\"body\":\"x\",\"replyToFloor\":-2147483649}",
            "{\"body\":\"x\",\"replyToFloor\":99999999999999999999999}", "{\"body\":\"x\",\"replyToFloor\":1e308}",
            "{\"body\":\"x\",\"replyToFloor\":1e999}", "{\"body\":\"x\",\"replyToFloor\":NaN}",
            "{\"body\":\"x\",\"replyToFloor\":-0}", "{\"body\":\"x\",\"replyToFloor\":" + "9".repeat(5000) + "}",
            "{\"body\":\"x\",\"quote\":\"x\"}", "{\"body\":\"x\",\"quote\":{}}", "{\"body\":\"x\",\"quote\":{\"floor\":\"a\"}}",
            "{\"body\":\"x\",\"quote\":{\"floor\":-1}}", "{\"body\":\"x\",\"quote\":{\"floor\":2147483647}}",
            "{\"body\":\"x\",\"quote\":{\"floor\":1,\"excerpt\":5}}", "{\"body\":\"x\",\"quote\":{\"floor\":1,\"extra\":1}}",
            "{\"body\":\"x\",\"admin\":true}", "{\"body\":\"x\",\"__proto__\":{\"admin\":true}}",
            "{\"body\":\"x\",\"" + "k".repeat(100_000) + "\":1}",
            "{\"title\":1,\"body\":\"x\"}", "{\"title\":\"\",\"body\":\"x\"}", "{\"title\":\"t\",\"type\":[],\"body\":\"x\"}",
            "{\"vote\":\"MAYBE\"}", "{\"vote\":1}", "{\"vote\":null}", "{\"vote\":\"support\"}",
            "{\"reason\":\"NOPE\"}", "{\"reason\":\"SPAM\",\"text\":" + "1".repeat(30) + "}",
            "{\"resolution\":\"EXPLODE\"}", "{\"resolution\":\"DISMISS\",\"reason\":[1]}",
            "{\"quote\":" + "[".repeat(10_000) + "]".repeat(10_000) + "}",
            "{\"body\":" + "{\"a\":".repeat(10_000) + "1" + "}".repeat(10_000) + "}",
            "[".repeat(50_000) + "]".repeat(50_000),
            "{\"body\":\"x\"" + ",\"a\":{\"b\":{\"c\":{\"d\":{\"e\":{\"f\":{\"g\":{\"h\":{\"i\":{\"j\":{\"k\":{\"l\":{\"m\":{\"n\":"
                    + "{\"o\":{\"p\":{\"q\":{\"r\":1}}}}}}}}}}}}}}}}}}" + "}",
        };
        for (int i = 0; i < bodies.length; i++) {
            probes.add(new Probe(name + " body " + i, method, path, "application/json", ApiFuzzTest.bytes(bodies[i]),
                    "", true));
        }
        byte[] ok = ApiFuzzTest.bytes("{\"body\":\"x\",\"title\":\"t\",\"vote\":\"SUPPORT\",\"reason\":\"SPAM\"}");
        for (String type : new String[] {null, "text/plain", "application/x-www-form-urlencoded",
            "multipart/form-data; boundary=x", "application/json; charset=ISO-8859-1", "application/json; charset=nope",
            "application/json-patch+json", "application/xml", "not a type", "application/json; charset=\"utf-8\"; x=y",
            "*/*", "application/*", ";;;", "application/json; " + "p=1; ".repeat(500)}) {
            probes.add(new Probe(name + " type " + type, method, path, type, ok, "", true));
        }
        probes.add(new Probe(name + " no body", method, path, "application/json", null, "", true));
        probes.add(new Probe(name + " anonymous", method, path, "application/json", ok, "", false));
        probes.add(new Probe(name + " 1 MB single line", method, path, "application/json",
                ApiFuzzTest.bytes("{\"body\":\"" + "x".repeat(1024 * 1024) + "\"}"), "", true));
        probes.add(new Probe(name + " BOM", method, path, "application/json", ApiFuzzTest.concat(
                new byte[] {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF}, ApiFuzzTest.bytes("{\"body\":\"x\"}")), "", true));
        return probes;
    }

    /** Bodies that parse but carry hostile text: NUL, lone surrogates, bidi controls, nested quotes at the limit. */
    private static List<Probe> texts() {
        List<String> texts = new ArrayList<>(List.of("a\\u0000b", "\\u0000", "\\ud800", "x\\udc00y", "\\udbff\\udbff",
                "\\u202e gnp.exe \\u202d", "\\u2066\\u2067\\u2068\\u2069", "\\u200b\\u200c\\u200d\\ufeff", "\\u0007\\u001b[31m",
                "\\r\\n\\r\\n", " ", "\\t", "😀".repeat(MAX_BODY_CODE_POINTS), "😀".repeat(MAX_BODY_CODE_POINTS + 1),
                "中".repeat(MAX_BODY_CODE_POINTS), "<script>alert(1)</script>", "[url=javascript:alert(1)]x[/url]",
                "[img]javascript:alert(1)[/img]", "[](javascript:alert(1))", "<img src=x onerror=alert(1)>"));
        List<String[]> nested = List.of(
                new String[] {"PLAIN", ">".repeat(MAX_BODY_CODE_POINTS - 1) + "x"},
                new String[] {"MARKDOWN", ">".repeat(MAX_BODY_CODE_POINTS - 1) + "x"},
                new String[] {"MARKDOWN", "> ".repeat(MAX_BODY_CODE_POINTS / 2 - 1) + "x"},
                new String[] {"MARKDOWN", "- ".repeat(MAX_BODY_CODE_POINTS / 2 - 1) + "x"},
                new String[] {"MARKDOWN", "[".repeat(MAX_BODY_CODE_POINTS / 2) + "]".repeat(MAX_BODY_CODE_POINTS / 2)},
                new String[] {"MARKDOWN", "*a".repeat(MAX_BODY_CODE_POINTS / 2)},
                new String[] {"BBCODE", "[quote]".repeat(1_333) + "x" + "[/quote]".repeat(1_333)},
                new String[] {"BBCODE", "[quote]".repeat(2_857)},
                new String[] {"BBCODE", "[b]".repeat(6_666)},
                new String[] {"BBCODE", "[quote]".repeat(10_000) + "x" + "[/quote]".repeat(10_000)},
                new String[] {"PLAIN", ">".repeat(10_000 * 3)});
        List<Probe> probes = new ArrayList<>();
        for (int i = 0; i < texts.size(); i++) {
            for (String format : new String[] {"PLAIN", "MARKDOWN", "BBCODE"}) {
                probes.add(new Probe("text " + i + " " + format, "POST", "/api/topics/1/replies", "application/json",
                        ApiFuzzTest.bytes("{\"body\":\"" + texts.get(i) + "\",\"format\":\"" + format + "\"}"), "",
                        true));
            }
        }
        for (int i = 0; i < nested.size(); i++) {
            probes.add(new Probe("nested " + i + " " + nested.get(i)[0], "POST", "/api/topics/1/replies",
                    "application/json", ApiFuzzTest.bytes("{\"body\":\"" + nested.get(i)[1] + "\",\"format\":\""
                    + nested.get(i)[0] + "\"}"), "", true));
        }
        // raw bytes that are not UTF-8: a CESU surrogate, an overlong slash, a lone continuation byte, a NUL
        for (byte[] raw : new byte[][] {{(byte) 0xED, (byte) 0xA0, (byte) 0x80}, {(byte) 0xC0, (byte) 0xAF},
            {(byte) 0x80}, {0}, {(byte) 0xFF, (byte) 0xFE}}) {
            probes.add(new Probe("raw bytes " + Arrays.toString(raw), "POST", "/api/topics/1/replies",
                    "application/json", ApiFuzzTest.concat(ApiFuzzTest.bytes("{\"body\":\"a"), raw,
                    ApiFuzzTest.bytes("b\"}")), "", true));
        }
        probes.add(new Probe("a title of bidi and NUL", "POST", "/api/boards/news-media/topics", "application/json",
                ApiFuzzTest.bytes("{\"title\":\"\\u202e\\u0000\\ud800\",\"body\":\"x\"}"), "", true));
        probes.add(new Probe("a comment key of hostile text", "POST", "/api/comments?key=%E2%80%AE%00%ED%A0%80",
                "application/json", ApiFuzzTest.bytes("{\"body\":\"x\"}"), "", true));
        return probes;
    }

    /** Ids and paths beyond what they may be. */
    private static List<Probe> ids() {
        List<Probe> probes = new ArrayList<>();
        for (String id : new String[] {"0", "-1", "1e3", "0x1", "9223372036854775807", "9223372036854775808",
            "99999999999999999999999999", "%00", "%20", "1%00", "1;x", "1.0", "+1", "%E2%80%AE1", "１"}) {
            probes.add(new Probe("reply to topic " + id, "POST", "/api/topics/" + id + "/replies", "application/json",
                    ApiFuzzTest.bytes("{\"body\":\"x\"}"), "", true));
            probes.add(new Probe("topic " + id, "GET", "/api/topics/" + id, null, null, "", false));
            probes.add(new Probe("vote " + id, "PUT", "/api/posts/" + id + "/vote", "application/json",
                    ApiFuzzTest.bytes("{\"vote\":\"SUPPORT\"}"), "", true));
            probes.add(new Probe("resolve " + id, "POST", "/api/reports/" + id + "/resolve", "application/json",
                    ApiFuzzTest.bytes("{\"resolution\":\"DISMISS\"}"), "", true));
        }
        for (String slug : new String[] {"NEWS", "..", "%2e%2e", "news-media%2F..", "a".repeat(5_000), "%00", "-"}) {
            probes.add(new Probe("board " + slug.length(), "GET", "/api/boards/" + slug + "/topics", null, null, "",
                    false));
        }
        for (String method : new String[] {"DELETE", "PATCH", "TRACE", "OPTIONS", "HEAD", "PROPFIND", "FOO"}) {
            probes.add(new Probe("method " + method, method, "/api/topics/1", null, null, "", true));
        }
        probes.add(new Probe("unknown endpoint", "GET", "/api/nothing/here", null, null, "", false));
        probes.add(new Probe("api root", "GET", "/api", null, null, "", false));
        return probes;
    }

    /** Floor ranges, sizes, cursors and search parameters out of range or of the wrong kind. */
    private static List<Probe> queries() {
        List<Probe> probes = new ArrayList<>();
        for (String value : new String[] {"-1", "0", "2147483647", "2147483648", "99999999999", "abc", "1.5", "",
            "%00", "1e9", "-2147483648", " 1", "%2B1"}) {
            probes.add(new Probe("fromFloor " + value, "GET", "/api/topics/1?fromFloor=" + value, null, null, "", false));
            probes.add(new Probe("size " + value, "GET", "/api/topics/1?size=" + value, null, null, "", false));
            probes.add(new Probe("comments fromFloor " + value, "GET", "/api/comments?key=about&fromFloor=" + value
                    + "&size=" + value, null, null, "", false));
            probes.add(new Probe("board size " + value, "GET", "/api/boards/news-media/topics?size=" + value, null, null,
                    "", false));
        }
        for (String cursor : new String[] {"garbage", "%00", "x".repeat(8_000), "eyJ0IjoxfQ", "1:2:3", "-1", "%FF%FE"}) {
            probes.add(new Probe("topics cursor " + cursor.length(), "GET", "/api/boards/news-media/topics?cursor="
                    + cursor, null, null, "", false));
            probes.add(new Probe("search cursor " + cursor.length(), "GET", "/api/search?q=a&cursor=" + cursor, null,
                    null, "", false));
        }
        for (String query : new String[] {"q=" + "a".repeat(8_000), "q=%00", "q=%E2%80%AE", "q=%ED%A0%80", "q=*",
            "q=a&from=garbage", "q=a&to=2024-13-45T00:00:00Z", "q=a&order=x", "q=a&board=..%2F", "q=a&author=%E2%80%AE",
            "q=a&topic=-1", "q=a&topic=99999999999999999999", "q=a&size=100000", "q=a&titles=maybe",
            "q=a&from=2024-01-01T00:00:00Z&to=2023-01-01T00:00:00Z", "q=" + "%22".repeat(2_000), "q=a&q=b"}) {
            probes.add(new Probe("search " + query.substring(0, Math.min(30, query.length())), "GET",
                    "/api/search?" + query, null, null, "", false));
        }
        probes.add(new Probe("comments without key", "GET", "/api/comments", null, null, "", false));
        probes.add(new Probe("comments key huge", "GET", "/api/comments?key=" + "k".repeat(8_000), null, null, "", false));
        return probes;
    }

    /** Heads: huge and odd headers (Tomcat answers a head over 16 KB itself, with a bare 400). */
    private static List<Probe> heads() {
        List<Probe> probes = new ArrayList<>();
        String[] headers = {"X-Big: " + "a".repeat(20_000) + "\r\n", "Accept-Language: " + "zz-ZZ;q=0.1,".repeat(800) + "\r\n",
            "Accept: image/png\r\n", "Accept: application/xml\r\n", "Origin: http://evil.example\r\n",
            "Origin: null\r\n", "X-Forwarded-For: 1.2.3.4\r\n", "X-Forwarded-Host: evil.example\r\n",
            "Cookie: FORUMKIT_SESSION=" + "A".repeat(4_000) + "\r\n", "Cookie: FORUMKIT_CSRF=%00\r\n",
            "X-CSRF-TOKEN: " + "t".repeat(4_000) + "\r\n", "Range: bytes=0-1\r\n", "Expect: 100-continue\r\n",
            "Accept-Charset: ebcdic\r\n", "Content-Encoding: gzip\r\n"};
        for (int i = 0; i < headers.length; i++) {
            probes.add(new Probe("head " + i + " on a read", "GET", "/api/topics/1", null, null, headers[i], false));
            probes.add(new Probe("head " + i + " on a write", "POST", "/api/topics/1/replies", "application/json",
                    ApiFuzzTest.bytes("{\"body\":\"head " + i + "\"}"), headers[i], true));
        }
        return probes;
    }

    /** Path traversal and encodings in the widget's and the site's static paths. */
    private static List<Probe> statics() {
        List<Probe> probes = new ArrayList<>();
        for (String path : new String[] {"/forumkit/../application.properties", "/forumkit/%2e%2e/application.properties",
            "/forumkit/%2E%2E%2Fapplication.properties", "/forumkit/..%2fapplication.properties",
            "/forumkit/..%5capplication.properties", "/forumkit/%2e%2e/%2e%2e/%2e%2e/etc/passwd",
            "/forumkit/..;/application.properties", "/forumkit/.%2e/application.properties",
            "/forumkit//forumkit.js", "/forumkit/forumkit.js%00.txt", "/forumkit/forumkit.js/..", "/forumkit/%c0%ae%c0%ae/",
            "/static/../application.properties", "/static/%2e%2e/application.properties",
            "/static/..%2F..%2Fapplication.properties", "/static/%252e%252e/application.properties",
            "/static/site.css/../../application.properties", "/static/../../../../etc/passwd", "/%2e%2e/%2e%2e/etc/passwd",
            "/api/../application.properties", "/api/%2e%2e/forumkit/forumkit.js", "/api/topics/1/%2e%2e/%2e%2e/session",
            "/api%2ftopics%2f1", "/api/topics/1%2freplies", "/forumkit/forumkit.js?../../x", "/WEB-INF/web.xml",
            "/META-INF/MANIFEST.MF", "/org/forumkit/examples/ui.properties", "/application.properties",
            "/forumkit/FORUMKIT.JS", "/forumkit/forumkit.js::$DATA", "/forumkit/%00", "/\\..\\application.properties"}) {
            probes.add(new Probe("static " + path, "GET", path, null, null, "", false));
        }
        return probes;
    }
}
