package org.forumkit.jpa.spring.web;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import org.forumkit.Notifications;
import org.forumkit.model.InboxEntry;
import org.forumkit.model.Notification;
import org.forumkit.model.WatchLevel;

/** The bodies of {@link ForumkitNotificationsController} (field names are the JSON's, as the READMEs document). */
final class NotificationBodies {
    private NotificationBodies() {
    }

    /** {@code PUT {base}/topics/{id}/watch} and {@code PUT {base}/boards/{slug}/watch}. */
    record WatchRequest(WatchLevel level) {
    }

    /** {@code PUT {base}/notifications/settings}: one kind on one channel on or off. */
    record SettingRequest(String channel, String kind, Boolean enabled) {
    }

    /** Who caused a notification. */
    record ActorBody(String id, String displayName) {
    }

    /** One inbox entry, worded in the reader's language when it is read. */
    @JsonInclude(JsonInclude.Include.ALWAYS)
    record EntryBody(long id, String kind, Long topicId, String topicTitle, Long postId, int floor, ActorBody actor,
            String detail, int count, boolean read, Instant createdAt, Instant updatedAt, String text) {

        static EntryBody of(InboxEntry entry, Locale locale) {
            Notification n = entry.notification();
            return new EntryBody(n.id().value(), n.kind().name(),
                    n.optionalTopicId().map(t -> t.value()).orElse(null), entry.topicTitle(),
                    n.optionalPostId().map(p -> p.value()).orElse(null), n.floor(),
                    n.optionalActor().map(a -> new ActorBody(a.id().value(), a.displayName())).orElse(null),
                    n.detail(), n.count(), n.read(), n.createdAt(), n.updatedAt(), Notifications.text(entry, locale));
        }
    }

    /** {@code GET {base}/notifications}. */
    record InboxBody(List<EntryBody> notifications, String nextCursor) {
    }

    /** {@code GET {base}/notifications/unread}: {@code display} is the badge ({@code 99+} when capped). */
    record UnreadBody(long count, boolean capped, String display) {
    }

    /** How many entries a mark-read changed ({@code changed} 0 or 1 for one entry). */
    record ChangedBody(long changed) {
    }

    /** The viewer's level on a topic or board. */
    record LevelBody(WatchLevel level) {
    }

    /** One kind on one channel: delivered to the viewer or not. */
    record SettingBody(String channel, String kind, boolean enabled) {
    }

    /** {@code GET {base}/notifications/settings}: every channel the forum delivers by, every built-in kind. */
    record SettingsBody(List<String> channels, List<String> kinds, List<SettingBody> settings) {
    }
}
