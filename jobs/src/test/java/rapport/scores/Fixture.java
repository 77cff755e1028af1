package rapport.scores;

import java.math.BigDecimal;
import java.sql.Date;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import rapport.schema.Schemas;
import rapport.schema.Touches;
import rapport.testing.TestSpark;

/** A tiny world built row by row in the ingested tables' schemas. */
final class Fixture {
  private final List<Row> customers = new ArrayList<>();
  private final List<Row> orders = new ArrayList<>();
  private final List<Row> touches = new ArrayList<>();
  private final Map<String, Row> touchById = new LinkedHashMap<>();
  private final Map<String, String> bodies = new LinkedHashMap<>();

  void customer(String id, String household, String rep, String since) {
    customers.add(
        RowFactory.create(
            id,
            household,
            "First" + id,
            "Last" + id,
            null,
            null,
            null,
            null,
            null,
            null,
            Date.valueOf(since),
            rep,
            false,
            null));
  }

  void touch(
      String id,
      String customer,
      String at,
      String channel,
      String authorType,
      String author,
      String kind,
      double personalScore,
      int reasons) {
    String[] rs = new String[reasons];
    for (int i = 0; i < reasons; i++) {
      rs[i] = "REASON_" + i;
    }
    String direction = kind.equals(Touches.INBOUND) ? "inbound" : "outbound";
    Row r =
        RowFactory.create(
            id,
            customer,
            Timestamp.from(Instant.parse(at)),
            channel,
            direction,
            authorType,
            author,
            kind,
            personalScore,
            kind.equals(Touches.AUTOMATED) ? "tpl-" + author : null,
            kind.equals(Touches.AUTOMATED) ? 100L : 0L,
            rs,
            kind.equals(Touches.AUTOMATED) ? Touches.OUTREACH : null);
    touches.add(r);
    touchById.put(id, r);
  }

  void body(String touchId, String body) {
    bodies.put(touchId, body);
  }

  void order(String id, String customer, String at, String amount, String status) {
    orders.add(
        RowFactory.create(
            id,
            customer,
            Timestamp.from(Instant.parse(at)),
            new BigDecimal(amount).setScale(4),
            "EUR",
            "store",
            status,
            null,
            null));
  }

  Dataset<Row> customers() {
    return TestSpark.session().createDataFrame(customers, Schemas.CUSTOMERS.schema());
  }

  Dataset<Row> orders() {
    return TestSpark.session().createDataFrame(orders, Schemas.ORDERS.schema());
  }

  Dataset<Row> touches() {
    return TestSpark.session().createDataFrame(touches, Touches.SCHEMA);
  }

  /** One interaction per touch, with the body given to {@link #body} (none otherwise). */
  Dataset<Row> interactions() {
    List<Row> rows = new ArrayList<>();
    for (Row t : touches) {
      String id = t.getString(0);
      rows.add(
          RowFactory.create(
              id,
              t.getString(1),
              t.get(2),
              t.getString(3),
              t.getString(4),
              t.getString(5),
              t.getString(6),
              null,
              null,
              bodies.get(id),
              null,
              null));
    }
    return TestSpark.session().createDataFrame(rows, Schemas.INTERACTIONS.schema());
  }
}
