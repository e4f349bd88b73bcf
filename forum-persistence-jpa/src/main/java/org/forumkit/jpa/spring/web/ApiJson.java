package org.forumkit.jpa.spring.web;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.core.exc.InputCoercionException;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.cfg.CoercionAction;
import com.fasterxml.jackson.databind.cfg.CoercionInputShape;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.type.LogicalType;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;
import org.forumkit.json.ForumJacksonModule;
import org.forumkit.model.TopicPage;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.util.StringUtils;

/**
 * The API's JSON, apart from the host's message converters so that the host's Jackson settings (or Jackson 3) never
 * change the documented shapes: forum records through {@link ForumJacksonModule}, request bodies read strictly (no
 * trailing content, duplicate keys, unknown fields, coerced types or out-of-range numbers).
 */
final class ApiJson {
    static final MediaType JSON = new MediaType("application", "json", java.nio.charset.StandardCharsets.UTF_8);

    private final ObjectMapper mapper;

    /** The API's limits by default: 16 levels of nesting, strings of up to 256 KiB characters. */
    ApiJson() {
        this(16, 256 * 1024);
    }

    /**
     * Bodies nested deeper than {@code maxDepth} or with a longer string than {@code maxString} characters are
     * malformed; numbers longer than 40 digits and field names longer than 256 characters too, whatever the field.
     */
    ApiJson(int maxDepth, long maxString) {
        if (maxDepth < 3) {
            throw new IllegalArgumentException("forumkit.api.max-json-depth must be at least 3, not " + maxDepth);
        }
        JsonFactory factory = JsonFactory.builder().streamReadConstraints(StreamReadConstraints.builder()
                .maxNestingDepth(maxDepth).maxStringLength((int) Math.min(Integer.MAX_VALUE, Math.max(1, maxString)))
                .maxNumberLength(40).maxNameLength(256).build()).build();
        mapper = JsonMapper.builder(factory)
                .addModule(new ForumJacksonModule())
                .addMixIn(TopicPage.class, TopicPageMixin.class)
                .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
                .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS, DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES,
                        DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES, DeserializationFeature.FAIL_ON_READING_DUP_TREE_KEY,
                        DeserializationFeature.FAIL_ON_NUMBERS_FOR_ENUMS)
                .disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT)
                .disable(MapperFeature.ALLOW_COERCION_OF_SCALARS)
                .withCoercionConfig(LogicalType.Textual, c -> c.setCoercion(CoercionInputShape.Integer, CoercionAction.Fail)
                        .setCoercion(CoercionInputShape.Float, CoercionAction.Fail)
                        .setCoercion(CoercionInputShape.Boolean, CoercionAction.Fail))
                .withCoercionConfig(LogicalType.Enum, c -> c.setCoercion(CoercionInputShape.Integer, CoercionAction.Fail)
                        .setCoercion(CoercionInputShape.EmptyString, CoercionAction.Fail))
                .build();
    }

    /**
     * A topic page as the API has always shown it: the next page's first floor is {@code nextFromFloor}. A mix-in, so
     * the page is written in one pass (it was copied into a tree to rename the field).
     */
    abstract static class TopicPageMixin {
        @com.fasterxml.jackson.annotation.JsonProperty("nextFromFloor")
        abstract Integer next();
    }

    /** An error as the API documents it; {@code violations} only for {@code VALIDATION}. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record ErrorBody(String error, String message, List<ViolationBody> violations) {
    }

    /** One field's problem in a {@code VALIDATION} error. */
    record ViolationBody(String field, String code, String message) {
    }

    ObjectMapper mapper() {
        return mapper;
    }

    /** The request body as this record, or a 400 saying what is wrong with it. */
    <T> T read(byte[] body, String contentType, Class<T> type) {
        if (body == null || body.length == 0) {
            throw ApiProblem.badRequest(ApiMessage.BODY_REQUIRED);
        }
        if (!isJson(contentType)) {
            throw ApiProblem.badRequest(ApiMessage.NOT_JSON);
        }
        try (JsonParser parser = mapper.createParser(body)) {
            if (parser.nextToken() != com.fasterxml.jackson.core.JsonToken.START_OBJECT) {
                throw ApiProblem.badRequest(ApiMessage.NOT_AN_OBJECT);
            }
            return mapper.readValue(parser, type);
        } catch (UnrecognizedPropertyException e) {
            throw ApiProblem.badRequest(ApiMessage.UNKNOWN_FIELD, path(e));
        } catch (InvalidFormatException e) {
            if (e.getTargetType() != null && e.getTargetType().isEnum()) {
                throw ApiProblem.badRequest(ApiMessage.ONE_OF, path(e), Arrays.stream(e.getTargetType()
                        .getEnumConstants()).map(String::valueOf).collect(Collectors.joining(", ")));
            }
            throw ApiProblem.badRequest(ApiMessage.WRONG_TYPE, path(e), kind(e.getTargetType()));
        } catch (MismatchedInputException e) {
            if (e.getOriginalMessage() != null && e.getOriginalMessage().startsWith("Trailing token")) {
                throw ApiProblem.badRequest(ApiMessage.TRAILING);
            }
            throw ApiProblem.badRequest(ApiMessage.WRONG_TYPE, path(e), kind(e.getTargetType()));
        } catch (JsonMappingException e) {
            if (e.getCause() instanceof StreamConstraintsException limit) {
                throw constraint(limit);
            }
            if (e.getCause() instanceof InputCoercionException) {
                throw ApiProblem.badRequest(ApiMessage.OUT_OF_RANGE, path(e));
            }
            if (e.getCause() instanceof IllegalArgumentException || e.getCause() instanceof ApiProblem) {
                // A record's own check (an id, a format) refused the value.
                throw ApiProblem.badRequest(ApiMessage.WRONG_TYPE, path(e), kind(null));
            }
            throw ApiProblem.badRequest(ApiMessage.MALFORMED);
        } catch (StreamConstraintsException e) {
            throw constraint(e);
        } catch (InputCoercionException e) {
            throw ApiProblem.badRequest(ApiMessage.OUT_OF_RANGE, currentName(e));
        } catch (JsonProcessingException e) {
            String message = e.getOriginalMessage();
            if (message != null && message.startsWith("Duplicate field '")) {
                throw ApiProblem.badRequest(ApiMessage.DUPLICATE, message.substring(17, message.indexOf('\'', 17)));
            }
            throw ApiProblem.badRequest(ApiMessage.MALFORMED);
        } catch (IOException e) {
            throw ApiProblem.badRequest(ApiMessage.MALFORMED);
        }
    }

    /** A number too long is out of range; too deep a nesting, too long a string or name breaks the API's limits. */
    private static ApiProblem constraint(StreamConstraintsException e) {
        String message = String.valueOf(e.getOriginalMessage());
        return message.startsWith("Number value length") ? ApiProblem.badRequest(ApiMessage.OUT_OF_RANGE, currentName(e))
                : ApiProblem.badRequest(ApiMessage.JSON_LIMITS);
    }

    static boolean isJson(String contentType) {
        if (!StringUtils.hasText(contentType)) {
            return false;
        }
        try {
            MediaType type = MediaType.parseMediaType(contentType);
            return MediaType.APPLICATION_JSON.equalsTypeAndSubtype(type)
                    && (type.getCharset() == null || type.getCharset().equals(java.nio.charset.StandardCharsets.UTF_8));
        } catch (org.springframework.util.InvalidMimeTypeException | java.nio.charset.UnsupportedCharsetException e) {
            return false;
        }
    }

    /** A 2xx answer with this body. */
    ResponseEntity<byte[]> answer(int status, Object body) {
        return ResponseEntity.status(status).headers(headers()).body(bytes(body));
    }

    ResponseEntity<byte[]> error(int status, String code, String message, List<ViolationBody> violations,
            HttpHeaders extra) {
        HttpHeaders headers = headers();
        if (extra != null) {
            headers.addAll(extra);
        }
        return ResponseEntity.status(status).headers(headers).body(bytes(new ErrorBody(code, message, violations)));
    }

    /** Writes an error straight to a servlet response, for filters and Spring Security's handlers. */
    void write(HttpServletResponse response, int status, String code, String message) throws IOException {
        if (response.isCommitted()) {
            return;
        }
        response.resetBuffer();
        response.setStatus(status);
        response.setContentType(JSON.toString());
        response.setHeader(HttpHeaders.CACHE_CONTROL, "no-store");
        byte[] bytes = bytes(new ErrorBody(code, message, null));
        response.setContentLength(bytes.length);
        response.getOutputStream().write(bytes);
        response.flushBuffer();
    }

    byte[] bytes(Object body) {
        try {
            return mapper.writeValueAsBytes(body);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static HttpHeaders headers() {
        HttpHeaders headers = new HttpHeaders();
        headers.setContentType(JSON);
        headers.setCacheControl("no-store");
        return headers;
    }

    private static String path(JsonMappingException e) {
        String path = e.getPath().stream().map(r -> r.getFieldName() != null ? r.getFieldName()
                : String.valueOf(r.getIndex())).collect(Collectors.joining("."));
        return path.isEmpty() ? "the body" : path;
    }

    private static String currentName(JsonProcessingException e) {
        try {
            if (e.getProcessor() instanceof JsonParser parser && parser.currentName() != null) {
                return parser.currentName();
            }
        } catch (IOException ignored) {
            // the name is only for the message
        }
        return "a number";
    }

    private static Kind kind(Class<?> type) {
        if (type == null) {
            return Kind.VALUE;
        }
        if (type == String.class || type.isEnum()) {
            return Kind.STRING;
        }
        if (type == Integer.class || type == int.class || type == Long.class || type == long.class) {
            return Kind.INTEGER;
        }
        if (type == Boolean.class || type == boolean.class) {
            return Kind.BOOLEAN;
        }
        return type.isRecord() ? Kind.OBJECT : Kind.VALUE;
    }

    /** What a field should have been, for the message; localized by {@link ApiMessage#format}. */
    enum Kind {
        STRING("a string", "字符串"), INTEGER("a whole number", "整数"), BOOLEAN("true or false", "true 或 false"),
        OBJECT("a JSON object", "JSON 对象"), VALUE("a valid value", "有效的值");

        private final String english;
        private final String chinese;

        Kind(String english, String chinese) {
            this.english = english;
            this.chinese = chinese;
        }

        String text(Locale locale) {
            return locale != null && "zh".equals(locale.getLanguage()) ? chinese : english;
        }
    }
}
