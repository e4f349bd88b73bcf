package org.forumkit.imports;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;

/** Reads the dates exports write: ISO-8601 with or without an offset, SQL's {@code 2011-03-07 21:17:17}, RFC 1123. */
final class SourceDates {
    private static final List<DateTimeFormatter> LOCAL = List.of(DateTimeFormatter.ISO_LOCAL_DATE_TIME,
            DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss"), DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm"),
            DateTimeFormatter.ofPattern("yyyy/MM/dd HH:mm:ss"));

    private SourceDates() {
    }

    /** The instant of {@code text} (a time without an offset is read as UTC); empty when blank or unreadable. */
    static Optional<Instant> parse(String text) {
        String value = text == null ? "" : text.strip();
        if (value.isEmpty() || value.startsWith("0000-00-00")) {
            return Optional.empty();
        }
        try {
            return Optional.of(micros(OffsetDateTime.parse(value).toInstant()));
        } catch (DateTimeParseException e) {
            // next format
        }
        try {
            return Optional.of(micros(OffsetDateTime.parse(value, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant()));
        } catch (DateTimeParseException e) {
            // next format
        }
        for (DateTimeFormatter format : LOCAL) {
            try {
                return Optional.of(micros(LocalDateTime.parse(value, format).toInstant(ZoneOffset.UTC)));
            } catch (DateTimeParseException e) {
                // next format
            }
        }
        return Optional.empty();
    }

    private static Instant micros(Instant instant) {
        return instant.truncatedTo(ChronoUnit.MICROS);
    }
}
