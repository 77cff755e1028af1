package rapport.config;

import java.nio.file.Path;
import java.util.Map;

/**
 * One source of an input: a file or folder in one layout. An input may gather several sources
 * (Salesforce Tasks and Events, HubSpot calls and e-mails), each with its own column mapping.
 *
 * @param path a file or a folder of files
 * @param format the file format
 * @param csv CSV options (ignored for other formats)
 * @param columns the mapping of every contract column this source provides, by contract name
 */
public record SourceConfig(
    Path path, InputFormat format, CsvOptions csv, Map<String, ColumnMapping> columns) {}
