package rapport.ingest;

import java.io.BufferedWriter;
import java.io.OutputStreamWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Iterator;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import rapport.run.RunFiles;
import rapport.schema.Columns;

/**
 * Writes {@code quality/quarantine/<input>.csv}: source file, line number, reason code, detail and
 * the raw record as it stood in the file, in file and line order. RFC 4180, UTF-8, LF.
 */
public final class QuarantineWriter {
  private QuarantineWriter() {}

  static final String[] HEADER = {
    Columns.SOURCE_FILE,
    Columns.LINE_NUMBER,
    Columns.REASON_CODE,
    Columns.REASON_DETAIL,
    Columns.RAW_RECORD
  };

  /** Streams the quarantined rows to {@code target}; returns how many were written. */
  public static long write(Dataset<Row> quarantined, Path target) {
    CSVFormat format = CSVFormat.RFC4180.builder().setRecordSeparator('\n').setHeader(HEADER).get();
    long[] n = {0};
    RunFiles.write(
        target,
        out -> {
          try (BufferedWriter w =
                  new BufferedWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8));
              CSVPrinter p = new CSVPrinter(w, format)) {
            Iterator<Row> rows =
                quarantined
                    .select(HEADER[0], HEADER[1], HEADER[2], HEADER[3], HEADER[4])
                    .orderBy(Columns.SOURCE_FILE, Columns.LINE_NUMBER)
                    .toLocalIterator();
            while (rows.hasNext()) {
              Row r = rows.next();
              p.printRecord(
                  r.getString(0), r.getLong(1), r.getString(2), r.getString(3), r.getString(4));
              n[0]++;
            }
          }
        });
    return n[0];
  }
}
