package rapport.outreach;

import static org.apache.spark.sql.functions.col;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import rapport.errors.RapportException;
import rapport.schema.Columns;
import rapport.schema.Rows;

/** The reps: who is active, in which team, with how many personal touches a week. */
record Roster(Map<String, Rep> reps) {
  /**
   * The rep_id of the one shared list of a business that names no rep at all (orders-only exports):
   * the team still gets its week's list, ranked, at the default capacity.
   */
  static final String SHARED_QUEUE = "unassigned";

  /**
   * @param capacity personal touches a week
   * @param slots candidates per week: the capacity plus the holdout drawn from them (see {@link
   *     #slots})
   */
  record Rep(String repId, String email, String team, boolean active, long capacity, long slots) {}

  /**
   * From {@code tables/reps}; without it, every owner named in the customers table is an active rep
   * of no team with the default capacity, and where no customer names an owner either, one shared
   * list ({@link #SHARED_QUEUE}) of the default capacity takes every customer.
   */
  static Roster of(
      Optional<Dataset<Row>> repsTable,
      Dataset<Row> customers,
      long defaultCapacity,
      double holdoutShare) {
    Map<String, Rep> reps = new TreeMap<>();
    if (repsTable.isPresent()) {
      for (Row r :
          repsTable
              .get()
              .select(
                  Columns.REP_ID,
                  Columns.EMAIL,
                  Columns.TEAM,
                  Columns.ACTIVE,
                  Columns.WEEKLY_CAPACITY)
              .collectAsList()) {
        String id = Rows.string(r, Columns.REP_ID);
        Long capacity = Rows.optionalLong(r, Columns.WEEKLY_CAPACITY);
        long cap = capacity == null ? defaultCapacity : Math.max(0, capacity);
        Boolean flag = Rows.optionalBool(r, Columns.ACTIVE);
        boolean active = flag == null || flag;
        Rep rep =
            new Rep(
                id,
                Rows.string(r, Columns.EMAIL),
                Rows.string(r, Columns.TEAM),
                active,
                cap,
                slots(cap, holdoutShare));
        if (reps.put(id, rep) != null) {
          throw RapportException.input(
              "tables/reps holds rep_id %s twice; rerun ./rapport ingest (it rejects duplicate keys)",
              id);
        }
      }
    } else {
      for (Row r :
          customers
              .select(col(Columns.OWNER_REP_ID))
              .filter(col(Columns.OWNER_REP_ID).isNotNull())
              .distinct()
              .collectAsList()) {
        String id = Rows.string(r, Columns.OWNER_REP_ID);
        reps.put(
            id,
            new Rep(id, null, null, true, defaultCapacity, slots(defaultCapacity, holdoutShare)));
      }
      if (reps.isEmpty()) {
        reps.put(
            SHARED_QUEUE,
            new Rep(
                SHARED_QUEUE,
                null,
                null,
                true,
                defaultCapacity,
                slots(defaultCapacity, holdoutShare)));
      }
    }
    return new Roster(reps);
  }

  /**
   * The smallest number of candidates m whose holdout, round(share·m), leaves {@code capacity} to
   * contact, so that reps get their full week while the holdout stays a random share of the same
   * kind of customers.
   */
  static long slots(long capacity, double share) {
    long m = capacity;
    while (m - holdout(m, share) < capacity) {
      m++;
    }
    return m;
  }

  /** The holdout of n candidates: n·share rounded half up. */
  static long holdout(long n, double share) {
    return (long) Math.floor(n * share + 0.5);
  }

  List<Rep> active() {
    List<Rep> out = new ArrayList<>();
    reps.values()
        .forEach(
            r -> {
              if (r.active()) {
                out.add(r);
              }
            });
    return out;
  }

  Optional<Rep> rep(String id) {
    return Optional.ofNullable(id == null ? null : reps.get(id));
  }
}
