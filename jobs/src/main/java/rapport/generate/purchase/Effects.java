package rapport.generate.purchase;

/**
 * The planted effects of touches on the dropout hazard (the truth that the retention stage should
 * recover). With n_p personal and n_a automated touches in the trailing {@code windowDays}, the
 * hazard is
 *
 * <pre>
 *   h(t) = h0 · personalHR^n_p · automatedHR^n_a · fatigueHR^max(0, n_a − fatigueThreshold)
 * </pre>
 *
 * @param personalHazardRatio hazard multiplier per recent personal touch (0.6: each protects)
 * @param automatedHazardRatio hazard multiplier per recent automated touch (1.0: no effect)
 * @param fatigueThreshold automated touches in the window beyond which each one hurts
 * @param fatigueHazardRatio hazard multiplier per automated touch beyond the threshold
 * @param windowDays the trailing window the touches are counted in
 * @param contractHazardPerYear with contracts, the baseline hazard h0 shared by all customers
 */
public record Effects(
    double personalHazardRatio,
    double automatedHazardRatio,
    int fatigueThreshold,
    double fatigueHazardRatio,
    int windowDays,
    double contractHazardPerYear) {

  public static final Effects DEFAULT = new Effects(0.6, 1.0, 12, 1.15, 90, 0.3);

  /** The hazard multiplier for the given counts in the window. */
  public double multiplier(int personal, int automated) {
    return Math.pow(personalHazardRatio, personal)
        * Math.pow(automatedHazardRatio, automated)
        * Math.pow(fatigueHazardRatio, Math.max(0, automated - fatigueThreshold));
  }
}
