package rapport.outreach;

import static org.apache.spark.sql.functions.*;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.expressions.Window;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import rapport.schema.Columns;
import rapport.schema.Outreach;

/**
 * Who calls whom this week. Each active rep gets their own eligible customers in priority order up
 * to their candidate slots; customers whose owner is inactive, unknown or missing are handed to an
 * active rep with spare slots (same team first, round robin by rep_id, best priority first); then a
 * seeded random share of every rep's candidates is held out.
 */
final class Assignment {
  private Assignment() {}

  /** The order of the lists: priority, then value at risk, then id (ties never depend on luck). */
  static Column[] byPriority() {
    return new Column[] {
      col(Outreach.PRIORITY).desc(),
      col(Outreach.EXPECTED_VALUE_AT_RISK).desc(),
      col(Columns.CUSTOMER_ID)
    };
  }

  /**
   * The candidates, and how many customers of inactive, unknown or missing reps found no spare
   * slot, by the team of their former rep ("" for none).
   */
  record Result(Dataset<Row> candidates, Map<String, Long> orphansWithoutSlot) {}

  /**
   * @param eligible eligible customers with their priority (from {@link Eligibility})
   * @return the eligible columns plus rep_id, is_handoff, is_holdout
   */
  static Result assign(
      SparkSession spark,
      Dataset<Row> eligible,
      Roster roster,
      double holdoutShare,
      long seed,
      LocalDate asOf) {
    StructType repSchema =
        new StructType()
            .add("_rep", DataTypes.StringType, false)
            .add("_team", DataTypes.StringType, true)
            .add("_active", DataTypes.BooleanType, false)
            .add("_slots", DataTypes.LongType, false);
    List<Row> repRows = new ArrayList<>();
    roster
        .reps()
        .values()
        .forEach(r -> repRows.add(RowFactory.create(r.repId(), r.team(), r.active(), r.slots())));
    Dataset<Row> reps = spark.createDataFrame(repRows, repSchema);
    // roster keys are unique (a TreeMap), so this join cannot multiply rows
    Dataset<Row> withRep =
        eligible.join(
            broadcast(reps), col(Columns.OWNER_REP_ID).equalTo(col("_rep")), "left_outer");

    Dataset<Row> own =
        withRep
            .filter(coalesce(col("_active"), lit(false)))
            .withColumn(
                "_k", row_number().over(Window.partitionBy(col("_rep")).orderBy(byPriority())))
            .filter(col("_k").leq(col("_slots")))
            .withColumn(Outreach.REP_ID, col(Columns.OWNER_REP_ID))
            .withColumn(Outreach.IS_HANDOFF, lit(false));

    Map<String, Long> used = new TreeMap<>();
    for (Row r : own.groupBy(col(Outreach.REP_ID)).count().collectAsList()) {
      used.put(r.getString(0), r.getLong(1));
    }
    Map<String, Long> spare = new TreeMap<>();
    long totalSpare = 0;
    for (Roster.Rep r : roster.active()) {
      long s = r.slots() - used.getOrDefault(r.repId(), 0L);
      spare.put(r.repId(), s);
      totalSpare += s;
    }

    Dataset<Row> orphans =
        withRep
            .filter(not(coalesce(col("_active"), lit(false))))
            .withColumn("_orphan_team", coalesce(col("_team"), lit("")));
    List<Row> best =
        totalSpare == 0
            ? List.of()
            : orphans
                .withColumn(
                    "_k",
                    row_number()
                        .over(Window.partitionBy(col("_orphan_team")).orderBy(byPriority())))
                .filter(col("_k").leq(totalSpare))
                .select(col(Columns.CUSTOMER_ID), col("_orphan_team"))
                .orderBy(col("_orphan_team"), col("_k"))
                .collectAsList();
    Map<String, List<String>> byTeam = new TreeMap<>();
    for (Row r : best) {
      byTeam.computeIfAbsent(r.getString(1), k -> new ArrayList<>()).add(r.getString(0));
    }
    Map<String, String> handoffs = new LinkedHashMap<>();
    List<String> leftover = new ArrayList<>();
    for (Map.Entry<String, List<String>> team : byTeam.entrySet()) {
      List<String> teamReps =
          roster.active().stream()
              .filter(r -> !team.getKey().isEmpty() && team.getKey().equals(r.team()))
              .map(Roster.Rep::repId)
              .toList();
      if (teamReps.isEmpty()) {
        // no team, or nobody of the team is left: any active rep may take them over
        leftover.addAll(team.getValue());
      } else {
        fill(team.getValue(), teamReps, spare, handoffs);
      }
    }
    List<String> everyone = roster.active().stream().map(Roster.Rep::repId).toList();
    fill(leftover, everyone, spare, handoffs);
    Map<String, Long> withoutSlot = new TreeMap<>();
    for (Row r : orphans.groupBy(col("_orphan_team")).count().collectAsList()) {
      withoutSlot.put(r.getString(0), r.getLong(1));
    }
    for (Row r : best) {
      if (handoffs.containsKey(r.getString(0))) {
        withoutSlot.merge(r.getString(1), -1L, Long::sum);
      }
    }
    withoutSlot.values().removeIf(v -> v == 0);

    StructType handoffSchema =
        new StructType()
            .add("_hid", DataTypes.StringType, false)
            .add(Outreach.REP_ID, DataTypes.StringType, false);
    List<Row> handoffRows = new ArrayList<>();
    handoffs.forEach((c, r) -> handoffRows.add(RowFactory.create(c, r)));
    Dataset<Row> assigned = spark.createDataFrame(handoffRows, handoffSchema);
    Dataset<Row> handedOver =
        orphans
            .join(broadcast(assigned), col(Columns.CUSTOMER_ID).equalTo(col("_hid")), "inner")
            .withColumn(Outreach.IS_HANDOFF, lit(true));

    List<String> keep = new ArrayList<>(List.of(eligible.columns()));
    keep.add(Outreach.REP_ID);
    keep.add(Outreach.IS_HANDOFF);
    Column[] cols = keep.stream().map(org.apache.spark.sql.functions::col).toArray(Column[]::new);
    Dataset<Row> candidates = own.select(cols).unionByName(handedOver.select(cols));
    return new Result(withHoldout(candidates, holdoutShare, seed, asOf), withoutSlot);
  }

  /**
   * Marks round(share·n) of each rep's n candidates as holdout: those with the smallest
   * xxhash64(seed, as_of, customer_id), a draw that is random across customers, the same on a
   * rerun, and new each cycle.
   */
  static Dataset<Row> withHoldout(
      Dataset<Row> candidates, double share, long seed, LocalDate asOf) {
    Column draw = xxhash64(lit(seed), lit(asOf.toString()), col(Columns.CUSTOMER_ID));
    Column n = count(lit(1)).over(Window.partitionBy(col(Outreach.REP_ID)));
    Column k =
        row_number()
            .over(
                Window.partitionBy(col(Outreach.REP_ID))
                    .orderBy(col("_draw"), col(Columns.CUSTOMER_ID)));
    return candidates
        .withColumn("_draw", draw)
        .withColumn(Outreach.IS_HOLDOUT, k.leq(floor(n.multiply(share).plus(0.5))))
        .drop("_draw");
  }

  /**
   * Gives each customer (best first) the next slot, visiting the reps round robin in id order so
   * that handoffs spread evenly. Customers beyond the spare slots stay unassigned.
   */
  private static void fill(
      List<String> customers,
      List<String> reps,
      Map<String, Long> spare,
      Map<String, String> handoffs) {
    int next = 0;
    for (String c : customers) {
      String taker = null;
      for (int i = 0; i < reps.size() && taker == null; i++) {
        String r = reps.get((next + i) % reps.size());
        if (spare.get(r) > 0) {
          taker = r;
          next = (next + i + 1) % reps.size();
        }
      }
      if (taker == null) {
        return;
      }
      spare.merge(taker, -1L, Long::sum);
      handoffs.put(c, taker);
    }
  }
}
