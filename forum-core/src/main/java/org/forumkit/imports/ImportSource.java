package org.forumkit.imports;

import java.io.IOException;

/**
 * A source of history to import (a Disqus export, a WordPress WXR file, a Discuz! database): reads its records in
 * one pass and hands them to the sink. {@link #system()} names the source in the import map, so it must stay the
 * same from run to run.
 */
public interface ImportSource {

    /** The source system's name in the import map, e.g. {@code disqus}; 1..32 characters. */
    String system();

    /** Reads the source, calling {@code sink} for every board and thread; a malformed source throws. */
    void read(ImportSink sink) throws IOException;
}
