package org.forumkit.imports;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.forumkit.model.PostState;

/**
 * A comment of an export (Disqus, WordPress) as read, before it becomes an {@link ImportPost}: its body is HTML,
 * or a place in a {@link BodySpool}.
 */
record Comment(String id, String parent, ImportAuthor author, Instant at, PostState state, String html, long spooled) {

    /**
     * The comments to import: the live ones, and a deleted one only when a reply to it is imported (as a
     * placeholder, so the reply keeps its parent); {@code dropped} receives the deleted ones left out.
     */
    static List<Comment> keepDeletedWithReplies(List<Comment> comments, List<Comment> dropped) {
        Map<String, Comment> byId = new HashMap<>();
        comments.forEach(c -> byId.putIfAbsent(c.id(), c));
        Set<String> kept = new HashSet<>();
        for (Comment comment : comments) {
            if (comment.state() == PostState.DELETED) {
                continue;
            }
            kept.add(comment.id());
            Comment up = comment.parent() == null ? null : byId.get(comment.parent());
            while (up != null && up.state() == PostState.DELETED && kept.add(up.id())) {
                up = up.parent() == null ? null : byId.get(up.parent());
            }
        }
        List<Comment> out = new ArrayList<>();
        for (Comment comment : comments) {
            (kept.contains(comment.id()) ? out : dropped).add(comment);
        }
        return out;
    }

    /** The post to import, with {@code body} in BBCode; a reply answers and quotes its parent. */
    ImportPost post(String body) {
        List<String> quoted = parent == null ? List.of() : List.of(parent);
        return new ImportPost(id, null, parent, quoted, author, at, body, org.forumkit.model.ContentFormat.BBCODE,
                state, List.of());
    }
}
