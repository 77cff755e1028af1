package rapport.ingest;

import static org.apache.spark.sql.functions.col;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.Test;
import rapport.config.ColumnMapping;
import rapport.testing.TestSpark;

/**
 * Numbers are read with the column's marks or not at all: a value whose separators do not fit them
 * is refused (null, hence NOT_A_NUMBER), never reinterpreted. Each case is one edge.
 */
class NumberSeparatorsTest {

  private static ColumnMapping marks(String decimal, String grouping) {
    return new ColumnMapping(
        "amount",
        List.of("amount"),
        null,
        null,
        decimal,
        grouping,
        Map.of(),
        null,
        null,
        null,
        null,
        null,
        null);
  }

  /** Reads every text with the marks; null where the value is refused. */
  private static Map<String, BigDecimal> read(ColumnMapping m, List<String> texts) {
    List<Row> rows =
        TestSpark.session()
            .createDataset(texts, Encoders.STRING())
            .toDF("t")
            .select(col("t"), Normalize.decimal(col("t"), m).as("v"))
            .collectAsList();
    Map<String, BigDecimal> out = new LinkedHashMap<>();
    rows.forEach(r -> out.put(r.getString(0), r.isNullAt(1) ? null : r.getDecimal(1)));
    return out;
  }

  private static void check(ColumnMapping m, Map<String, String> expected) {
    Map<String, BigDecimal> got = read(m, new ArrayList<>(expected.keySet()));
    expected.forEach(
        (text, want) -> {
          BigDecimal v = got.get(text);
          if (want == null) {
            assertEquals(null, v, "'" + text + "' must be refused");
          } else {
            assertEquals(
                0,
                new BigDecimal(want).compareTo(v),
                "'" + text + "' read as " + v + ", not " + want);
          }
        });
  }

  @Test
  void defaultMarksKeepFinanceSpellingsAndRefuseEuropeanOnes() {
    Map<String, String> cases = new LinkedHashMap<>();
    cases.put("1,234.50", "1234.50");
    cases.put("$1,234", "1234");
    cases.put("(12.00)", "-12");
    cases.put("-12.00", "-12");
    cases.put("USD 1,234,567.89", "1234567.89");
    cases.put(" 4.20 ", "4.20");
    cases.put("12 500.00", "12500"); // a space between thousands
    cases.put(".5", "0.5");
    cases.put("1.5E3", "1500");
    cases.put("1,000", "1000"); // three digits after the comma: a thousands group
    // the poison: a decimal comma read with the default marks
    cases.put("12,50", null);
    cases.put("1.234,50", null);
    cases.put("0,5", null);
    cases.put("1234,50", null);
    cases.put("1,23,456", null); // not groups of three
    cases.put("1,234,5", null);
    cases.put("1.234.567", null);
    cases.put("12 50", null);
    cases.put("12.50,00", null);
    cases.put("ten", null);
    cases.put("1,234.50.", null);
    check(marks(".", ","), cases);
  }

  @Test
  void decimalCommaMarksReadEuropeanSpellingsAndRefuseOthers() {
    Map<String, String> cases = new LinkedHashMap<>();
    cases.put("1.234,50", "1234.50");
    cases.put("12,50 €", "12.50");
    cases.put("1 234,50", "1234.50");
    cases.put("(3,00)", "-3");
    cases.put("1.000", "1000");
    cases.put("1,234.50", null);
    cases.put("12.50", null); // two digits after the point: not a thousands group
    cases.put("1.23", null);
    check(marks(",", "."), cases);
  }

  @Test
  void withoutAThousandsSeparatorAnyGroupingIsRefused() {
    Map<String, String> cases = new LinkedHashMap<>();
    cases.put("1234.5", "1234.5");
    cases.put("1,234.5", null);
    cases.put("1'234.5", null);
    check(marks(".", ""), cases);
    Map<String, String> swiss = new LinkedHashMap<>();
    swiss.put("1'234.50", "1234.50");
    swiss.put("12'50", null);
    check(marks(".", "'"), swiss);
  }
}
