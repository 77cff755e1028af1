package rapport.touches;

import static org.apache.spark.sql.functions.col;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import rapport.schema.Schemas;
import rapport.schema.Touches;
import rapport.testing.TestSpark;

/**
 * Exports as CRMs write them when they know little: rows without evidence, without an author id,
 * with a date and no time (the ActivityDate of a Salesforce task). The poison rows here are what
 * used to score 0.5 and be called personal, or to make one dialler of every anonymous row.
 */
class AuthorsAndDatesTest {
  static final ZoneId ZONE = ZoneId.of("Europe/Berlin");
  static final LocalDate AS_OF = LocalDate.of(2026, 6, 30);

  /** Midnight local time on 2026-03-11: a date-only export. */
  static final String MIDNIGHT = "2026-03-10T23:00:00Z";

  static Map<String, Row> touches;

  @BeforeAll
  static void classify() {
    List<String[]> rows = new ArrayList<>();
    for (int i = 1; i <= 30; i++) {
      // an outbound call with no outcome, no duration, no author and no text
      rows.add(row("N", i, MIDNIGHT, "phone", null, null, null, null));
    }
    for (int i = 1; i <= 12; i++) {
      // a rep's call attempts logged by date only: one "minute" for all of them
      rows.add(row("D", i, MIDNIGHT, "phone", "rep", "R1", null, "no_answer"));
      // a dialler's attempts in one real minute
      rows.add(
          row(
              "X",
              i,
              String.format("2026-03-12T09:00:%02dZ", 4 * i),
              "phone",
              null,
              "dialler",
              null,
              "no_answer"));
      // text messages without an author id, in one minute
      rows.add(
          row(
              "U",
              i,
              String.format("2026-03-12T10:00:%02dZ", 4 * i),
              "sms",
              null,
              null,
              "Thanks for coming by today, see you at the next check-up",
              "delivered"));
    }
    touches = new LinkedHashMap<>();
    Dataset<Row> customers = HandLabelledFixture.customers();
    Instant cut = AS_OF.atStartOfDay(ZONE).toInstant();
    ClassifyTouches.Inputs in =
        new ClassifyTouches.Inputs(
            ClassifyCounts.names(customers, null), Set.of(), cut, ZONE, TouchSettings.DEFAULTS);
    for (Row r :
        ClassifyTouches.classify(interactions(rows), customers, null, in).collectAsList()) {
      touches.put(r.getAs("interaction_id"), r);
    }
  }

  private static String[] row(
      String prefix,
      int i,
      String at,
      String channel,
      String authorType,
      String authorId,
      String body,
      String outcome) {
    return new String[] {
      prefix + i,
      String.format("C%02d", (i - 1) % 30 + 1),
      at,
      channel,
      "outbound",
      authorType,
      authorId,
      null,
      null,
      body,
      null,
      outcome
    };
  }

  /** String rows cast to the interactions contract, column by column. */
  static Dataset<Row> interactions(List<String[]> rows) {
    StructType contract = Schemas.INTERACTIONS.schema();
    StructType strings = new StructType();
    for (StructField f : contract.fields()) {
      strings = strings.add(f.name(), DataTypes.StringType);
    }
    List<Row> data = new ArrayList<>();
    for (String[] r : rows) {
      data.add(RowFactory.create((Object[]) r));
    }
    Dataset<Row> raw = TestSpark.session().createDataFrame(data, strings);
    List<Column> cast = new ArrayList<>();
    for (StructField f : contract.fields()) {
      cast.add(col(f.name()).cast(f.dataType()).as(f.name()));
    }
    return raw.select(cast.toArray(Column[]::new));
  }

  private static List<String> reasons(String id) {
    Row r = touches.get(id);
    return r.getList(r.fieldIndex(Touches.REASONS));
  }

  private static String kind(String id) {
    return touches.get(id).getAs(Touches.TOUCH_KIND);
  }

  @Test
  void everyRowIsClassified() {
    assertEquals(30 + 3 * 12, touches.size());
  }

  @Test
  void touchesWithoutEvidenceAreNotPersonal() {
    for (int i = 1; i <= 30; i++) {
      String id = "N" + i;
      assertEquals("automated", kind(id), id);
      // nothing caused it that the export shows: outreach by default
      assertEquals(List.of(PersonalScore.NO_EVIDENCE, "OUTREACH_NO_TRIGGER"), reasons(id), id);
      assertEquals(Touches.OUTREACH, touches.get(id).getAs(Touches.AUTOMATED_KIND), id);
      assertTrue((double) touches.get(id).getAs(Touches.PERSONAL_SCORE) < 0.5, id);
    }
  }

  @Test
  void aDateWithoutATimeMakesNoBurst() {
    for (int i = 1; i <= 12; i++) {
      String id = "D" + i;
      assertEquals("personal", kind(id), id + " " + reasons(id));
      assertTrue(reasons(id).stream().noneMatch(c -> c.contains("BURST")), id + " " + reasons(id));
    }
  }

  @Test
  void aRealMinuteOfOneAuthorIsStillADialler() {
    for (int i = 1; i <= 12; i++) {
      String id = "X" + i;
      assertEquals("automated", kind(id), id);
      assertEquals("AUTHOR_BURST_12", reasons(id).get(0), id);
    }
  }

  @Test
  void rowsWithoutAnAuthorIdAreNotOneAuthor() {
    for (int i = 1; i <= 12; i++) {
      String id = "U" + i;
      assertTrue(reasons(id).stream().noneMatch(c -> c.contains("BURST")), id + " " + reasons(id));
      // the template itself still reached twelve customers
      assertEquals(12L, (long) touches.get(id).getAs(Touches.TEMPLATE_FANOUT), id);
    }
  }
}
