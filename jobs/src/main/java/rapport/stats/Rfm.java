package rapport.stats;

import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Frequency, recency and age of each customer from a transaction log, as the buy-till-you-die
 * literature defines them (Fader, Hardie &amp; Lee 2005; lifetimes' {@code
 * summary_data_from_transaction_data}; BTYD's {@code dc.ElogToCbsCbt}), with the calibration end
 * date explicit:
 *
 * <ul>
 *   <li>purchases on the same day are one purchase (their values summed);
 *   <li>x = the number of repeat purchases (distinct purchase days after the first) up to and
 *       including the calibration end;
 *   <li>t<sub>x</sub> = the time from the first to the last purchase, T = the time from the first
 *       purchase to the calibration end, both in the chosen unit (a week is 7 days);
 *   <li>the monetary value is the mean value of the repeat purchases (the first purchase is left
 *       out, as in Fader &amp; Hardie's Gamma-Gamma note), NaN for customers without one.
 * </ul>
 *
 * Customers whose first purchase is after the calibration end are left out.
 */
public final class Rfm {
  private Rfm() {}

  /** The unit of t<sub>x</sub> and T. */
  public enum TimeUnit {
    DAY(1),
    WEEK(7);

    private final double days;

    TimeUnit(double days) {
      this.days = days;
    }

    /** The length of the unit in days. */
    public double days() {
      return days;
    }
  }

  /**
   * One customer's summary.
   *
   * @param id the customer id
   * @param frequency x, the number of repeat purchase days
   * @param recency t<sub>x</sub>
   * @param age T
   * @param monetaryValue the mean value of the repeat purchases, NaN when x = 0
   */
  public record Customer(
      String id, int frequency, double recency, double age, double monetaryValue) {}

  /** Accumulates transactions; {@link #summarize} then gives one {@link Customer} each. */
  public static final class Builder {
    private final Map<String, TreeMap<LocalDate, Double>> byCustomer = new HashMap<>();

    /** Adds one transaction; the value may be NaN when only the dates are of interest. */
    public Builder add(String customer, LocalDate date, double value) {
      byCustomer.computeIfAbsent(customer, k -> new TreeMap<>()).merge(date, value, Double::sum);
      return this;
    }

    /** The number of distinct customers seen. */
    public int customers() {
      return byCustomer.size();
    }

    /** The customers' summaries as of the calibration end date (inclusive), sorted by id. */
    public List<Customer> summarize(LocalDate calibrationEnd, TimeUnit unit) {
      List<Customer> out = new ArrayList<>();
      for (Map.Entry<String, TreeMap<LocalDate, Double>> e : new TreeMap<>(byCustomer).entrySet()) {
        TreeMap<LocalDate, Double> days = e.getValue();
        LocalDate first = days.firstKey();
        if (first.isAfter(calibrationEnd)) {
          continue;
        }
        var calibration = days.headMap(calibrationEnd, true);
        LocalDate last = calibration.lastKey();
        int x = calibration.size() - 1;
        double sum = 0;
        for (var d : calibration.tailMap(first, false).values()) {
          sum += d;
        }
        out.add(
            new Customer(
                e.getKey(),
                x,
                ChronoUnit.DAYS.between(first, last) / unit.days(),
                ChronoUnit.DAYS.between(first, calibrationEnd) / unit.days(),
                x > 0 ? sum / x : Double.NaN));
      }
      return out;
    }
  }

  public static Builder builder() {
    return new Builder();
  }
}
