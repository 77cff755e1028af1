package rapport.ingest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.Reader;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import rapport.cli.ExitCode;
import rapport.cli.RapportException;

/** Bytes that are not valid in the configured encoding stop the input; nothing becomes U+FFFD. */
class StrictDecoderTest {
  /** "Renée" as a windows-1252 export writes it: é is the single byte 0xE9. */
  private static final byte[] WINDOWS_1252 =
      "id,name\r\nC1,Anna\r\nC2,Ren\u00e9e\r\n".getBytes(Charset.forName("windows-1252"));

  private static String readAll(byte[] bytes, Charset charset) throws IOException {
    StringBuilder out = new StringBuilder();
    try (Reader r =
        new StrictDecoder(new ByteArrayInputStream(bytes), charset, "customers", "c.csv")) {
      char[] buf = new char[3]; // small reads cross the decoder's chunk edges
      int n;
      while ((n = r.read(buf, 0, buf.length)) >= 0) {
        out.append(buf, 0, n);
      }
    }
    return out.toString();
  }

  @Test
  void windows1252ReadAsUtf8StopsWithTheFileLineAndSetting() {
    RapportException e =
        assertThrows(RapportException.class, () -> readAll(WINDOWS_1252, StandardCharsets.UTF_8));
    assertEquals(ExitCode.INPUT_CONTRACT, e.exitCode());
    assertTrue(
        e.getMessage()
            .startsWith(
                "input customers: c.csv line 3 holds bytes that are not valid UTF-8 (0xE9); set"
                    + " inputs.customers.csv.encoding"),
        e.getMessage());
  }

  @Test
  void theConfiguredEncodingReadsTheSameBytes() throws IOException {
    assertEquals(
        "id,name\r\nC1,Anna\r\nC2,Ren\u00e9e\r\n",
        readAll(WINDOWS_1252, Charset.forName("windows-1252")));
  }

  @Test
  void validUtf8AcrossChunkEdgesIsReadWhole() throws IOException {
    // multi-byte characters straddling the 64 KiB read buffer
    String text = "\u00e9\u20ac\uD83D\uDE00".repeat(40_000);
    assertEquals(text, readAll(text.getBytes(StandardCharsets.UTF_8), StandardCharsets.UTF_8));
  }

  @Test
  void aTruncatedCharacterAtTheEndIsAnError() {
    byte[] cut = {'a', '\n', 'b', (byte) 0xC3};
    RapportException e =
        assertThrows(RapportException.class, () -> readAll(cut, StandardCharsets.UTF_8));
    assertTrue(
        e.getMessage().contains("line 2 holds bytes that are not valid UTF-8 (0xC3)"),
        e.getMessage());
  }
}
