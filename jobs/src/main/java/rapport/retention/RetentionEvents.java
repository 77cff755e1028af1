package rapport.retention;

import java.time.LocalDate;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.storage.StorageLevel;
import rapport.domain.RetentionLabels;

/**
 * What every retention analysis starts from: the stage's input tables, the day-level events derived
 * from them (kept in memory while the analyses run; {@link #close()} releases them) and the run's
 * as-of date, horizon and zone.
 */
record RetentionEvents(
    Dataset<Row> customers,
    Dataset<Row> orders,
    Dataset<Row> touches,
    Dataset<Row> orderDays,
    Dataset<Row> personal,
    Dataset<Row> automated,
    LocalDate asOf,
    int horizon,
    String zone,
    boolean contracts)
    implements AutoCloseable {

  /** The day-level events of customers, orders and touches as of {@code asOf}. */
  static RetentionEvents of(
      Dataset<Row> customers,
      Dataset<Row> orders,
      Dataset<Row> touches,
      LocalDate asOf,
      int horizon,
      String zone) {
    return new RetentionEvents(
        customers,
        orders,
        touches,
        DayEvents.completedOrders(orders, zone).persist(StorageLevel.MEMORY_AND_DISK()),
        DayEvents.personalTouches(touches, zone).persist(StorageLevel.MEMORY_AND_DISK()),
        DayEvents.automatedTouches(touches, zone).persist(StorageLevel.MEMORY_AND_DISK()),
        asOf,
        horizon,
        zone,
        RetentionLabels.hasContracts(customers));
  }

  /** The as-of date as an epoch day, T. */
  long t() {
    return asOf.toEpochDay();
  }

  /** Names the Spark jobs that follow in the UI and the job log. */
  void describe(String what) {
    customers.sparkSession().sparkContext().setJobDescription("retention: " + what);
  }

  @Override
  public void close() {
    orderDays.unpersist();
    personal.unpersist();
    automated.unpersist();
  }
}
