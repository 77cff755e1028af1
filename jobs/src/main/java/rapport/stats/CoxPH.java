package rapport.stats;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.apache.commons.math3.linear.Array2DRowRealMatrix;
import org.apache.commons.math3.linear.ArrayRealVector;
import org.apache.commons.math3.linear.CholeskyDecomposition;
import org.apache.commons.math3.linear.DecompositionSolver;
import org.apache.commons.math3.linear.LUDecomposition;
import org.apache.commons.math3.linear.RealMatrix;

/**
 * Cox proportional hazards by Newton–Raphson on the partial likelihood, for counting-process rows
 * (start, stop, event] with time-varying covariates and case weights (Cox 1972; Andersen &amp; Gill
 * 1982).
 *
 * <p>With η<sub>i</sub> = x<sub>i</sub>·β, r<sub>i</sub> = w<sub>i</sub>·exp(η<sub>i</sub>), the
 * risk set R(t) = {i : start<sub>i</sub> &lt; t ≤ stop<sub>i</sub>}, S0 = Σ<sub>R(t)</sub> r, S1 =
 * Σ r·x, S2 = Σ r·x·xᵀ, and at each event time the tied events D(t) with E0, E1, E2 the same sums
 * over D(t):
 *
 * <pre>
 *   Breslow: ℓ += Σ_D w·η − W_D · log S0
 *   Efron:   ℓ += Σ_D w·η − Σ_{k=0}^{d−1} m · log(S0 − (k/d)·E0)
 * </pre>
 *
 * (Efron 1977), with the score and information the first and second derivatives of the same sums.
 * For Efron, d and m follow from the weights of the tied events: when they sum to a whole number W
 * (counts of compressed identical rows), d = W and m = 1, so a compressed fit equals the fit on the
 * expanded rows; otherwise d is the number of tied rows and m their mean weight, which is what R's
 * {@code coxph} does for all weights. With unit weights both are the same.
 *
 * <p>Cost: the rows are sorted once by stop and by start time; every iteration is then one sweep
 * that adds rows as the (descending) time passes their stop and removes them as it passes their
 * start (the two-pointer method of R's {@code agfit4}), O(n·p²) per iteration after the O(n log n)
 * sort. Covariates are centred at their weighted means for numerical stability (as R does), which
 * leaves β unchanged.
 *
 * <p>Iteration as R's {@code coxph.control()}: start at β = 0, at most 20 Newton steps,
 * step-halving when the log-likelihood falls, converged when |1 − ℓ<sub>old</sub>/ℓ<sub>new</sub>|
 * ≤ 1e−9. The standard errors come from the inverse of the information at the final β.
 *
 * <p>Guards: covariates that are constant or aliased (see {@link Aliasing}) are dropped before
 * fitting and named in the fit (R's {@code coxph} reports them as NA); a coefficient that diverges
 * (|β·sd(x)| beyond 15, monotone likelihood: every event in one covariate group) or a fit that does
 * not converge marks the fit as not usable in its {@link FitStatus}.
 */
public final class CoxPH {
  private CoxPH() {}

  /** How tied event times enter the partial likelihood. */
  public enum Ties {
    EFRON,
    BRESLOW
  }

  /** The convergence tolerance on the relative change of the log partial likelihood (R's eps). */
  public static final double EPS = 1e-9;

  /** The maximum number of Newton steps (R's iter.max). */
  public static final int MAX_ITERATIONS = 20;

  /** Fits with Efron ties. */
  public static CoxFit fit(String label, SurvivalData data) {
    return fit(label, data, Ties.EFRON);
  }

  /**
   * Fits the model.
   *
   * @param label what was fitted on, shown in the summary header
   * @param data the rows
   * @param ties how tied event times are handled
   */
  public static CoxFit fit(String label, SurvivalData data, Ties ties) {
    if (data.totalEvents() <= 0) {
      throw new IllegalArgumentException("Cox model needs at least one event: " + label);
    }
    Aliasing.Result aliasing = Aliasing.of(data.names(), data.rows(), data::x, data::weight);
    if (!aliasing.none()) {
      return fit(label, data.select(aliasing.kept()), ties).withDropped(aliasing.dropped());
    }
    PartialLikelihood pl = new PartialLikelihood(data, ties);
    int p = data.covariates();
    double[] beta = new double[p];
    PartialLikelihood.Value value = pl.evaluate(beta);
    double nullLoglik = value.loglik;
    double loglik = value.loglik;
    int iterations = 0;
    boolean converged = p == 0;
    while (!converged && iterations < MAX_ITERATIONS) {
      iterations++;
      double[] step = solve(value.information, value.score, p);
      double[] next = new double[p];
      for (int k = 0; k < p; k++) {
        next[k] = beta[k] + step[k];
      }
      PartialLikelihood.Value nextValue = pl.evaluate(next);
      int halvings = 0;
      while (!(nextValue.loglik >= loglik) && halvings < 30) {
        halvings++;
        for (int k = 0; k < p; k++) {
          next[k] = (next[k] + beta[k]) / 2;
        }
        nextValue = pl.evaluate(next);
      }
      converged = Math.abs(1 - loglik / nextValue.loglik) <= EPS;
      beta = next;
      value = nextValue;
      loglik = nextValue.loglik;
    }
    double[][] variance = p == 0 ? new double[0][0] : inverse(value.information, p);
    double[] eta = pl.linearPredictor(beta);
    Concordance.Counts concordance = Concordance.of(data, eta);
    FitStatus.Checks checks =
        new FitStatus.Checks()
            .converged(converged, Double.NaN, iterations)
            .finite("the log partial likelihood", loglik);
    List<String> diverging = new ArrayList<>();
    for (int k = 0; k < p; k++) {
      double sd = pl.standardDeviation(k);
      if (!(Math.abs(beta[k]) * sd <= 15) || !Double.isFinite(variance[k][k])) {
        diverging.add(data.names().get(k));
      }
    }
    if (!diverging.isEmpty()) {
      checks.add(
          "diverging coefficients (monotone likelihood: the events fall in one covariate group): "
              + String.join(", ", diverging));
    }
    return new CoxFit(
        label,
        ties,
        data.names(),
        beta,
        variance,
        loglik,
        nullLoglik,
        concordance,
        data.rows(),
        data.totalWeight(),
        data.totalEvents(),
        iterations,
        converged,
        List.of(),
        checks.status());
  }

  private static double[] solve(double[] info, double[] score, int p) {
    RealMatrix m = new Array2DRowRealMatrix(toSquare(info, p), false);
    DecompositionSolver solver;
    try {
      solver = new CholeskyDecomposition(m, 1e-12, 1e-12).getSolver();
    } catch (RuntimeException notPositiveDefinite) {
      solver = new LUDecomposition(m).getSolver();
    }
    try {
      return solver.solve(new ArrayRealVector(score, false)).toArray();
    } catch (RuntimeException singular) {
      throw new IllegalStateException(
          "the information matrix became singular during the Newton steps: a coefficient diverges"
              + " (monotone likelihood, e.g. every event in one covariate group)",
          singular);
    }
  }

  private static double[][] inverse(double[] info, int p) {
    RealMatrix m = new Array2DRowRealMatrix(toSquare(info, p), false);
    try {
      return new CholeskyDecomposition(m, 1e-12, 1e-12).getSolver().getInverse().getData();
    } catch (RuntimeException e) {
      throw new IllegalStateException(
          "the information matrix is singular: a covariate is constant or collinear with others",
          e);
    }
  }

  private static double[][] toSquare(double[] flat, int p) {
    double[][] a = new double[p][];
    for (int j = 0; j < p; j++) {
      a[j] = Arrays.copyOfRange(flat, j * p, j * p + p);
    }
    return a;
  }

  /** The log partial likelihood with its score and information, evaluated by one sweep. */
  static final class PartialLikelihood {
    private final SurvivalData data;
    private final Ties ties;
    private final int n;
    private final int p;
    private final double[] means;
    private final int[] byStopDescending;
    private final int[] byStartDescending;
    private final boolean[] wholeTiedWeights;

    PartialLikelihood(SurvivalData data, Ties ties) {
      this.data = data;
      this.ties = ties;
      this.n = data.rows();
      this.p = data.covariates();
      this.means = new double[p];
      double total = data.totalWeight();
      for (int i = 0; i < n; i++) {
        for (int k = 0; k < p; k++) {
          means[k] += data.weight(i) * data.x(i, k) / total;
        }
      }
      this.byStopDescending = Sorting.orderDescending(data.stopArray());
      this.byStartDescending = Sorting.orderDescending(data.startArray());
      this.wholeTiedWeights = new boolean[n];
      markWholeTiedWeights();
    }

    /**
     * For each row that starts a run of tied events, whether the run's weights sum to an integer.
     */
    private void markWholeTiedWeights() {
      int a = 0;
      while (a < n) {
        double t = data.stop(byStopDescending[a]);
        int first = a;
        double w = 0;
        while (a < n && data.stop(byStopDescending[a]) == t) {
          int i = byStopDescending[a];
          if (data.event(i)) {
            w += data.weight(i);
          }
          a++;
        }
        wholeTiedWeights[byStopDescending[first]] = w == Math.rint(w);
      }
    }

    /** The weighted standard deviation of covariate k over the rows. */
    double standardDeviation(int k) {
      double total = data.totalWeight();
      double ss = 0;
      for (int i = 0; i < n; i++) {
        double d = data.x(i, k) - means[k];
        ss += data.weight(i) * d * d;
      }
      return Math.sqrt(ss / total);
    }

    double[] linearPredictor(double[] beta) {
      double[] eta = new double[n];
      for (int i = 0; i < n; i++) {
        double s = 0;
        for (int k = 0; k < p; k++) {
          s += (data.x(i, k) - means[k]) * beta[k];
        }
        eta[i] = s;
      }
      return eta;
    }

    static final class Value {
      double loglik;
      final double[] score;
      final double[] information;

      Value(int p) {
        score = new double[p];
        information = new double[p * p];
      }
    }

    Value evaluate(double[] beta) {
      double[] eta = linearPredictor(beta);
      Value v = new Value(p);
      double[] xc = new double[p];
      double s0 = 0;
      double[] s1 = new double[p];
      double[] s2 = new double[p * p];
      double[] e1 = new double[p];
      double[] e2 = new double[p * p];
      int a = 0;
      int b = 0;
      while (a < n) {
        int first = byStopDescending[a];
        double t = data.stop(first);
        int deathRows = 0;
        double deathWeight = 0;
        double e0 = 0;
        Arrays.fill(e1, 0);
        Arrays.fill(e2, 0);
        while (a < n && data.stop(byStopDescending[a]) == t) {
          int i = byStopDescending[a++];
          double r = data.weight(i) * Math.exp(eta[i]);
          centred(i, xc);
          s0 += r;
          accumulate(s1, s2, xc, r);
          if (data.event(i)) {
            double w = data.weight(i);
            deathRows++;
            deathWeight += w;
            e0 += r;
            accumulate(e1, e2, xc, r);
            v.loglik += w * eta[i];
            for (int k = 0; k < p; k++) {
              v.score[k] += w * xc[k];
            }
          }
        }
        while (b < n && data.start(byStartDescending[b]) >= t) {
          int i = byStartDescending[b++];
          double r = data.weight(i) * Math.exp(eta[i]);
          centred(i, xc);
          s0 -= r;
          accumulate(s1, s2, xc, -r);
        }
        if (deathRows == 0) {
          continue;
        }
        int d;
        double m;
        if (ties == Ties.BRESLOW) {
          d = 1;
          m = deathWeight;
        } else if (wholeTiedWeights[first]) {
          d = (int) Math.rint(deathWeight);
          m = 1;
        } else {
          d = deathRows;
          m = deathWeight / deathRows;
        }
        double sum1 = 0;
        double sumC = 0;
        double sum2 = 0;
        double sumC2 = 0;
        double sumCC2 = 0;
        for (int k = 0; k < d; k++) {
          double c = (double) k / d;
          double den = s0 - c * e0;
          v.loglik -= m * Math.log(den);
          sum1 += m / den;
          sumC += m * c / den;
          sum2 += m / (den * den);
          sumC2 += m * c / (den * den);
          sumCC2 += m * c * c / (den * den);
        }
        for (int j = 0; j < p; j++) {
          v.score[j] -= s1[j] * sum1 - e1[j] * sumC;
          for (int k = 0; k < p; k++) {
            v.information[j * p + k] +=
                s2[j * p + k] * sum1
                    - e2[j * p + k] * sumC
                    - (s1[j] * s1[k] * sum2
                        - (s1[j] * e1[k] + e1[j] * s1[k]) * sumC2
                        + e1[j] * e1[k] * sumCC2);
          }
        }
      }
      return v;
    }

    private void centred(int i, double[] xc) {
      for (int k = 0; k < p; k++) {
        xc[k] = data.x(i, k) - means[k];
      }
    }

    private void accumulate(double[] sum1, double[] sum2, double[] xc, double r) {
      for (int j = 0; j < p; j++) {
        double rx = r * xc[j];
        sum1[j] += rx;
        for (int k = 0; k <= j; k++) {
          sum2[j * p + k] += rx * xc[k];
        }
      }
      for (int j = 0; j < p; j++) {
        for (int k = j + 1; k < p; k++) {
          sum2[j * p + k] = sum2[k * p + j];
        }
      }
    }
  }
}
