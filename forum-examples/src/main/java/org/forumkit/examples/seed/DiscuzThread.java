package org.forumkit.examples.seed;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * What the parser read from a Discuz! thread page saved as text: the site, the topic and its floors, plus
 * every line it could not place.
 */
public record DiscuzThread(
        String siteName,
        String topicType,
        String title,
        long views,
        long replies,
        List<Floor> floors,
        List<String> unmapped) {

    public DiscuzThread {
        Objects.requireNonNull(title, "title");
        floors = List.copyOf(floors);
        unmapped = List.copyOf(unmapped);
    }

    /**
     * One floor: its time, its own text, and the text it quotes from an earlier floor (Discuz pastes a quote as
     * a “…” paragraph at the top of the reply), or {@code null}.
     */
    public record Floor(int number, Instant postedAt, String body, String quoted) {
    }
}
