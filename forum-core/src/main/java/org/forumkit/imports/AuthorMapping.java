package org.forumkit.imports;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import org.forumkit.model.Author;
import org.forumkit.model.UserId;

/**
 * Turns a source author into a host user: the forum's users are the host's, so the host decides whom a source
 * account becomes. Nothing but the id and the name is carried over (no e-mail, no password hash).
 */
@FunctionalInterface
public interface AuthorMapping {

    /** The author to store for {@code author} of source system {@code system}. */
    Author author(String system, ImportAuthor author);

    /**
     * The default: a stable id per source user ({@code system:id}), and for a guest one per name
     * ({@code system:guest:<hash of the name>}); a nameless author is shown as the id.
     */
    static AuthorMapping stableIds() {
        return (system, author) -> {
            String id = author.sourceId() != null
                    ? system + ":" + author.sourceId()
                    : system + ":guest:" + hash(author.name());
            if (id.length() > UserId.MAX_LENGTH) {
                id = system + ":h:" + hash(id);
            }
            String name = author.name().isBlank() ? (author.sourceId() != null ? author.sourceId() : "guest")
                    : author.name();
            return new Author(UserId.of(id), name);
        };
    }

    private static String hash(String text) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest, 0, 12);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
