package org.forumkit.imports;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * Post bodies parked in a temporary file while a source is read in file order and written in thread order, so
 * memory holds a few numbers per post, not its text. The file is deleted on close.
 */
final class BodySpool implements AutoCloseable {
    private final Path file;
    private final FileChannel channel;
    private long size;

    BodySpool() throws IOException {
        file = Files.createTempFile("forumkit-import-", ".spool");
        channel = FileChannel.open(file, StandardOpenOption.READ, StandardOpenOption.WRITE,
                StandardOpenOption.DELETE_ON_CLOSE);
    }

    /** Parks {@code text}; returns where it is, for {@link #get}. */
    long put(String text) throws IOException {
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        ByteBuffer buffer = ByteBuffer.allocate(4 + bytes.length).putInt(bytes.length).put(bytes).flip();
        long at = size;
        while (buffer.hasRemaining()) {
            size += channel.write(buffer, size);
        }
        return at;
    }

    String get(long at) throws IOException {
        ByteBuffer length = ByteBuffer.allocate(4);
        readFully(length, at);
        ByteBuffer bytes = ByteBuffer.allocate(length.flip().getInt());
        readFully(bytes, at + 4);
        return new String(bytes.array(), StandardCharsets.UTF_8);
    }

    private void readFully(ByteBuffer buffer, long at) throws IOException {
        long position = at;
        while (buffer.hasRemaining()) {
            int read = channel.read(buffer, position);
            if (read < 0) {
                throw new IOException("spool file " + file + " is shorter than expected");
            }
            position += read;
        }
    }

    @Override
    public void close() throws IOException {
        channel.close();
        Files.deleteIfExists(file);
    }
}
