package org.forumkit.imports;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;
import javax.xml.stream.XMLStreamConstants;
import org.forumkit.model.PostState;
import org.forumkit.render.HtmlToBbCode;
import org.forumkit.spi.store.ImportKey.Kind;

/**
 * A WordPress export (WXR 1.0, 1.1 or 1.2), read with StAX one {@code <item>} at a time: each post or page with
 * comments becomes a thread keyed by its normalised {@code <link>}, written before the next item is read, so memory
 * holds one item. Comments are scoped by their post, as ids repeat across the items of merged exports. Spam,
 * pingbacks and trackbacks are skipped; {@code 0} is pending; trashed comments are kept as placeholders only when a
 * reply to them is imported; a comment whose parent comes later in the file still goes in after it.
 */
public final class WxrSource implements ImportSource {
    private static final Pattern WXR = Pattern.compile("http://wordpress\\.org/export/1\\.[0-2]/");
    private static final String WXR_PREFIX = "http://wordpress.org/export/";

    private final Path file;

    public WxrSource(Path file) {
        this.file = Objects.requireNonNull(file, "file");
    }

    @Override
    public String system() {
        return "wordpress";
    }

    @Override
    public void read(ImportSink sink) throws IOException {
        try (InputStream in = Files.newInputStream(file);
                SafeXml.Reader xml = SafeXml.open(in, file.getFileName().toString())) {
            if (xml.next() != XMLStreamConstants.START_ELEMENT || !xml.local().equals("rss")) {
                throw new IOException(file.getFileName() + " is not a WordPress export (no <rss> root)");
            }
            int depth = 1;
            while (depth > 0) {
                int event = xml.next();
                if (event == -1) {
                    throw new IOException(file.getFileName() + " ends inside <rss> (truncated?)");
                }
                if (event == XMLStreamConstants.END_ELEMENT) {
                    depth--;
                } else if (xml.local().equals("channel") && depth == 1) {
                    depth++;
                } else if (xml.local().equals("item") && depth == 2) {
                    item(xml, sink);
                } else {
                    checkVersion(xml);
                    xml.skip();
                }
            }
        }
    }

    private void checkVersion(SafeXml.Reader xml) throws IOException {
        String ns = xml.namespace();
        if (ns.startsWith(WXR_PREFIX) && !WXR.matcher(ns).matches()) {
            throw new IOException(file.getFileName() + " is WXR " + ns + ": only 1.0 to 1.2 are read");
        }
    }

    private void item(SafeXml.Reader xml, ImportSink sink) throws IOException {
        Map<String, String> item = new HashMap<>();
        List<Map<String, String>> comments = new ArrayList<>();
        while (xml.next() == XMLStreamConstants.START_ELEMENT) {
            checkVersion(xml);
            if (xml.local().equals("comment") && WXR.matcher(xml.namespace()).matches()) {
                comments.add(xml.fields(null, null));
            } else {
                xml.field(item);
            }
        }
        if (comments.isEmpty()) {
            return;
        }
        String postId = item.getOrDefault("post_id", "").strip();
        String link = item.getOrDefault("link", "");
        String key = ThreadKeys.normalize(link.isBlank() ? item.getOrDefault("guid", "") : link);
        String threadId = postId.isEmpty() ? key : postId;
        if (threadId.isEmpty()) {
            sink.skipped(Kind.TOPIC, "item " + item.getOrDefault("title", "?"), "malformed",
                    "an item with comments but neither wp:post_id nor link");
            return;
        }
        Optional<Instant> postDate = SourceDates.parse(item.get("post_date_gmt"))
                .or(() -> SourceDates.parse(item.get("post_date")));
        List<Comment> read = new ArrayList<>();
        for (Map<String, String> c : comments) {
            comment(threadId, c, postDate, sink).ifPresent(read::add);
        }
        List<Comment> dropped = new ArrayList<>();
        List<Comment> kept = Comment.keepDeletedWithReplies(read, dropped);
        for (Comment comment : dropped) {
            sink.skipped(Kind.POST, comment.id(), "deleted", "trashed in WordPress and no reply to it");
        }
        if (kept.isEmpty()) {
            return;
        }
        List<ImportPost> posts = kept.stream().map(c -> c.post(HtmlToBbCode.convert(c.html()))).toList();
        boolean closed = "closed".equals(item.get("comment_status"));
        sink.thread(new ImportThread(threadId, null, key.isEmpty() ? null : key, item.getOrDefault("title", ""),
                null, 0, 0, closed, posts));
    }

    private Optional<Comment> comment(String threadId, Map<String, String> c, Optional<Instant> postDate,
            ImportSink sink) {
        String id = threadId + "/" + c.getOrDefault("comment_id", "").strip();
        String type = c.getOrDefault("comment_type", "").strip();
        String approved = c.getOrDefault("comment_approved", "1").strip();
        if (type.equals("pingback") || type.equals("trackback")) {
            sink.skipped(Kind.POST, id, "pingback", type);
            return Optional.empty();
        }
        if (!type.isEmpty() && !type.equals("comment")) {
            sink.skipped(Kind.POST, id, "not_a_comment", "comment_type " + type);
            return Optional.empty();
        }
        if (approved.equals("spam")) {
            sink.skipped(Kind.POST, id, "spam", "");
            return Optional.empty();
        }
        PostState state = switch (approved) {
            case "1" -> PostState.VISIBLE;
            case "trash", "post-trashed" -> PostState.DELETED;
            default -> PostState.PENDING;
        };
        Optional<Instant> at = SourceDates.parse(c.get("comment_date_gmt"))
                .or(() -> SourceDates.parse(c.get("comment_date")));
        if (at.isEmpty()) {
            if (postDate.isEmpty()) {
                sink.skipped(Kind.POST, id, "bad_date", "no readable comment_date_gmt, comment_date or post date");
                return Optional.empty();
            }
            sink.noted(Kind.POST, id, "date_guessed", "no readable comment date: imported with its post's date");
            at = postDate;
        }
        String parent = c.getOrDefault("comment_parent", "0").strip();
        String user = c.getOrDefault("comment_user_id", "0").strip();
        ImportAuthor author = new ImportAuthor(user.isEmpty() || user.equals("0") ? null : "user-" + user,
                c.getOrDefault("comment_author", ""));
        return Optional.of(new Comment(id, parent.isEmpty() || parent.equals("0") ? null : threadId + "/" + parent,
                author, at.get(), state, c.getOrDefault("comment_content", ""), -1));
    }
}
