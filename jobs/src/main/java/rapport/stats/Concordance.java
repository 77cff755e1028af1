package rapport.stats;

/**
 * Harrell's concordance (C-index) of a risk score with survival, counted as R's {@code
 * survival::concordance} counts it (Harrell et al. 1982; Therneau &amp; Atkinson, "Concordance",
 * survival package vignette).
 *
 * <p>A pair is comparable when one member has the event at time t while the other is still at risk
 * at t (start &lt; t ≤ stop, so a censoring at t counts as surviving past t); pairs of events at
 * the same time are tied on time and left out. Of a comparable pair, the one with the event should
 * have the higher risk score η:
 *
 * <pre>
 *   C = (concordant + tied_on_score / 2) / (concordant + discordant + tied_on_score)
 * </pre>
 *
 * Each pair counts w<sub>i</sub>·w<sub>j</sub>. The count is one sweep over the times with a
 * Fenwick tree over the ranks of η holding the weights of those at risk, O(n log n).
 */
public final class Concordance {
  private Concordance() {}

  /**
   * The pair counts.
   *
   * @param concordant the event member has the higher score
   * @param discordant the event member has the lower score
   * @param tiedScore equal scores
   * @param tiedTime events at the same time (left out of C)
   */
  public record Counts(double concordant, double discordant, double tiedScore, double tiedTime) {
    /** Harrell's C. */
    public double value() {
      return (concordant + tiedScore / 2) / (concordant + discordant + tiedScore);
    }
  }

  /** The concordance of the score {@code eta} (higher = earlier event) with the rows' survival. */
  public static Counts of(SurvivalData data, double[] eta) {
    int n = data.rows();
    int[] m = new int[1];
    int[] rank = Sorting.denseRanks(eta, m);
    double[] tree = new double[m[0] + 1];
    int[] byStop = Sorting.orderDescending(data.stopArray());
    int[] byStart = Sorting.orderDescending(data.startArray());
    double total = 0;
    double concordant = 0;
    double discordant = 0;
    double tiedScore = 0;
    double tiedTime = 0;
    int a = 0;
    int b = 0;
    while (a < n) {
      double t = data.stop(byStop[a]);
      int end = a;
      while (end < n && data.stop(byStop[end]) == t) {
        end++;
      }
      double deathWeight = 0;
      double deathWeightSquares = 0;
      for (int q = a; q < end; q++) {
        int i = byStop[q];
        if (!data.event(i)) {
          add(tree, rank[i], data.weight(i));
          total += data.weight(i);
        } else {
          deathWeight += data.weight(i);
          deathWeightSquares += data.weight(i) * data.weight(i);
        }
      }
      while (b < n && data.start(byStart[b]) >= t) {
        int i = byStart[b++];
        add(tree, rank[i], -data.weight(i));
        total -= data.weight(i);
      }
      for (int q = a; q < end; q++) {
        int i = byStop[q];
        if (data.event(i)) {
          double w = data.weight(i);
          double below = prefix(tree, rank[i]);
          double equal = prefix(tree, rank[i] + 1) - below;
          concordant += w * below;
          tiedScore += w * equal;
          discordant += w * (total - below - equal);
        }
      }
      // pairs among the tied events, and within one weighted row (identical subjects)
      tiedTime += (deathWeight * deathWeight - deathWeightSquares) / 2;
      for (int q = a; q < end; q++) {
        int i = byStop[q];
        if (data.event(i)) {
          add(tree, rank[i], data.weight(i));
          total += data.weight(i);
        }
      }
      a = end;
    }
    return new Counts(concordant, discordant, tiedScore, tiedTime);
  }

  /** Adds w at 0-based position r. */
  private static void add(double[] tree, int r, double w) {
    for (int i = r + 1; i < tree.length; i += i & -i) {
      tree[i] += w;
    }
  }

  /** The sum over positions 0 .. r−1. */
  private static double prefix(double[] tree, int r) {
    double s = 0;
    for (int i = r; i > 0; i -= i & -i) {
      s += tree[i];
    }
    return s;
  }
}
