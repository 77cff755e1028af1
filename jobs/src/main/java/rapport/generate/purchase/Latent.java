package rapport.generate.purchase;

import rapport.generate.world.Customer;

/**
 * The hidden truth of one customer: purchase rates, dropout probabilities, spend, relationship
 * strength and the baseline dropout hazard they imply. Zero where the customer does not buy.
 */
public record Latent(
    double coffeeRatePerDay,
    double coffeeDropout,
    double coffeeSpendRate,
    double serviceRatePerDay,
    double serviceDropout,
    double serviceSpendRate,
    double strength,
    double baselinePerDay) {

  /** Relationship strength ~ Beta(STRENGTH_A, STRENGTH_B): how much the reps invest. */
  public static final double STRENGTH_A = 1.3;

  public static final double STRENGTH_B = 2.2;

  /**
   * Without contracts the baseline hazard is the continuous-time form of BG/NBD's dropout, p·λ
   * summed over the businesses; with contracts it is one rate for all, so that the planted touch
   * effect is the only heterogeneity a Cox model has to explain.
   */
  public static Latent draw(Customer c, Rng rng, boolean contracts, Effects effects) {
    double cr = 0, cp = 0, cs = 0, sr = 0, sp = 0, ss = 0;
    if (c.coffee()) {
      cr = PurchaseModel.COFFEE.drawRatePerDay(rng);
      cp = PurchaseModel.COFFEE.drawDropout(rng);
      cs = PurchaseModel.COFFEE.drawSpendRate(rng);
    }
    if (c.dealership()) {
      sr = PurchaseModel.DEALERSHIP_SERVICE.drawRatePerDay(rng);
      sp = PurchaseModel.DEALERSHIP_SERVICE.drawDropout(rng);
      ss = PurchaseModel.DEALERSHIP_SERVICE.drawSpendRate(rng);
    }
    double strength = rng.beta(STRENGTH_A, STRENGTH_B);
    double baseline = contracts ? effects.contractHazardPerYear() / 365.0 : cr * cp + sr * sp;
    return new Latent(cr, cp, cs, sr, sp, ss, strength, baseline);
  }
}
