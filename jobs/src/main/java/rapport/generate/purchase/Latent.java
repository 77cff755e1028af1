package rapport.generate.purchase;

import rapport.generate.world.Customer;

/**
 * The hidden truth of one customer: purchase rates, dropout probabilities, spend, relationship
 * strength and the baseline dropout hazard they imply. Zero where the customer does not buy.
 *
 * @param targeting the multiplier of the reps' personal-touch rate for this customer: 1 in a world
 *     without confounding; in a confounded world it rises as the customer's dropout probability
 *     falls ({@link #targeting(double, double, double, double)})
 */
public record Latent(
    double coffeeRatePerDay,
    double coffeeDropout,
    double coffeeSpendRate,
    double serviceRatePerDay,
    double serviceDropout,
    double serviceSpendRate,
    double strength,
    double baselinePerDay,
    double targeting) {

  /**
   * The rate at which the reps reach out personally, relative to strength 1: the strength times the
   * targeting (the strength itself in a world without confounding).
   */
  public double personalRate() {
    return strength * targeting;
  }

  /** Relationship strength ~ Beta(STRENGTH_A, STRENGTH_B): how much the reps invest. */
  public static final double STRENGTH_A = 1.3;

  public static final double STRENGTH_B = 2.2;

  /**
   * Without contracts the baseline hazard is the continuous-time form of BG/NBD's dropout, p·λ
   * summed over the businesses; with contracts it is one rate for all, so that the planted touch
   * effect is the only heterogeneity a Cox model has to explain.
   */
  public static Latent draw(Customer c, Rng rng, boolean contracts, Effects effects) {
    return draw(c, rng, contracts, effects, false);
  }

  /** Exponent of the confounded world's targeting: (mean p / p)^TARGETING_POWER. */
  public static final double TARGETING_POWER = 2.0;

  /** The confounded world's targeting is kept within [1 / TARGETING_CAP, TARGETING_CAP]. */
  public static final double TARGETING_CAP = 4.0;

  /**
   * Confounding by warmth: how much more (or less) often the reps reach out to a customer, from the
   * customer's dropout probability per purchase p (the staying propensity at the customer's buying
   * rate). With λ the purchase rates, p_c = Σ λ·p / Σ λ and p_ref the same with each business's
   * mean p: targeting = clamp((p_ref / p_c)^{@link #TARGETING_POWER}, 1/{@link #TARGETING_CAP},
   * {@link #TARGETING_CAP}). No random draw: the rest of the world's stream is as without
   * confounding.
   */
  public static double targeting(
      double coffeeRate, double coffeeP, double serviceRate, double serviceP) {
    double rates = coffeeRate + serviceRate;
    if (rates <= 0) {
      return 1.0;
    }
    double p = (coffeeRate * coffeeP + serviceRate * serviceP) / rates;
    double ref =
        (coffeeRate * PurchaseModel.COFFEE.meanDropout()
                + serviceRate * PurchaseModel.DEALERSHIP_SERVICE.meanDropout())
            / rates;
    if (p <= 0) {
      return TARGETING_CAP;
    }
    double t = Math.pow(ref / p, TARGETING_POWER);
    return Math.max(1.0 / TARGETING_CAP, Math.min(TARGETING_CAP, t));
  }

  /**
   * @param confounded the reps' personal-touch rate follows the customer's staying propensity
   *     ({@link #targeting}); only without contracts, where the baseline hazard differs
   */
  public static Latent draw(
      Customer c, Rng rng, boolean contracts, Effects effects, boolean confounded) {
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
    double targeting = confounded ? targeting(cr, cp, sr, sp) : 1.0;
    return new Latent(cr, cp, cs, sr, sp, ss, strength, baseline, targeting);
  }
}
