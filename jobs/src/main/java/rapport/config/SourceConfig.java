package rapport.config;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * One source of an input: a file or folder in one layout. An input may gather several sources
 * (Salesforce Tasks and Events, HubSpot calls and e-mails), each with its own column mapping.
 *
 * @param path a file or a folder of files
 * @param format the file format
 * @param csv CSV options (ignored for other formats)
 * @param columns the mapping of every contract column this source provides, by contract name
 * @param include for a folder: glob patterns of the file names to read (others are skipped and
 *     listed in the quality report); empty = every visible file, each of which must be of the
 *     format
 */
public record SourceConfig(
    Path path,
    InputFormat format,
    CsvOptions csv,
    Map<String, ColumnMapping> columns,
    List<String> include) {}
