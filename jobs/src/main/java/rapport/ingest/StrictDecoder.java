package rapport.ingest;

import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.Charset;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.util.HexFormat;
import rapport.errors.ExitCode;
import rapport.errors.RapportException;

/**
 * Decodes a file's bytes in its configured encoding and refuses bytes that are not valid in it.
 *
 * <p>Why not {@code InputStreamReader}: it replaces bad bytes with U+FFFD by default, so a
 * windows-1252 export read as UTF-8 reaches the tables with its accented names silently broken; and
 * a reporting decoder inside it loses the position of the error. Here the decoder reports, the
 * lines handed out are counted, and a bad byte stops the input (exit 3) naming the file, the line,
 * the bytes and the setting to change.
 */
final class StrictDecoder extends Reader {
  private final InputStream in;
  private final CharsetDecoder decoder;
  private final String input;
  private final String file;
  private final ByteBuffer bytes = ByteBuffer.allocate(1 << 16);
  private boolean eof;
  private boolean flushed;
  private long line;
  private boolean afterCr;

  /**
   * @param input the input's name (for the configuration key in the error)
   * @param file the file as shown to users
   */
  StrictDecoder(InputStream in, Charset charset, String input, String file) {
    this(in, charset, input, file, 1);
  }

  /**
   * @param firstLine the line number of the first byte of {@code in} (a part of a file read from a
   *     record's start on)
   */
  StrictDecoder(InputStream in, Charset charset, String input, String file, long firstLine) {
    this.in = in;
    this.line = firstLine;
    this.decoder =
        charset
            .newDecoder()
            .onMalformedInput(CodingErrorAction.REPORT)
            .onUnmappableCharacter(CodingErrorAction.REPORT);
    this.input = input;
    this.file = file;
    bytes.flip();
  }

  @Override
  public int read(char[] cbuf, int off, int len) throws IOException {
    if (len == 0) {
      return 0;
    }
    CharBuffer out = CharBuffer.wrap(cbuf, off, len);
    while (out.position() == off) {
      if (flushed) {
        return -1;
      }
      CoderResult r = decoder.decode(bytes, out, eof);
      if (r.isError()) {
        count(cbuf, off, out.position());
        throw error(r.length());
      }
      if (r.isOverflow()) {
        break;
      }
      if (eof) {
        decoder.flush(out);
        flushed = true;
      } else {
        fill();
      }
    }
    count(cbuf, off, out.position());
    return out.position() - off;
  }

  private void fill() throws IOException {
    bytes.compact();
    int n = in.read(bytes.array(), bytes.position(), bytes.remaining());
    if (n < 0) {
      eof = true;
    } else {
      bytes.position(bytes.position() + n);
    }
    bytes.flip();
  }

  /** Counts line breaks as the record reader does: LF, CRLF and a lone CR each end a line. */
  private void count(char[] cbuf, int from, int to) {
    for (int i = from; i < to; i++) {
      char c = cbuf[i];
      if (c == '\n') {
        if (!afterCr) {
          line++;
        }
        afterCr = false;
      } else if (c == '\r') {
        line++;
        afterCr = true;
      } else {
        afterCr = false;
      }
    }
  }

  /** Bytes not valid in the encoding: exit 3, with the line they are on. */
  static final class Undecodable extends RapportException {
    private final long line;

    Undecodable(String message, long line) {
      super(ExitCode.INPUT_CONTRACT, message);
      this.line = line;
    }

    long line() {
      return line;
    }
  }

  private Undecodable error(int badLength) {
    byte[] bad = new byte[Math.min(badLength, bytes.remaining())];
    bytes.get(bytes.position(), bad);
    String hex = HexFormat.ofDelimiter(" ").withPrefix("0x").withUpperCase().formatHex(bad);
    return new Undecodable(
        String.format(
            "input %s: %s line %d holds bytes that are not valid %s (%s); set"
                + " inputs.%s.csv.encoding to the file's encoding (windows-1252 and ISO-8859-1 are"
                + " common for spreadsheet exports) or export the file as %s",
            input, file, line, decoder.charset().name(), hex, input, decoder.charset().name()),
        line);
  }

  @Override
  public void close() throws IOException {
    in.close();
  }
}
