package org.forumkit.json;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.Version;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.JsonSerializer;
import com.fasterxml.jackson.databind.KeyDeserializer;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.module.SimpleModule;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.function.Function;
import java.util.function.LongFunction;
import org.forumkit.event.ForumEvent;
import org.forumkit.model.AuditId;
import org.forumkit.model.BanId;
import org.forumkit.model.BoardId;
import org.forumkit.model.ContentFormat;
import org.forumkit.model.CreditEntryId;
import org.forumkit.model.Post;
import org.forumkit.model.PostId;
import org.forumkit.model.Report;
import org.forumkit.model.ReportId;
import org.forumkit.model.TopicId;
import org.forumkit.model.UserId;
import org.forumkit.model.Viewer;

/**
 * Jackson support for Forumkit's public records, so a host can expose them in a REST API: typed ids as plain
 * numbers (user ids as strings), formats as their names, times as ISO-8601 strings ({@code 2012-08-07T01:21:00Z}),
 * viewers and events with a {@code "type"} field. Register it on the host's own mapper:
 * {@code mapper.registerModule(new ForumJacksonModule())}; it needs no other module.
 */
public final class ForumJacksonModule extends SimpleModule {
    private static final long serialVersionUID = 1L;

    public ForumJacksonModule() {
        super("forumkit", Version.unknownVersion());
        longId(BoardId.class, BoardId::value, BoardId::of);
        longId(TopicId.class, TopicId::value, TopicId::of);
        longId(PostId.class, PostId::value, PostId::of);
        longId(ReportId.class, ReportId::value, ReportId::of);
        longId(AuditId.class, AuditId::value, AuditId::of);
        longId(BanId.class, BanId::value, BanId::of);
        longId(CreditEntryId.class, CreditEntryId::value, CreditEntryId::of);
        stringValue(UserId.class, UserId::value, UserId::of);
        stringValue(ContentFormat.class, ContentFormat::name, ContentFormat::of);
        stringValue(Instant.class, Instant::toString, ForumJacksonModule::instant);
        // Durations (flood control) as ISO-8601 too: "PT30S".
        stringValue(Duration.class, Duration::toString, Duration::parse);
        setMixInAnnotation(Post.class, PostMixin.class);
        setMixInAnnotation(Report.class, ReportMixin.class);
        setMixInAnnotation(Viewer.class, ViewerMixin.class);
        setMixInAnnotation(ForumEvent.class, EventMixin.class);
    }

    private <T> void longId(Class<T> type, Function<T, Long> value, LongFunction<T> of) {
        addSerializer(type, new JsonSerializer<T>() {
            @Override
            public void serialize(T id, JsonGenerator gen, SerializerProvider provider) throws IOException {
                gen.writeNumber(value.apply(id));
            }
        });
        addDeserializer(type, new JsonDeserializer<T>() {
            @Override
            public T deserialize(JsonParser parser, DeserializationContext context) throws IOException {
                if (parser.currentToken() != JsonToken.VALUE_NUMBER_INT) {
                    return type.cast(context.handleUnexpectedToken(type, parser));
                }
                try {
                    return of.apply(parser.getLongValue());
                } catch (IllegalArgumentException e) {
                    return type.cast(context.handleWeirdNumberValue(type, parser.getNumberValue(), e.getMessage()));
                }
            }
        });
        addKeyDeserializer(type, new KeyDeserializer() {
            @Override
            public Object deserializeKey(String key, DeserializationContext context) throws IOException {
                try {
                    return of.apply(Long.parseLong(key));
                } catch (IllegalArgumentException e) {
                    return context.handleWeirdKey(type, key, e.getMessage());
                }
            }
        });
    }

    private <T> void stringValue(Class<T> type, Function<T, String> value, Function<String, T> of) {
        addSerializer(type, new JsonSerializer<T>() {
            @Override
            public void serialize(T v, JsonGenerator gen, SerializerProvider provider) throws IOException {
                gen.writeString(value.apply(v));
            }
        });
        addDeserializer(type, new JsonDeserializer<T>() {
            @Override
            public T deserialize(JsonParser parser, DeserializationContext context) throws IOException {
                if (parser.currentToken() != JsonToken.VALUE_STRING) {
                    return type.cast(context.handleUnexpectedToken(type, parser));
                }
                try {
                    return of.apply(parser.getText());
                } catch (IllegalArgumentException | DateTimeParseException e) {
                    return type.cast(context.handleWeirdStringValue(type, parser.getText(), e.getMessage()));
                }
            }
        });
        addKeyDeserializer(type, new KeyDeserializer() {
            @Override
            public Object deserializeKey(String key, DeserializationContext context) throws IOException {
                try {
                    return of.apply(key);
                } catch (IllegalArgumentException e) {
                    return context.handleWeirdKey(type, key, e.getMessage());
                }
            }
        });
    }

    private static Instant instant(String text) {
        return Instant.parse(text);
    }

    /** Derived flags are not fields. */
    abstract static class PostMixin {
        @JsonIgnore
        abstract boolean isOpening();

        @JsonIgnore
        abstract boolean isVisible();
    }

    abstract static class ReportMixin {
        @JsonIgnore
        abstract boolean isOpen();
    }

    @JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "type")
    @JsonSubTypes({
        @JsonSubTypes.Type(value = Viewer.Anonymous.class, name = "anonymous"),
        @JsonSubTypes.Type(value = Viewer.Member.class, name = "member")
    })
    abstract static class ViewerMixin {
        @JsonIgnore
        abstract boolean isAnonymous();

        @JsonIgnore
        abstract Object userId();
    }

    @JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "type")
    @JsonSubTypes({
        @JsonSubTypes.Type(value = ForumEvent.TopicStarted.class, name = "topicStarted"),
        @JsonSubTypes.Type(value = ForumEvent.PostCreated.class, name = "postCreated"),
        @JsonSubTypes.Type(value = ForumEvent.PostQuoted.class, name = "postQuoted"),
        @JsonSubTypes.Type(value = ForumEvent.VoteChanged.class, name = "voteChanged"),
        @JsonSubTypes.Type(value = ForumEvent.PostEdited.class, name = "postEdited"),
        @JsonSubTypes.Type(value = ForumEvent.PostDeleted.class, name = "postDeleted"),
        @JsonSubTypes.Type(value = ForumEvent.PostRestored.class, name = "postRestored"),
        @JsonSubTypes.Type(value = ForumEvent.PostApproved.class, name = "postApproved"),
        @JsonSubTypes.Type(value = ForumEvent.PostRejected.class, name = "postRejected"),
        @JsonSubTypes.Type(value = ForumEvent.PostReported.class, name = "postReported"),
        @JsonSubTypes.Type(value = ForumEvent.ReportsResolved.class, name = "reportsResolved")
    })
    abstract static class EventMixin {
    }
}
