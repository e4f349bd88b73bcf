package org.forumkit.internal;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.net.URI;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.IntStream;
import javax.xml.stream.XMLOutputFactory;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamWriter;
import org.forumkit.FeedLinks;
import org.forumkit.Feeds;
import org.forumkit.NotFoundException;
import org.forumkit.NotFoundException.Kind;
import org.forumkit.ValidationException;
import org.forumkit.Violation;
import org.forumkit.model.Action;
import org.forumkit.model.Board;
import org.forumkit.model.BoardId;
import org.forumkit.model.Post;
import org.forumkit.model.Topic;
import org.forumkit.model.TopicId;
import org.forumkit.model.Viewer;
import org.forumkit.spi.store.ForumStore;
import org.forumkit.spi.store.StoreReader;
import org.forumkit.spi.store.TopicInBoard;

/** Atom feeds through {@link XMLStreamWriter}, read as the anonymous viewer and written after the read. */
final class FeedsService implements Feeds {
    private static final String ATOM = "http://www.w3.org/2005/Atom";
    private static final Viewer ANONYMOUS = Viewer.anonymous();

    private final ForumStore store;
    private final AccessRules access;
    private final ForumClock clock;

    FeedsService(ForumStore store, AccessRules access, ForumClock clock) {
        this.store = store;
        this.access = access;
        this.clock = clock;
    }

    private record Entry(URI id, String title, String author, Instant published, Instant updated, String html) {
    }

    private record Feed(URI id, URI self, String title, String subtitle, List<Entry> entries, Instant updated) {
    }

    @Override
    public void board(BoardId boardId, FeedLinks links, int max, Writer out) {
        Objects.requireNonNull(boardId, "board");
        check(links, max, out);
        Feed feed = store.readOnly(reader -> {
            Board board = reader.board(boardId).orElseThrow(() -> new NotFoundException(Kind.BOARD, boardId));
            access.require(ANONYMOUS, Action.VIEW, board, Optional.empty());
            List<Entry> entries = new ArrayList<>();
            for (Topic topic : reader.topics(boardId, Optional.empty(), max)) {
                if (!access.decide(ANONYMOUS, Action.VIEW, board, Optional.of(topic)).allowed()) {
                    continue;
                }
                Optional<Post> opening = reader.postsByFloors(topic.id(), List.of(1)).stream().findFirst()
                        .filter(p -> access.canSee(ANONYMOUS, board, p));
                if (opening.isEmpty()) {
                    continue;
                }
                entries.add(new Entry(absolute(links.topic(topic)), topic.title(), topic.author().displayName(),
                        topic.createdAt(), topic.lastPostAt(), opening.get().html()));
            }
            // pinned topics lead the board's listing; a feed is in time order
            entries.sort(Comparator.comparing(Entry::updated).reversed());
            return new Feed(absolute(links.board(board)), absolute(links.boardFeed(board)), board.name(),
                    board.description(), entries, newest(entries));
        });
        write(feed, out);
    }

    @Override
    public void topic(TopicId topicId, FeedLinks links, int max, Writer out) {
        Objects.requireNonNull(topicId, "topic");
        check(links, max, out);
        Feed feed = store.readOnly(reader -> {
            TopicInBoard t = reader.topicInBoard(topicId).orElseThrow(() -> new NotFoundException(Kind.TOPIC, topicId));
            access.require(ANONYMOUS, Action.VIEW, t.board(), Optional.of(t.topic()));
            Topic topic = t.topic();
            List<Entry> entries = new ArrayList<>();
            for (Post post : newestPosts(reader, topic, max)) {
                if (access.canSee(ANONYMOUS, t.board(), post)) {
                    String title = post.isOpening() ? topic.title() : topic.title() + " #" + post.floor();
                    entries.add(new Entry(absolute(links.post(topic, post)), title, post.author().displayName(),
                            post.createdAt(), post.optionalEditedAt().orElse(post.createdAt()), post.html()));
                }
            }
            return new Feed(absolute(links.topic(topic)), absolute(links.topicFeed(topic)), topic.title(), null,
                    entries, newest(entries));
        });
        write(feed, out);
    }

    /** The topic's top {@code max} floors, newest first, read on while hidden posts leave gaps (a few rounds). */
    private static List<Post> newestPosts(StoreReader reader, Topic topic, int max) {
        List<Post> posts = new ArrayList<>();
        int high = topic.highestFloor();
        for (int round = 0; round < 3 && high >= 1 && posts.size() < max; round++) {
            int low = Math.max(1, high - max + 1);
            List<Integer> floors = IntStream.rangeClosed(low, high).boxed().toList();
            List<Post> read = new ArrayList<>(reader.postsByFloors(topic.id(), floors));
            read.sort(Comparator.comparingInt(Post::floor).reversed());
            posts.addAll(read);
            high = low - 1;
        }
        return posts;
    }

    private Instant newest(List<Entry> entries) {
        return entries.stream().map(Entry::updated).max(Comparator.naturalOrder()).orElseGet(clock::now);
    }

    private static void check(FeedLinks links, int max, Writer out) {
        Objects.requireNonNull(links, "links");
        Objects.requireNonNull(out, "out");
        if (max < 1 || max > MAX_ENTRIES) {
            throw new ValidationException(List.of(Violation.of("max", "out_of_range", MAX_ENTRIES)));
        }
    }

    private static URI absolute(URI uri) {
        if (uri == null || !uri.isAbsolute()) {
            throw new IllegalArgumentException("feed links must be absolute URIs, was " + uri);
        }
        return uri;
    }

    private static void write(Feed feed, Writer out) {
        try {
            XMLStreamWriter xml = XMLOutputFactory.newFactory().createXMLStreamWriter(out);
            xml.writeStartDocument("UTF-8", "1.0");
            xml.writeStartElement("feed");
            xml.writeDefaultNamespace(ATOM);
            text(xml, "id", feed.id().toString());
            text(xml, "title", feed.title());
            if (feed.subtitle() != null && !feed.subtitle().isBlank()) {
                text(xml, "subtitle", feed.subtitle());
            }
            text(xml, "updated", time(feed.updated()));
            link(xml, "self", feed.self(), "application/atom+xml");
            link(xml, "alternate", feed.id(), "text/html");
            // an entry without an author takes the feed's; every entry names one, this covers an empty feed
            xml.writeStartElement("author");
            text(xml, "name", feed.title());
            xml.writeEndElement();
            xml.writeStartElement("generator");
            xml.writeCharacters("Forumkit");
            xml.writeEndElement();
            for (Entry entry : feed.entries()) {
                xml.writeStartElement("entry");
                text(xml, "id", entry.id().toString());
                text(xml, "title", entry.title());
                text(xml, "published", time(entry.published()));
                text(xml, "updated", time(entry.updated()));
                xml.writeStartElement("author");
                text(xml, "name", entry.author());
                xml.writeEndElement();
                link(xml, "alternate", entry.id(), "text/html");
                xml.writeStartElement("content");
                xml.writeAttribute("type", "html");
                xml.writeCharacters(xmlSafe(entry.html()));
                xml.writeEndElement();
                xml.writeEndElement();
            }
            xml.writeEndElement();
            xml.writeEndDocument();
            xml.flush();
            xml.close();
            out.flush();
        } catch (XMLStreamException e) {
            throw new UncheckedIOException(new IOException("could not write the feed", e));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void text(XMLStreamWriter xml, String name, String value) throws XMLStreamException {
        xml.writeStartElement(name);
        xml.writeCharacters(xmlSafe(value));
        xml.writeEndElement();
    }

    private static void link(XMLStreamWriter xml, String rel, URI href, String type) throws XMLStreamException {
        xml.writeEmptyElement("link");
        xml.writeAttribute("rel", rel);
        xml.writeAttribute("type", type);
        xml.writeAttribute("href", href.toASCIIString());
    }

    private static String time(Instant instant) {
        return DateTimeFormatter.ISO_INSTANT.format(instant);
    }

    /** Characters XML 1.0 cannot carry at all (most C0 controls, U+FFFE/U+FFFF) become U+FFFD. */
    private static String xmlSafe(String text) {
        StringBuilder out = null;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            boolean allowed = c == '\t' || c == '\n' || c == '\r' || (c >= 0x20 && c != 0xFFFE && c != 0xFFFF);
            if (!allowed && out == null) {
                out = new StringBuilder(text.length()).append(text, 0, i);
            }
            if (out != null) {
                out.append(allowed ? c : '\uFFFD');
            }
        }
        return out == null ? text : out.toString();
    }
}
