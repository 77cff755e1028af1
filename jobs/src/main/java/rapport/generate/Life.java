package rapport.generate;

import java.util.ArrayList;
import java.util.List;
import rapport.generate.purchase.DropoutClock;
import rapport.generate.purchase.Effects;
import rapport.generate.purchase.Latent;
import rapport.generate.purchase.Order;
import rapport.generate.purchase.OrderPlanner;
import rapport.generate.purchase.Rng;
import rapport.generate.touch.Planned;
import rapport.generate.touch.TouchKind;
import rapport.generate.touch.TouchPlanner;
import rapport.generate.touch.TouchType;
import rapport.generate.world.Customer;
import rapport.generate.world.WorldClock;

/**
 * One customer's whole story: the latent truth, the path of orders and touches while alive, the
 * dropout drawn from the touch-dependent hazard, and what remains of the path after it.
 *
 * @param dropoutAt epoch second of dropout (churn), {@link Long#MAX_VALUE} if none in the world
 */
record Life(
    Customer customer, Latent latent, long dropoutAt, List<Order> orders, List<Planned> touches) {

  /** Mean time after dropout until rule-driven sends stop (unsubscribe, e-mail goes stale). */
  static final double UNSUBSCRIBE_MEAN_DAYS = 120;

  /** Share of a rep's personal touches that still happen after a customer silently left. */
  static final double AFTER_DROPOUT_REP_SHARE = 0.4;

  static Life simulate(
      Customer c,
      WorldClock clock,
      TouchPlanner planner,
      boolean contracts,
      Effects effects,
      long seed) {
    return simulate(c, clock, planner, contracts, effects, false, seed);
  }

  /**
   * @param confounded the reps' personal touches follow the customer's staying propensity
   */
  static Life simulate(
      Customer c,
      WorldClock clock,
      TouchPlanner planner,
      boolean contracts,
      Effects effects,
      boolean confounded,
      long seed) {
    Rng rng = Rng.of(seed, "life", c.index());
    Latent latent = Latent.draw(c, rng, contracts, effects, confounded);
    List<Order> orders = OrderPlanner.plan(c, latent, clock, rng);
    List<Planned> planned = planner.plan(c, latent, orders, rng);
    long start = clock.at(c.sinceDay(), 0);
    long dropout =
        DropoutClock.dropout(
            start,
            clock.futureEndSecond(),
            latent.baselinePerDay(),
            times(planned, TouchKind.PERSONAL),
            times(planned, TouchKind.AUTOMATED),
            effects,
            rng);
    List<Order> kept = new ArrayList<>();
    for (Order o : orders) {
      if (o.at() < dropout) {
        kept.add(o);
      }
    }
    long unsubscribed =
        dropout == Long.MAX_VALUE
            ? Long.MAX_VALUE
            : dropout + (long) (rng.exponential(1.0 / UNSUBSCRIBE_MEAN_DAYS) * 86_400);
    List<Planned> touches = new ArrayList<>();
    for (Planned p : planned) {
      if (p.at() < dropout) {
        touches.add(p);
      } else if (!contracts) {
        switch (p.type().afterDropout()) {
          case CONTINUES -> {
            if (p.at() < unsubscribed) {
              touches.add(p);
            }
          }
          case THINS -> {
            if (rng.chance(AFTER_DROPOUT_REP_SHARE)) {
              boolean call = p.type() == TouchType.CALL || p.type() == TouchType.CALL_LOGGED;
              touches.add(call ? p.withType(TouchType.VOICEMAIL, "phone") : p);
            }
          }
          case STOPS -> {}
        }
      }
    }
    return new Life(c, latent, dropout, kept, touches);
  }

  private static long[] times(List<Planned> planned, TouchKind kind) {
    return planned.stream().filter(p -> p.type().kind() == kind).mapToLong(Planned::at).toArray();
  }
}
