package rapport.retention;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.SplittableRandom;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.catalyst.expressions.GenericRowWithSchema;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Test;
import rapport.schema.Columns;
import rapport.stats.ContinuousDropout;
import rapport.stats.Estimate;

/**
 * The outreach tail of {@link DropoutPaths} against a strictly regular exposure: 1,500 customers
 * drawn from the continuous-time dropout model without any touch effect (r 0.8, α 4 weeks, s 1.5, β
 * 3 weeks; first purchase 0 to 104 weeks into a 156-week calendar), each sent a newsletter every 30
 * days on the same calendar days from her first purchase on. A Poisson tail adds a variation of the
 * 90-day count that the known-alive paths never show, and the fit explains the silences by it (a
 * hazard ratio far from 1: 0.56, 0.51–0.61, on these draws); the tail replayed from donors known
 * alive keeps the calendar: the fit must be usable and the hazard ratio within [0.8, 1.25] (it is
 * 0.88, 0.79–0.98: a small protective bias remains, see docs/retention.md). Poison: a customer of a
 * channel of her own has no donor, her blocks are drawn and counted as such.
 */
class CalendarOutreachTailTest {
  private static final long DAY0 = 18_000;
  private static final long AS_OF = DAY0 + 156 * 7;

  @Test
  void aCalendarSendIsNotReadAsAStrongEffect() {
    List<Row> rows = world(1500);
    DropoutPaths.Prepared p = DropoutPaths.prepare(rows, AS_OF, 7.0, DropoutPaths.DRAWS);
    assertEquals(List.of(DropoutOccasions.OUTREACH), p.varying(), String.valueOf(p.notes()));
    assertTrue(p.replayedBlocks() > 0, "no block was replayed from a donor");
    // the poison customer alone in her channel: every one of her blocks drawn, no other
    long lone = (AS_OF - (DAY0 + 200)) / DropoutPaths.BLOCK_DAYS + 1;
    assertTrue(p.fallbackBlocks() >= lone * DropoutPaths.DRAWS, "drawn " + p.fallbackBlocks());
    // the same rows in another order give the same paths
    List<Row> reversed = new ArrayList<>(rows);
    Collections.reverse(reversed);
    DropoutPaths.Prepared again = DropoutPaths.prepare(reversed, AS_OF, 7.0, DropoutPaths.DRAWS);
    ContinuousDropout.Customer a = p.customers().get(0);
    ContinuousDropout.Customer b = again.customers().get(again.customers().size() - 1);
    for (int q = 0; q < a.tails().size(); q++) {
      assertEquals(a.tails().get(q).size(), b.tails().get(q).size(), "draw " + q);
      for (int j = 0; j < a.tails().get(q).size(); j++) {
        assertEquals(a.tails().get(q).get(j).start(), b.tails().get(q).get(j).start(), 1e-9);
        assertEquals(a.tails().get(q).get(j).z()[0], b.tails().get(q).get(j).z()[0]);
      }
    }
    ContinuousDropout.Fit fit =
        ContinuousDropout.fit("calendar", p.customers(), p.varying(), p.fixed());
    assertTrue(fit.status().usable(), fit.summaryText());
    Estimate o =
        fit.estimates().stream()
            .filter(e -> e.term().equals(DropoutOccasions.OUTREACH))
            .findFirst()
            .orElseThrow();
    assertTrue(o.ratio() >= 0.8 && o.ratio() <= 1.25, fit.summaryText());
  }

  private static List<Row> world(int n) {
    StructType schema =
        new StructType()
            .add(Columns.CUSTOMER_ID, DataTypes.StringType)
            .add(DropoutOccasions.ORDER_DAYS, DataTypes.createArrayType(DataTypes.LongType))
            .add(DropoutOccasions.PERSONAL_DAYS, DataTypes.createArrayType(DataTypes.LongType))
            .add(DropoutOccasions.OUTREACH_DAYS, DataTypes.createArrayType(DataTypes.LongType))
            .add(DropoutOccasions.CHANNEL, DataTypes.StringType);
    SplittableRandom rng = new SplittableRandom(7);
    List<Row> rows = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      double lambda = ContinuousDropout.gammaDraw(rng, 0.8) / 4 / 7;
      double theta = ContinuousDropout.gammaDraw(rng, 1.5) / 3 / 7;
      long first = DAY0 + (long) (rng.nextDouble() * 104 * 7);
      double death = first + -Math.log(1 - rng.nextDouble()) / (lambda * theta);
      List<Long> orders = new ArrayList<>(List.of(first));
      for (double t = first + 1; ; ) {
        t += -Math.log(1 - rng.nextDouble()) / lambda;
        if (t >= Math.min(death, AS_OF)) {
          break;
        }
        if ((long) t > orders.get(orders.size() - 1)) {
          orders.add((long) t);
        }
      }
      rows.add(row(schema, String.format("c%05d", i), orders, first, "store"));
    }
    rows.add(row(schema, "lone", List.of(DAY0 + 100, DAY0 + 199), DAY0 + 100, "kiosk"));
    return rows;
  }

  /** A newsletter every 30 days, the same days for all, from her first purchase to T. */
  private static Row row(
      StructType schema, String id, List<Long> orders, long first, String channel) {
    List<Long> sends = new ArrayList<>();
    for (long d = DAY0 + 3; d < AS_OF; d += 30) {
      if (d >= first) {
        sends.add(d);
      }
    }
    return new GenericRowWithSchema(
        new Object[] {
          id,
          scala.jdk.javaapi.CollectionConverters.asScala(orders).toSeq(),
          scala.jdk.javaapi.CollectionConverters.asScala(List.<Long>of()).toSeq(),
          scala.jdk.javaapi.CollectionConverters.asScala(sends).toSeq(),
          channel
        },
        schema);
  }
}
