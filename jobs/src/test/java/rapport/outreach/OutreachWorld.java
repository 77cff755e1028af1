package rapport.outreach;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Date;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import rapport.run.RunFolder;
import rapport.schema.RetentionTables;
import rapport.schema.Schemas;
import rapport.schema.Touches;
import rapport.testing.TestSpark;

/**
 * A tiny world of 17 customers, 4 reps, with a case for every rule of the outreach stage, written
 * as the tables the earlier stages leave in a committed run folder. The relationship_scores and
 * retention_model tables follow the registry ({@code Scores}, {@code RetentionTables}); the other
 * branches will write the real ones.
 *
 * <ul>
 *   <li>AAA (sales, capacity 5), BBB (sales, capacity 2), CCC (sales, departed), R-COFFEE (coffee,
 *       capacity 2, no e-mail, not a Salesforce id)
 *   <li>c1/c2 one household: c1's birthday on 3 July makes an occasion for both
 *   <li>c3 18-character id, a purchase anniversary, a warning light talked through since
 *   <li>c4 18-character id with a wrong checksum; c5 not a Salesforce id, notes full of formulas
 *   <li>c6 do-not-contact, c7 closed, c8 personally touched 5 days before T, c15 no score
 *   <li>c9 an open recall; c10, c11 of the departed CCC and c12 without a rep: handoffs
 *   <li>=C13, +C14 ids that look like formulas; c16 sings in a choir, c17 must not hear of it
 * </ul>
 */
final class OutreachWorld {
  private OutreachWorld() {}

  static final String AAA = "005000000000AAA";
  static final String BBB = "005000000000BBB";
  static final String CCC = "005000000000CCC";
  static final String COFFEE = "R-COFFEE";

  static final String C1 = "0035000000AbCdE";
  static final String C2 = "0035000000AbCdF";
  static final String C3 = "003000000000aXyAAI";
  static final String C4 = "003000000000bXyAAA";
  static final String C5 = "C0000005";
  static final String C6 = "003000000000c06";
  static final String C7 = "003000000000c07";
  static final String C8 = "003000000000c08";
  static final String C9 = "003000000000c09";
  static final String C10 = "003000000000c10";
  static final String C11 = "003000000000c11";
  static final String C12 = "00Q000000000c12";
  static final String C13 = "=C13";
  static final String C14 = "+C14";
  static final String C15 = "003000000000c15";
  static final String C16 = "003000000000c16";
  static final String C17 = "003000000000c17";

  static final StructType SCORES_SCHEMA =
      new StructType()
          .add("customer_id", DataTypes.StringType, false)
          .add("as_of", DataTypes.DateType, false)
          .add("personal_index", DataTypes.DoubleType, true)
          .add("automated_index", DataTypes.DoubleType, true)
          .add("relationship_score", DataTypes.DoubleType, true)
          .add("retention_probability", DataTypes.DoubleType, true)
          .add("p_alive", DataTypes.DoubleType, true)
          .add("expected_value", DataTypes.DoubleType, true)
          .add("reason_codes", DataTypes.createArrayType(DataTypes.StringType, false), true)
          .add("reason_evidence", DataTypes.createArrayType(DataTypes.StringType, false), true)
          .add("is_masked", DataTypes.BooleanType, true)
          .add("has_rep_dependency", DataTypes.BooleanType, true);

  /** Writes the world's tables into {@code out/<asOf>/} and marks the folder committed. */
  static Path write(Path out, String asOf) throws IOException {
    SparkSession spark = TestSpark.session();
    Path run = out.resolve(asOf);
    Path tables = run.resolve("tables");
    spark
        .createDataFrame(
            List.of(
                rep(AAA, "Anna Rep", "anna.rep@example.com", "sales", true, 5L),
                rep(BBB, "Ben Rep", "ben.rep@example.com", "sales", true, 2L),
                rep(CCC, "Carl Gone", "carl@example.com", "sales", false, 5L),
                rep(COFFEE, "Cleo Barista", null, "coffee", true, 2L)),
            Schemas.REPS.schema())
        .write()
        .parquet(tables.resolve("reps").toString());
    spark
        .createDataFrame(
            List.of(
                cust(C1, "H1", "Anna", "anna@example.com", "1970-07-03", AAA, false, null),
                cust(C2, "H1", "Jon", "jon@example.com", "1972-01-01", AAA, false, null),
                cust(C3, null, "Lea", "lea@example.com", "1980-02-29", AAA, false, null),
                cust(C4, null, "Bad Checksum", "bad@example.com", null, AAA, false, null),
                cust(C5, null, "=cmd|' /C calc'!A0", "five@example.com", null, AAA, false, null),
                cust(C6, null, "Never Call", "dnc@example.com", null, BBB, true, null),
                cust(C7, null, "Closed", "closed@example.com", null, BBB, false, "2026-06-01"),
                cust(C8, null, "Recent", "recent@example.com", null, BBB, false, null),
                cust(C9, null, "Recall", "recall@example.com", null, BBB, false, "2026-12-31"),
                cust(C10, null, "李小龙", "li@example.com", null, CCC, false, null),
                cust(C11, null, "שרה", "sara@example.com", null, CCC, false, null),
                cust(C12, null, "Nobody's", "orphan@example.com", null, null, false, null),
                cust(C13, null, "Formula", "=evil@example.com", null, COFFEE, false, null),
                cust(C14, null, "Plus", "plus@example.com", null, COFFEE, false, null),
                cust(C15, null, "Unscored", "unscored@example.com", null, AAA, false, null),
                cust(C16, null, "Choir", "choir@example.com", null, AAA, false, null),
                cust(C17, null, "Quiet", "quiet@example.com", null, AAA, false, null)),
            Schemas.CUSTOMERS.schema())
        .write()
        .parquet(tables.resolve("customers").toString());
    spark
        .createDataFrame(
            List.of(
                order("O1", C3, "2019-07-05T09:00:00Z"),
                order("O2", C3, "2024-03-01T09:00:00Z"),
                order("O3", C9, "2025-06-29T09:00:00Z"),
                order("O4", C1, "2026-07-01T09:00:00Z")),
            Schemas.ORDERS.schema())
        .write()
        .parquet(tables.resolve("orders").toString());
    List<Object[]> notes =
        List.of(
            note(
                "I1",
                C1,
                "2026-03-02T10:00:00Z",
                "phone",
                "outbound",
                "rep",
                "personal",
                "Called Anna. The kitchen renovation is finally done. Her puppy Bruno is well."),
            note(
                "I2",
                C1,
                "2026-04-02T10:00:00Z",
                "email",
                "outbound",
                "system",
                "automated",
                "Dear Anna, our summer party invitation and a new models brochure."),
            note(
                "I3",
                C3,
                "2026-05-20T10:00:00Z",
                "in_person",
                "inbound",
                "rep",
                "inbound",
                "Lea came by without appointment about the Golf's warning light."),
            note(
                "I4",
                C3,
                "2026-05-22T10:00:00Z",
                "phone",
                "outbound",
                "rep",
                "personal",
                "Long call with Lea about the warning light; she is training for the gravel race."),
            note(
                "I5",
                C5,
                "2026-02-01T10:00:00Z",
                "phone",
                "outbound",
                "rep",
                "personal",
                "=HYPERLINK(\"http://evil.example\",\"x\")\t+1 she said \"exams\"\nnext line @you"),
            note(
                "I6",
                C8,
                "2026-06-25T10:00:00Z",
                "phone",
                "outbound",
                "rep",
                "personal",
                "Called, all fine, the lease ends next spring."),
            note(
                "I7",
                C9,
                "2026-05-19T06:00:00Z",
                "email",
                "outbound",
                "system",
                "automated",
                "Important: safety recall for your Touran"),
            note(
                "I8",
                C16,
                "2026-01-10T10:00:00Z",
                "in_person",
                "outbound",
                "rep",
                "personal",
                "Talked about her choir trip to Beelitz and her new job."),
            note(
                "I9",
                C17,
                "2026-07-02T10:00:00Z",
                "phone",
                "outbound",
                "rep",
                "personal",
                "After T: the knee surgery went well."),
            note(
                "I10",
                C10,
                "2024-01-10T10:00:00Z",
                "phone",
                "outbound",
                "rep",
                "personal",
                "李小龙 asked about winter tyres; his daughter passed the driving test."));
    spark
        .createDataFrame(
            notes.stream().map(OutreachWorld::interaction).toList(), Schemas.INTERACTIONS.schema())
        .write()
        .parquet(tables.resolve("interactions").toString());
    spark
        .createDataFrame(notes.stream().map(OutreachWorld::touch).toList(), Touches.SCHEMA)
        .write()
        .parquet(tables.resolve("touches").toString());
    List<String> lapsed = List.of("NO_PERSONAL_TOUCH_180D", "MASKED_BY_AUTOMATION");
    spark
        .createDataFrame(
            List.of(
                score(C1, 60, 0.70, 1200, List.of("NO_PERSONAL_TOUCH_90D")),
                score(C2, 55, 0.65, 400, lapsed),
                score(C3, 70, 0.80, 3000, List.of("REP_DEPENDENCY")),
                score(C4, 40, 0.50, 800, lapsed),
                score(C5, 45, 0.55, 900, lapsed),
                score(C6, 20, 0.20, 5000, lapsed),
                score(C7, 20, 0.20, 5000, lapsed),
                score(C8, 30, 0.40, 2500, lapsed),
                score(C9, 35, 0.45, 2000, List.of("OPEN_RECALL")),
                score(C10, 50, 0.60, 1500, List.of("REP_LEFT")),
                score(C11, 52, 0.62, 700, List.of("REP_LEFT")),
                score(C12, 48, 0.58, 600, List.of()),
                score(C13, 30, 0.30, 100, lapsed),
                score(C14, 31, 0.35, 90, lapsed),
                score(C16, 65, 0.75, 500, List.of()),
                score(C17, 99, 0.999, 10000, List.of())),
            SCORES_SCHEMA)
        .write()
        .parquet(tables.resolve("relationship_scores").toString());
    spark
        .createDataFrame(
            List.of(
                RowFactory.create(
                    "cox_time_varying",
                    "personal_touches_90d",
                    0.6, // stored as the hazard ratio, as the retention stage writes it
                    0.09,
                    0.5,
                    0.72,
                    1e-6,
                    2000L),
                RowFactory.create(
                    "cox_time_varying",
                    "automated_touches_90d",
                    1.05,
                    0.01,
                    1.03,
                    1.07,
                    0.01,
                    2000L)),
            RetentionTables.MODEL_SCHEMA)
        .write()
        .parquet(tables.resolve("retention_model").toString());
    Files.writeString(run.resolve(RunFolder.SUCCESS), "");
    return run;
  }

  /** The configuration of the world's runs; {@code extra} is added under {@code outreach:}. */
  static Path config(Path dir, String outreach) throws IOException {
    Files.writeString(dir.resolve("orders.csv"), "order_id,customer_id,ordered_at,amount\n");
    Path yaml = dir.resolve("rapport.yaml");
    Files.writeString(
        yaml,
        "time_zone: Europe/Berlin\n"
            + "horizon_days: 180\n"
            + "inputs:\n  orders: {path: orders.csv}\n"
            + "outreach:\n"
            + "  holdout_share: 0.25\n"
            + outreach);
    return yaml;
  }

  private static Row rep(
      String id, String name, String email, String team, boolean active, Long cap) {
    return RowFactory.create(id, name, email, team, active, cap);
  }

  private static Row cust(
      String id,
      String household,
      String first,
      String email,
      String birth,
      String rep,
      boolean dnc,
      String closed) {
    return RowFactory.create(
        id,
        household,
        first,
        "Lastname",
        email,
        null,
        birth == null ? null : Date.valueOf(birth),
        "Bernau",
        "Brandenburg",
        "DE",
        Date.valueOf("2019-01-01"),
        rep,
        dnc,
        closed == null ? null : Date.valueOf(closed));
  }

  private static Row order(String id, String customer, String at) {
    return RowFactory.create(
        id,
        customer,
        Timestamp.from(Instant.parse(at)),
        new java.math.BigDecimal("100.0000"),
        "eur",
        "dealer",
        "completed",
        "AH-01",
        "vehicle");
  }

  private static Object[] note(
      String id,
      String customer,
      String at,
      String channel,
      String direction,
      String author,
      String kind,
      String body) {
    return new Object[] {id, customer, at, channel, direction, author, kind, body};
  }

  private static Row interaction(Object[] n) {
    return RowFactory.create(
        n[0],
        n[1],
        Timestamp.from(Instant.parse((String) n[2])),
        n[3],
        n[4],
        n[5],
        null,
        null,
        null,
        n[7],
        null,
        null);
  }

  private static Row touch(Object[] n) {
    return RowFactory.create(
        n[0],
        n[1],
        Timestamp.from(Instant.parse((String) n[2])),
        n[3],
        n[4],
        n[5],
        null,
        n[6],
        n[6].equals("personal") ? 0.9 : 0.1,
        null,
        0L,
        List.of(),
        n[6].equals(Touches.AUTOMATED) ? Touches.OUTREACH : null);
  }

  private static Row score(
      String id, double index, double retention, double value, List<String> reasons) {
    return RowFactory.create(
        id,
        Date.valueOf("2026-06-30"),
        index,
        50.0,
        index,
        retention,
        0.9,
        value,
        reasons,
        reasons.stream().map(r -> "evidence of " + r).toList(),
        false,
        false);
  }
}
