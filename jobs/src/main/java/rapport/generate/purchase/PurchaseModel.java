package rapport.generate.purchase;

/**
 * A BG/NBD-like purchase process with Gamma-Gamma order values, in the parameterisation of Fader,
 * Hardie and Lee (2005) and Fader, Hardie and Lee (2005b, "RFM and CLV"):
 *
 * <ul>
 *   <li>purchase rate λ ~ Gamma(shape r, rate α) per {@code timeUnitDays} days;
 *   <li>dropout probability p ~ Beta(a, b): the chance to drop out after each purchase, here turned
 *       into a continuous hazard p·λ (see {@link DropoutClock});
 *   <li>order value z ~ Gamma(shape p, rate ν) with ν ~ Gamma(shape q, rate γ), so the customer's
 *       mean order value is p/ν, on average p·γ/(q−1).
 * </ul>
 */
public record PurchaseModel(
    String name,
    int timeUnitDays,
    double r,
    double alpha,
    double a,
    double b,
    double spendP,
    double spendQ,
    double spendGamma) {

  /** Coffee: about one app order a week, about EUR 6 an order. */
  public static final PurchaseModel COFFEE =
      new PurchaseModel("coffee", 7, 1.1, 1.6, 3.0, 9.0, 6.0, 4.0, 3.0);

  /** Dealership service and parts: about one visit a year, about EUR 400 each. */
  public static final PurchaseModel DEALERSHIP_SERVICE =
      new PurchaseModel("dealership_service", 365, 2.0, 1.6, 1.5, 9.0, 4.0, 5.0, 400.0);

  /** λ per day. */
  public double drawRatePerDay(Rng rng) {
    return rng.gamma(r, 1.0 / alpha) / timeUnitDays;
  }

  /** The mean dropout probability a / (a + b). */
  public double meanDropout() {
    return a / (a + b);
  }

  public double drawDropout(Rng rng) {
    return rng.beta(a, b);
  }

  /** ν, the rate of the customer's order-value Gamma. */
  public double drawSpendRate(Rng rng) {
    return rng.gamma(spendQ, 1.0 / spendGamma);
  }

  /** One order value in cents, at least one cent. */
  public long drawAmountCents(Rng rng, double spendRate) {
    return Math.max(1, Math.round(100 * rng.gamma(spendP, 1.0 / spendRate)));
  }

  public double meanSpend(double spendRate) {
    return spendP / spendRate;
  }
}
