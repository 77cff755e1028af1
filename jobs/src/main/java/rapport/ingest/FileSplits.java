package rapport.ingest;

import java.io.IOException;
import java.io.InputStream;
import java.io.Serializable;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.network.util.JavaUtils;
import org.apache.spark.sql.SparkSession;
import rapport.config.CsvOptions;
import rapport.config.InputFormat;
import rapport.errors.RapportException;

/**
 * Byte ranges of the large text files of an input, so that several tasks read one file, each from a
 * record's first byte. Only files whose bytes show where records start are split: uncompressed, in
 * an encoding where a line-break, quote or delimiter byte is always that character (UTF-8,
 * US-ASCII, ISO-8859-x, windows-125x), with an ASCII delimiter and quote. One sequential pass over
 * a file's bytes (in a task, no decoding) follows the CSV quote state exactly as {@link
 * CsvRecordReader} does, unclosed quotes included, and returns the byte offset and line number of
 * the first record at or after each cut; JSON lines start at every line. Each range then reads its
 * records from its offset on, numbering lines from its first line, and stops at the first record of
 * the next one.
 */
final class FileSplits {
  private FileSplits() {}

  /**
   * The Spark setting of the size above which a file is read in parts, and the most bytes of one
   * part (a Spark size: {@code 64m}, {@code 1g}); 0 reads every file in one task.
   */
  static final String SPLIT_BYTES = "spark.rapport.ingest.splitBytes";

  static final String DEFAULT_SPLIT_BYTES = "32m";

  /**
   * The records of one file that one task reads: those whose first line is in [{@code firstLine},
   * {@code endLine}); {@code start} is the byte offset of the first of them.
   */
  record Split(SourceFile file, long start, long firstLine, long endLine) implements Serializable {
    static Split whole(SourceFile f) {
      return new Split(f, 0, 1, Long.MAX_VALUE);
    }
  }

  /** The configured split size, in bytes. */
  static long splitBytes(SparkSession spark) {
    String value = spark.conf().get(SPLIT_BYTES, DEFAULT_SPLIT_BYTES);
    try {
      return JavaUtils.byteStringAsBytes(value);
    } catch (NumberFormatException e) {
      throw RapportException.usage(
          "the Spark setting %s=%s is not a size; give bytes or a size such as 64m or 1g",
          SPLIT_BYTES, value);
    }
  }

  /**
   * The parts of {@code files} in file order, then byte order: one per file unless a file is larger
   * than {@code splitBytes} and {@link #splittable}. Then it gets a whole multiple of {@code
   * parallelism} parts of at most {@code splitBytes}, so that the cores finish together, found by
   * one job that scans the large files.
   */
  static List<Split> plan(
      SparkSession spark,
      String input,
      List<SourceFile> files,
      InputFormat format,
      CsvOptions csv,
      long splitBytes) {
    List<SourceFile> large = new ArrayList<>();
    List<long[]> cuts = new ArrayList<>();
    int parallelism = Math.max(1, spark.sparkContext().defaultParallelism());
    for (SourceFile f : files) {
      if (splitBytes > 0 && f.bytes() > splitBytes && splittable(f, format, csv)) {
        large.add(f);
        cuts.add(cuts(f.bytes(), splitBytes, parallelism));
      }
    }
    if (large.isEmpty()) {
      return files.stream().map(Split::whole).toList();
    }
    List<Integer> index = new ArrayList<>();
    for (int i = 0; i < large.size(); i++) {
      index.add(i);
    }
    List<Object> starts =
        JavaSparkContext.fromSparkContext(spark.sparkContext())
            .parallelize(index, index.size())
            .map(
                i -> {
                  try {
                    return (Object) recordStarts(large.get(i), format, csv, cuts.get(i));
                  } catch (IOException e) {
                    return "input "
                        + input
                        + ": cannot read "
                        + large.get(i).display()
                        + ": "
                        + e.getMessage();
                  }
                })
            .collect();
    List<Split> out = new ArrayList<>();
    for (SourceFile f : files) {
      int i = large.indexOf(f);
      if (i < 0) {
        out.add(Split.whole(f));
        continue;
      }
      if (starts.get(i) instanceof String error) {
        throw RapportException.input("%s; check the file and its permissions", error);
      }
      out.addAll(splits(f, (long[][]) starts.get(i)));
    }
    return out;
  }

  /** The splits of a file cut at the record starts {@link #recordStarts} found. */
  static List<Split> splits(SourceFile f, long[][] starts) {
    List<Split> out = new ArrayList<>();
    long start = 0;
    long line = 1;
    for (int k = 0; k < starts[0].length; k++) {
      out.add(new Split(f, start, line, starts[1][k]));
      start = starts[0][k];
      line = starts[1][k];
    }
    out.add(new Split(f, start, line, Long.MAX_VALUE));
    return out;
  }

  /** The byte offsets to cut a file of {@code bytes} at. */
  static long[] cuts(long bytes, long splitBytes, int parallelism) {
    long parts = (bytes + splitBytes - 1) / splitBytes;
    parts = (parts + parallelism - 1) / parallelism * parallelism;
    long size = (bytes + parts - 1) / parts;
    List<Long> out = new ArrayList<>();
    for (long at = size; at < bytes; at += size) {
      out.add(at);
    }
    return out.stream().mapToLong(Long::longValue).toArray();
  }

  /**
   * Whether a file's bytes show where its records start: CSV or JSON lines, not compressed, in an
   * ASCII-compatible single-meaning encoding, with an ASCII delimiter and quote.
   */
  static boolean splittable(SourceFile f, InputFormat format, CsvOptions csv) {
    if (format != InputFormat.CSV && format != InputFormat.JSONL) {
      return false;
    }
    if (SourceFiles.compressed(f.uri())) {
      return false;
    }
    if (format == InputFormat.CSV && (csv.delimiter() >= 0x80 || csv.quote() >= 0x80)) {
      return false;
    }
    return asciiCompatible(csv.charset());
  }

  /** Encodings in which a byte below 0x80 is always that ASCII character. */
  static boolean asciiCompatible(Charset charset) {
    String name = charset.name().toUpperCase(Locale.ROOT);
    return charset.equals(StandardCharsets.UTF_8)
        || charset.equals(StandardCharsets.US_ASCII)
        || name.matches("ISO-8859-\\d+")
        || name.matches("WINDOWS-125\\d");
  }

  /**
   * For each cut, the first record that starts at or after it: {@code [0]} the byte offsets, {@code
   * [1]} the line numbers, without repeats and without the end of the file.
   */
  static long[][] recordStarts(SourceFile f, InputFormat format, CsvOptions csv, long[] cuts)
      throws IOException {
    boolean bom = format == InputFormat.CSV && csv.charset().equals(StandardCharsets.UTF_8);
    Scan scan =
        new Scan(
            f.uri(), format == InputFormat.CSV, csv.delimiter(), csv.quote(), csv.maxRecordLines());
    try {
      return scan.starts(cuts, bom);
    } finally {
      scan.close();
    }
  }

  /**
   * A forward pass over a file's bytes that steps record by record as {@link CsvRecordReader}
   * splits them: a quote opens a quoted field only at a field's start, a doubled quote inside one
   * is a quote, a line break outside one ends the record, CRLF, LF and a lone CR are one line break
   * each. A quoted field that runs over {@code maxRecordLines} lines or to the end of the file
   * makes the record its first line, and the pass resumes after it, as the reader does.
   */
  private static final class Scan {
    private static final int EOF = -1;
    private final String uri;
    private final boolean csv;
    private final int delimiter;
    private final int quote;
    private final int maxRecordLines;
    private final byte[] buf = new byte[1 << 20];
    private InputStream in;
    private long bufStart;
    private int bufLen;

    Scan(String uri, boolean csv, int delimiter, int quote, int maxRecordLines) throws IOException {
      this.uri = uri;
      this.csv = csv;
      this.delimiter = delimiter;
      this.quote = quote;
      this.maxRecordLines = maxRecordLines;
      seek(0);
    }

    private void seek(long offset) throws IOException {
      close();
      in = SourceFiles.open(uri, offset);
      bufStart = offset;
      bufLen = 0;
    }

    /** The byte at {@code pos}, or EOF; positions only move forward (but for {@link #seek}). */
    private int at(long pos) throws IOException {
      long rel = pos - bufStart;
      while (rel >= bufLen) {
        if (bufLen < 0) {
          return EOF;
        }
        // keep nothing: callers look at most one byte ahead of the last they asked for
        bufStart += bufLen;
        rel = pos - bufStart;
        bufLen = in.readNBytes(buf, 0, buf.length);
        if (bufLen == 0) {
          bufLen = -1;
          return EOF;
        }
      }
      return buf[(int) rel] & 0xFF;
    }

    private long skipLineBreak(long i) throws IOException {
      int c = at(i);
      if (c == '\r') {
        return at(i + 1) == '\n' ? i + 2 : i + 1;
      }
      return c == '\n' ? i + 1 : i;
    }

    long[][] starts(long[] cuts, boolean skipBom) throws IOException {
      List<long[]> out = new ArrayList<>();
      long pos = 0;
      long line = 1;
      if (skipBom && at(0) == 0xEF && at(1) == 0xBB && at(2) == 0xBF) {
        pos = 3;
      }
      int k = 0;
      while (k < cuts.length && at(pos) != EOF) {
        if (pos >= cuts[k]) {
          out.add(new long[] {pos, line});
          while (k < cuts.length && cuts[k] <= pos) {
            k++;
          }
          continue;
        }
        // one record from pos, on line `line`
        long i = pos;
        long l = line;
        boolean quoted = false;
        boolean fieldStart = true;
        long firstBreak = -1;
        boolean resync = false;
        while (true) {
          int c = at(i);
          if (c == EOF) {
            resync = quoted;
            break;
          }
          if (quoted) {
            if (c == quote) {
              if (at(i + 1) == quote) {
                i += 2;
                continue;
              }
              quoted = false;
              i++;
              continue;
            }
            if (c == '\n' || c == '\r') {
              if (firstBreak < 0) {
                firstBreak = i;
              }
              if (c == '\n' || at(i + 1) != '\n') {
                l++;
                if (l - line >= maxRecordLines) {
                  resync = true;
                  break;
                }
              }
            }
            i++;
          } else if (c == '\n' || c == '\r') {
            break;
          } else if (csv && c == quote && fieldStart) {
            quoted = true;
            fieldStart = false;
            i++;
          } else if (c == delimiter) {
            fieldStart = true;
            i++;
          } else {
            fieldStart = false;
            i++;
          }
        }
        if (resync) {
          // the record is its first line; the bytes after it were passed: read them again
          long end = firstBreak >= 0 ? firstBreak : i;
          seek(end);
          pos = skipLineBreak(end);
          line = line + 1;
        } else {
          pos = skipLineBreak(i);
          line = l + 1;
        }
      }
      long[][] result = new long[2][out.size()];
      for (int j = 0; j < out.size(); j++) {
        result[0][j] = out.get(j)[0];
        result[1][j] = out.get(j)[1];
      }
      return result;
    }

    void close() throws IOException {
      if (in != null) {
        in.close();
        in = null;
      }
    }
  }
}
