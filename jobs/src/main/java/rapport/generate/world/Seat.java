package rapport.generate.world;

import java.util.List;

/**
 * A position that customers are assigned to: a salesperson's desk at the dealership or a barista's
 * place at one coffee location. Reps hold it one after another; customers stay with the seat, so a
 * departure hands them to the successor.
 *
 * @param sequenceDays days on which the seat's rep starts an e-mail sequence (dealership only)
 */
public record Seat(
    int index, Business business, String locationId, List<Rep> reps, long[] sequenceDays) {

  /** Days after a hand-over during which the successor has not yet reached the customers. */
  public static final int HANDOVER_DAYS = 45;

  /** The rep holding the seat on a day (the first one before the world starts). */
  public Rep repOn(long day) {
    for (Rep r : reps) {
      if (day < r.endDay()) {
        return r;
      }
    }
    return reps.get(reps.size() - 1);
  }

  /** True while a newly arrived rep is still taking over the previous rep's customers. */
  public boolean inHandover(long day) {
    Rep r = repOn(day);
    return r != reps.get(0) && day - r.startDay() < HANDOVER_DAYS;
  }
}
