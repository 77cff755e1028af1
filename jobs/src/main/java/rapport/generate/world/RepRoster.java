package rapport.generate.world;

import java.util.ArrayList;
import java.util.List;
import rapport.generate.purchase.Rng;
import rapport.generate.text.Vocabulary;

/**
 * All seats and reps of the world. Small (one seat per few hundred customers), built once from the
 * seed before any customer, so that every customer's stream can look its rep up.
 */
public final class RepRoster {
  /** Customers per salesperson seat at the dealership. */
  static final int CUSTOMERS_PER_DEALER_SEAT = 350;

  /** Customers per salesperson seat when reps are busy ({@code --busy-reps}). */
  static final int CUSTOMERS_PER_BUSY_SEAT = 2_000;

  /** Customers per coffee location; each location has {@link #BARISTAS} seats. */
  static final int CUSTOMERS_PER_LOCATION = 4_000;

  static final int BARISTAS = 3;

  /** Mean tenure of a rep in days: about one in five leaves per year. */
  static final double MEAN_TENURE_DAYS = 5 * 365.0;

  private final List<Seat> dealerSeats;
  private final List<List<Seat>> locations;
  private final List<Rep> all;

  private RepRoster(List<Seat> dealerSeats, List<List<Seat>> locations, List<Rep> all) {
    this.dealerSeats = dealerSeats;
    this.locations = locations;
    this.all = all;
  }

  public static RepRoster build(long seed, int customers, WorldClock clock) {
    return build(seed, customers, clock, false);
  }

  /**
   * @param busy few salespeople, each holding {@link #CUSTOMERS_PER_BUSY_SEAT} customers
   */
  public static RepRoster build(long seed, int customers, WorldClock clock, boolean busy) {
    int perSeat = busy ? CUSTOMERS_PER_BUSY_SEAT : CUSTOMERS_PER_DEALER_SEAT;
    int dealer = Math.max(busy ? 1 : 3, (customers + perSeat - 1) / perSeat);
    int coffee = Math.max(1, (customers + CUSTOMERS_PER_LOCATION - 1) / CUSTOMERS_PER_LOCATION);
    List<Rep> all = new ArrayList<>();
    List<Seat> dealerSeats = new ArrayList<>();
    int seatIndex = 0;
    for (int i = 0; i < dealer; i++) {
      dealerSeats.add(seat(seed, seatIndex++, Business.DEALERSHIP, "AH-01", "sales", clock, all));
    }
    List<List<Seat>> locations = new ArrayList<>();
    for (int l = 0; l < coffee; l++) {
      String location = String.format("KB-%02d", l + 1);
      List<Seat> baristas = new ArrayList<>();
      for (int b = 0; b < BARISTAS; b++) {
        baristas.add(seat(seed, seatIndex++, Business.COFFEE, location, "coffee", clock, all));
      }
      locations.add(baristas);
    }
    return new RepRoster(List.copyOf(dealerSeats), List.copyOf(locations), List.copyOf(all));
  }

  private static Seat seat(
      long seed,
      int index,
      Business business,
      String location,
      String team,
      WorldClock clock,
      List<Rep> all) {
    Rng rng = Rng.of(seed, "seat", index);
    List<Rep> reps = new ArrayList<>();
    // The first holder may have started long before the world's first day.
    long start = clock.startDay() - (long) rng.uniform(0, 3 * 365);
    while (start < clock.endDay()) {
      long end = start + 180 + (long) rng.exponential(1.0 / MEAN_TENURE_DAYS);
      boolean last = end >= clock.endDay();
      String first = rng.pick(rng.chance(0.5) ? Vocabulary.FEMALE_NAMES : Vocabulary.MALE_NAMES);
      String lastName = rng.pick(Vocabulary.LAST_NAMES);
      String id = String.format("R%05d", all.size() + 1);
      String domain = business == Business.COFFEE ? "kaffeebar-lindner.de" : "autohaus-lindner.de";
      String email =
          (Vocabulary.ascii(first) + "." + Vocabulary.ascii(lastName) + "@" + domain).toLowerCase();
      int capacity = business == Business.COFFEE ? rng.between(5, 15) : rng.between(15, 40);
      Rep rep =
          new Rep(id, first, lastName, email, team, capacity, start, last ? Long.MAX_VALUE : end);
      reps.add(rep);
      all.add(rep);
      start = end;
    }
    long[] sequences = new long[0];
    if (business == Business.DEALERSHIP) {
      List<Long> days = new ArrayList<>();
      for (long d = clock.startDay() + rng.between(0, 120); d < clock.endDay(); ) {
        days.add(d);
        d += rng.between(90, 150);
      }
      sequences = days.stream().mapToLong(Long::longValue).toArray();
    }
    return new Seat(index, business, location, List.copyOf(reps), sequences);
  }

  public List<Seat> dealerSeats() {
    return dealerSeats;
  }

  public List<List<Seat>> locations() {
    return locations;
  }

  /** Every rep that ever held a seat, in id order. */
  public List<Rep> reps() {
    return all;
  }
}
