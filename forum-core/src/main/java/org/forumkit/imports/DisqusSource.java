package org.forumkit.imports;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import javax.xml.stream.XMLStreamConstants;
import org.forumkit.model.PostState;
import org.forumkit.render.HtmlToBbCode;
import org.forumkit.spi.store.ImportKey.Kind;

/**
 * A Disqus XML export ({@code <disqus xmlns="http://disqus.com">}), read with StAX in one pass. Threads of one
 * page (http and https, tracking queries, an empty {@code <id/>}) are merged under the page's key and reported;
 * spam is skipped, deleted comments are kept as placeholders only when a reply to them is imported, posts of
 * missing or deleted threads are reported. Bodies are parked in a temporary file until their thread is written,
 * so memory holds a few numbers per comment whatever the file size.
 */
public final class DisqusSource implements ImportSource {
    static final String NS = "http://disqus.com";
    static final String INTERNALS = "http://disqus.com/disqus-internals";

    private final Path file;

    public DisqusSource(Path file) {
        this.file = Objects.requireNonNull(file, "file");
    }

    @Override
    public String system() {
        return "disqus";
    }

    private record Thread(String id, String key, String title, boolean closed, boolean deleted) {
    }

    @Override
    public void read(ImportSink sink) throws IOException {
        Map<String, Thread> threads = new LinkedHashMap<>();
        Map<String, List<Comment>> byThread = new LinkedHashMap<>();
        try (InputStream in = Files.newInputStream(file); BodySpool spool = new BodySpool();
                SafeXml.Reader xml = SafeXml.open(in, file.getFileName().toString())) {
            if (xml.next() != XMLStreamConstants.START_ELEMENT || !xml.local().equals("disqus")
                    || !xml.namespace().equals(NS)) {
                throw new IOException(file.getFileName() + " is not a Disqus export (no <disqus xmlns=\"" + NS + "\">)");
            }
            while (xml.next() == XMLStreamConstants.START_ELEMENT) {
                if (!xml.namespace().equals(NS)) {
                    xml.skip();
                    continue;
                }
                int line = xml.line();
                switch (xml.local()) {
                    case "thread" -> thread(xml.attribute(INTERNALS, "id"), xml.fields(INTERNALS, "id"), threads);
                    case "post" -> post(xml.attribute(INTERNALS, "id"), xml.fields(INTERNALS, "id"), line, threads,
                            byThread, spool, sink);
                    default -> xml.skip();
                }
            }
            write(threads, byThread, spool, sink);
        }
    }

    private void thread(String id, Map<String, String> fields, Map<String, Thread> threads) {
        String link = fields.getOrDefault("link", "");
        String key = ThreadKeys.normalize(link.isBlank() ? fields.getOrDefault("id", "") : link);
        threads.put(id, new Thread(id, key.isEmpty() ? "disqus-thread-" + id : key, fields.getOrDefault("title", ""),
                "true".equals(fields.get("isClosed")), "true".equals(fields.get("isDeleted"))));
    }

    private void post(String id, Map<String, String> fields, int line, Map<String, Thread> threads,
            Map<String, List<Comment>> byThread, BodySpool spool, ImportSink sink) throws IOException {
        if (id.isEmpty()) {
            sink.skipped(Kind.POST, "line " + line, "malformed", "a <post> without dsq:id at line " + line);
            return;
        }
        if ("true".equals(fields.get("isSpam"))) {
            sink.skipped(Kind.POST, id, "spam", "");
            return;
        }
        Thread thread = threads.get(fields.getOrDefault("thread@", ""));
        if (thread == null) {
            sink.skipped(Kind.POST, id, "orphan", "its thread " + fields.getOrDefault("thread@", "?")
                    + " is not in the export");
            return;
        }
        Optional<Instant> at = SourceDates.parse(fields.get("createdAt"));
        if (at.isEmpty()) {
            sink.skipped(Kind.POST, id, "bad_date", "createdAt '" + fields.getOrDefault("createdAt", "")
                    + "' at line " + line);
            return;
        }
        String username = fields.getOrDefault("author/username", "");
        ImportAuthor author = new ImportAuthor(username.isBlank() ? null : username,
                fields.getOrDefault("author/name", ""));
        String parent = fields.getOrDefault("parent@", "");
        PostState state = "true".equals(fields.get("isDeleted")) ? PostState.DELETED : PostState.VISIBLE;
        byThread.computeIfAbsent(thread.id(), t -> new ArrayList<>()).add(new Comment(id,
                parent.isEmpty() ? null : parent, author, at.get(), state, null,
                spool.put(fields.getOrDefault("message", ""))));
    }

    private void write(Map<String, Thread> threads, Map<String, List<Comment>> byThread, BodySpool spool,
            ImportSink sink) throws IOException {
        // the first thread of each page key stands for all of them
        Map<String, Thread> firstByKey = new LinkedHashMap<>();
        Map<String, List<Comment>> byKey = new HashMap<>();
        for (Thread thread : threads.values()) {
            List<Comment> comments = byThread.getOrDefault(thread.id(), List.of());
            if (thread.deleted()) {
                if (!comments.isEmpty()) {
                    sink.skipped(Kind.TOPIC, thread.id(), "deleted_thread", comments.size()
                            + " comments of a thread deleted in Disqus");
                }
                continue;
            }
            Thread first = firstByKey.putIfAbsent(thread.key(), thread);
            if (first != null) {
                sink.merged(Kind.TOPIC, thread.id(), first.id(), "same page '" + thread.key() + "'");
            }
            byKey.computeIfAbsent(thread.key(), k -> new ArrayList<>()).addAll(comments);
        }
        sink.expect(firstByKey.size());
        for (Thread thread : firstByKey.values()) {
            List<Comment> dropped = new ArrayList<>();
            List<Comment> kept = Comment.keepDeletedWithReplies(byKey.get(thread.key()), dropped);
            for (Comment comment : dropped) {
                sink.skipped(Kind.POST, comment.id(), "deleted", "deleted in Disqus and no reply to it");
            }
            if (kept.isEmpty()) {
                continue;
            }
            List<ImportPost> posts = new ArrayList<>(kept.size());
            for (Comment comment : kept) {
                posts.add(comment.post(HtmlToBbCode.convert(spool.get(comment.spooled()))));
            }
            sink.thread(new ImportThread(thread.id(), null, thread.key(), thread.title(), null, 0, 0, thread.closed(),
                    posts));
        }
    }
}
