package rapport.ingest;

import java.io.Serializable;

/**
 * One file of an input.
 *
 * @param uri where it is read from (any Hadoop file system)
 * @param display the path shown to users: relative to the configuration's folder when inside it
 * @param bytes its size
 */
public record SourceFile(String uri, String display, long bytes) implements Serializable {}
