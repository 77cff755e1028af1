package rapport.generate.purchase;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import rapport.generate.world.Business;
import rapport.generate.world.Customer;
import rapport.generate.world.WorldClock;

/**
 * The orders a customer would place if they never dropped out: Poisson purchases at the customer's
 * rate from the first day, order values from the Gamma-Gamma model, vehicles now and then. Dropout
 * cuts this path later.
 */
public final class OrderPlanner {
  /** Vehicles bought per year by a dealership customer (beyond the first). */
  public static final double VEHICLES_PER_YEAR = 1.0 / 7;

  /** Median vehicle price and the log-normal spread around it. */
  public static final double VEHICLE_MEDIAN_EUR = 32_000;

  public static final double VEHICLE_LOG_SD = 0.35;

  public static final double CANCELLED_SHARE = 0.02;

  /** Share of service and parts orders returned (a refund row follows). */
  public static final double RETURNED_SHARE = 0.015;

  private OrderPlanner() {}

  public static List<Order> plan(Customer c, Latent l, WorldClock clock, Rng rng) {
    List<Order> out = new ArrayList<>();
    long since = c.sinceDay();
    if (c.dealership()) {
      // The relationship starts with a car bought at the dealership.
      out.add(vehicle(c, clock, since, rng));
      for (double d = since + rng.exponential(VEHICLES_PER_YEAR / 365);
          d < clock.endDay();
          d += rng.exponential(VEHICLES_PER_YEAR / 365)) {
        out.add(vehicle(c, clock, (long) d, rng));
      }
      for (double d = since + rng.exponential(l.serviceRatePerDay());
          d < clock.endDay();
          d += rng.exponential(l.serviceRatePerDay())) {
        service(c, l, clock, (long) d, rng, out);
      }
    }
    if (c.coffee()) {
      String location = c.baristas().get(0).locationId();
      for (double d = since; d < clock.endDay(); d += rng.exponential(l.coffeeRatePerDay())) {
        boolean morning = rng.chance(0.7);
        int second =
            morning ? rng.between(6 * 3600 + 1800, 10 * 3600) : rng.between(12 * 3600, 17 * 3600);
        long cents = PurchaseModel.COFFEE.drawAmountCents(rng, l.coffeeSpendRate());
        String category = rng.chance(0.8) ? "coffee" : "food";
        String channel = rng.chance(0.85) ? "app" : "store";
        out.add(
            new Order(
                clock.at((long) d, second),
                Business.COFFEE,
                category,
                channel,
                location,
                cents,
                status(rng)));
      }
    }
    out.sort(Comparator.comparingLong(Order::at));
    return out;
  }

  private static Order vehicle(Customer c, WorldClock clock, long day, Rng rng) {
    long cents =
        Math.round(100 * VEHICLE_MEDIAN_EUR * Math.exp(VEHICLE_LOG_SD * rng.normal()) / 10) * 10;
    return new Order(
        clock.at(day, rng.between(10 * 3600, 17 * 3600)),
        Business.DEALERSHIP,
        "vehicle",
        rng.chance(0.2) ? "online" : "dealer",
        "AH-01",
        cents,
        "completed");
  }

  private static void service(
      Customer c, Latent l, WorldClock clock, long day, Rng rng, List<Order> out) {
    long cents = PurchaseModel.DEALERSHIP_SERVICE.drawAmountCents(rng, l.serviceSpendRate());
    boolean parts = rng.chance(0.2);
    long at = clock.at(day, rng.between(8 * 3600, 18 * 3600));
    out.add(
        new Order(
            at,
            Business.DEALERSHIP,
            parts ? "parts" : "service",
            parts ? "online" : "dealer",
            "AH-01",
            cents,
            status(rng)));
    if (rng.chance(RETURNED_SHARE)) {
      out.add(
          new Order(
              at + 86_400L * rng.between(2, 20),
              Business.DEALERSHIP,
              parts ? "parts" : "service",
              "dealer",
              "AH-01",
              -cents,
              "returned"));
    }
  }

  private static String status(Rng rng) {
    return rng.chance(CANCELLED_SHARE) ? "cancelled" : "completed";
  }
}
