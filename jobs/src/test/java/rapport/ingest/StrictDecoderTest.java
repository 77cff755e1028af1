package rapport.ingest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.Reader;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import rapport.errors.ExitCode;
import rapport.errors.RapportException;
import rapport.testing.Cli;

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

  /**
   * Past the first read-ahead the bad byte is met inside a Spark task: the input still stops with
   * exit 3 and one line on stderr (no failed task's stack trace).
   */
  @Test
  void aBadByteDeepInABigFileStopsTheInputWithOneLine(@TempDir Path dir) throws IOException {
    StringBuilder csv = new StringBuilder("order_id,customer_id,ordered_at,amount\n");
    for (int i = 1; i <= 5000; i++) {
      csv.append("O").append(i).append(",C").append(i % 50).append(",2026-01-05 10:00,4.20\n");
    }
    try (OutputStream out = Files.newOutputStream(dir.resolve("orders.csv"))) {
      out.write(csv.toString().getBytes(StandardCharsets.UTF_8));
      out.write("O5001,C1,2026-01-05 10:00,4.20,Ren".getBytes(StandardCharsets.UTF_8));
      out.write(new byte[] {(byte) 0xE9, 'e', '\n'});
    }
    Files.writeString(
        dir.resolve("rapport.yaml"), "as_of: 2026-06-30\ninputs:\n  orders: {path: orders.csv}\n");
    Cli r =
        Cli.run(
            "ingest",
            "--config",
            dir.resolve("rapport.yaml").toString(),
            "--out",
            dir.resolve("out").toString());
    assertEquals(3, r.exitCode, r::toString);
    List<String> lines = r.err.lines().toList();
    assertEquals(1, lines.size(), r::toString);
    assertTrue(
        lines.get(0).contains("orders.csv line 5002 holds bytes that are not valid UTF-8 (0xE9)"),
        r::toString);
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
