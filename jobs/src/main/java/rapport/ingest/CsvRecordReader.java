package rapport.ingest;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import rapport.config.CsvOptions;

/**
 * Splits RFC 4180 text into records, one at a time, keeping each record's starting line and raw
 * text for the quarantine.
 *
 * <p>Why not commons-csv for reading: it reports neither a record's raw text nor a way to resume
 * after an unclosed quote, which would swallow the rest of the file into one bad record. Here a
 * quoted field that runs over {@code maxRecordLines} lines (or to the end of the file) is taken for
 * an unclosed quote: its first line becomes one malformed record and reading resumes on the next
 * line. A leading byte-order mark is skipped; CRLF, LF and lone CR all end a record; blank lines
 * are not records.
 */
public final class CsvRecordReader implements Iterator<RawRecord> {
  private static final int CHUNK = 1 << 16;

  private final Reader in;
  private final char delimiter;
  private final char quote;
  private final int maxRecordLines;

  /** Buffered text; indices into it stay valid while one record is read. */
  private final StringBuilder buf = new StringBuilder();

  private final char[] chunk = new char[CHUNK];
  private int pos;
  private boolean eof;
  private long lineAtPos;
  private RawRecord next;

  public CsvRecordReader(Reader in, CsvOptions options) {
    this(in, options, 1, true);
  }

  /**
   * Records from the middle of a file on: {@code in} starts at a record's first character, on line
   * {@code firstLine}; a byte-order mark is skipped only at the start of the file.
   */
  CsvRecordReader(Reader in, CsvOptions options, long firstLine, boolean fileStart) {
    this.in = in;
    this.delimiter = options.delimiter();
    this.quote = options.quote();
    this.maxRecordLines = options.maxRecordLines();
    this.lineAtPos = firstLine;
    if (fileStart && has(0) && buf.charAt(0) == '\uFEFF') {
      pos = 1;
    }
  }

  @Override
  public boolean hasNext() {
    while (next == null && has(pos)) {
      next = readRecord();
    }
    return next != null;
  }

  @Override
  public RawRecord next() {
    if (!hasNext()) {
      throw new NoSuchElementException();
    }
    RawRecord r = next;
    next = null;
    return r;
  }

  /** True when the character at index i is buffered, reading more input as needed. */
  private boolean has(int i) {
    while (i >= buf.length() && !eof) {
      try {
        int n = in.read(chunk);
        if (n < 0) {
          eof = true;
        } else {
          buf.append(chunk, 0, n);
        }
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    return i < buf.length();
  }

  private char at(int i) {
    return has(i) ? buf.charAt(i) : '\0';
  }

  private boolean isLineBreak(int i) {
    return has(i) && (buf.charAt(i) == '\n' || buf.charAt(i) == '\r');
  }

  /** Reads one record starting at pos; returns null for a blank line. */
  private RawRecord readRecord() {
    if (pos > CHUNK) {
      buf.delete(0, pos);
      pos = 0;
    }
    final int start = pos;
    final long startLine = lineAtPos;
    List<String> fields = new ArrayList<>();
    StringBuilder field = new StringBuilder();
    int i = start;
    long line = startLine;
    boolean quoted = false;
    boolean fieldStart = true;
    String malformed = null;
    while (has(i) || quoted) {
      if (!has(i)) {
        return resync(start, startLine, "quoted field not closed before the end of the file");
      }
      char c = buf.charAt(i);
      if (quoted) {
        if (c == quote) {
          if (at(i + 1) == quote) {
            field.append(quote);
            i += 2;
            continue;
          }
          quoted = false;
          i++;
          if (has(i) && buf.charAt(i) != delimiter && !isLineBreak(i) && malformed == null) {
            malformed = "text after a closing quote";
          }
          continue;
        }
        if (c == '\n' || (c == '\r' && at(i + 1) != '\n')) {
          line++;
          if (line - startLine >= maxRecordLines) {
            return resync(
                start,
                startLine,
                "quoted field runs over " + maxRecordLines + " lines: probably an unclosed quote");
          }
        }
        field.append(c);
        i++;
      } else if (c == quote && fieldStart) {
        quoted = true;
        fieldStart = false;
        i++;
      } else if (c == delimiter) {
        fields.add(field.toString());
        field.setLength(0);
        fieldStart = true;
        i++;
      } else if (c == '\n' || c == '\r') {
        break;
      } else {
        if (c == quote && malformed == null) {
          malformed = "quote inside an unquoted field";
        }
        field.append(c);
        fieldStart = false;
        i++;
      }
    }
    fields.add(field.toString());
    String raw = buf.substring(start, i);
    pos = skipLineBreak(i);
    lineAtPos = line + 1;
    if (raw.isBlank() && fields.size() == 1) {
      return null;
    }
    return new RawRecord(startLine, raw, malformed == null ? fields : List.of(), malformed);
  }

  private int skipLineBreak(int i) {
    if (at(i) == '\r') {
      return at(i + 1) == '\n' ? i + 2 : i + 1;
    }
    return at(i) == '\n' ? i + 1 : i;
  }

  /** The record's first physical line becomes a malformed record; reading resumes after it. */
  private RawRecord resync(int start, long startLine, String why) {
    int i = start;
    while (has(i) && !isLineBreak(i)) {
      i++;
    }
    String raw = buf.substring(start, i);
    pos = skipLineBreak(i);
    lineAtPos = startLine + 1;
    return new RawRecord(startLine, raw, List.of(), why);
  }
}
