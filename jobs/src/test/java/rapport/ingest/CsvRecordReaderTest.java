package rapport.ingest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.io.StringReader;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import rapport.config.CsvOptions;

class CsvRecordReaderTest {
  private static List<RawRecord> read(String text, CsvOptions options) {
    List<RawRecord> out = new ArrayList<>();
    new CsvRecordReader(new StringReader(text), options).forEachRemaining(out::add);
    return out;
  }

  private static List<RawRecord> read(String text) {
    return read(text, CsvOptions.DEFAULT);
  }

  @Test
  void skipsTheByteOrderMarkAndReadsCrlf() {
    List<RawRecord> r = read("\uFEFFa,b\r\n1,2\r\n3,4\r\n");
    assertEquals(List.of("a", "b"), r.get(0).fields());
    assertEquals(List.of("3", "4"), r.get(2).fields());
    assertEquals(3, r.get(2).line());
    assertEquals("3,4", r.get(2).raw());
  }

  @Test
  void keepsQuotedNewlinesAndEscapedQuotesAndCountsLines() {
    List<RawRecord> r = read("id,note\n1,\"first line\r\nsecond \"\"quoted\"\"\"\n2,plain\n");
    assertEquals(List.of("1", "first line\r\nsecond \"quoted\""), r.get(1).fields());
    assertEquals(2, r.get(1).line());
    assertEquals(4, r.get(2).line(), "the record after a two-line record starts on line 4");
  }

  @Test
  void readsOtherDelimitersAndLoneCarriageReturns() {
    CsvOptions semicolon = new CsvOptions(';', '"', "UTF-8", 100);
    List<RawRecord> r = read("a;b\r1,5;\"x;y\"\r", semicolon);
    assertEquals(List.of("1,5", "x;y"), r.get(1).fields());
    assertEquals(2, r.get(1).line());
  }

  @Test
  void blankLinesAreNotRecordsButEmptyFieldsAre() {
    List<RawRecord> r = read("a,b\n\n1,\n\n,\n");
    assertEquals(3, r.size());
    assertEquals(List.of("1", ""), r.get(1).fields());
    assertEquals(3, r.get(1).line());
    assertEquals(List.of("", ""), r.get(2).fields());
    assertEquals(5, r.get(2).line());
  }

  @Test
  void anUnclosedQuoteCostsOneLineNotTheRestOfTheFile() {
    CsvOptions threeLines = new CsvOptions(',', '"', "UTF-8", 3);
    List<RawRecord> r = read("id,note\n1,\"never closed\n2,b\n3,c\n4,d\n", threeLines);
    assertEquals("1,\"never closed", r.get(1).raw());
    assertEquals(List.of(), r.get(1).fields());
    assertEquals(List.of("2", "b"), r.get(2).fields());
    assertEquals(3, r.get(2).line());
    assertEquals(List.of("4", "d"), r.get(4).fields());
  }

  @Test
  void anUnclosedQuoteAtTheEndIsMalformed() {
    List<RawRecord> r = read("id,note\n1,ok\n2,\"open");
    assertEquals("quoted field not closed before the end of the file", r.get(2).malformed());
    assertNull(r.get(1).malformed());
  }

  @Test
  void strayQuotesAreMalformed() {
    assertEquals("quote inside an unquoted field", read("a\nab\"c\n").get(1).malformed());
    assertEquals("text after a closing quote", read("a,b\n\"x\"y,2\n").get(1).malformed());
  }

  @Test
  void readsAcrossBufferBoundaries() {
    StringBuilder sb = new StringBuilder("id,text\n");
    String longText = "x".repeat(70_000);
    for (int i = 0; i < 5; i++) {
      sb.append(i).append(",\"").append(longText).append("\n").append(i).append("\"\n");
    }
    List<RawRecord> r = read(sb.toString());
    assertEquals(6, r.size());
    assertEquals(longText + "\n4", r.get(5).fields().get(1));
    assertEquals(10, r.get(5).line());
  }
}
