package rapport.ingest;

import java.util.List;

/**
 * One record as split from a source file, before any typing.
 *
 * @param line the 1-based line on which the record starts
 * @param raw the record's text as it stood in the file (without the line break that ends it)
 * @param fields the field values, unquoted; empty when the record is malformed
 * @param malformed why the record could not be split, or null
 */
public record RawRecord(long line, String raw, List<String> fields, String malformed) {}
