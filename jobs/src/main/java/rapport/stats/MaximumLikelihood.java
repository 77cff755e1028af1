package rapport.stats;

import java.util.function.ToDoubleFunction;
import org.apache.commons.math3.linear.Array2DRowRealMatrix;
import org.apache.commons.math3.linear.ArrayRealVector;
import org.apache.commons.math3.linear.CholeskyDecomposition;
import org.apache.commons.math3.linear.RealMatrix;
import org.apache.commons.math3.optim.InitialGuess;
import org.apache.commons.math3.optim.MaxEval;
import org.apache.commons.math3.optim.PointValuePair;
import org.apache.commons.math3.optim.nonlinear.scalar.GoalType;
import org.apache.commons.math3.optim.nonlinear.scalar.ObjectiveFunction;
import org.apache.commons.math3.optim.nonlinear.scalar.noderiv.NelderMeadSimplex;
import org.apache.commons.math3.optim.nonlinear.scalar.noderiv.SimplexOptimizer;

/**
 * Maximum likelihood for models whose parameters are all positive (BG/NBD, Gamma-Gamma). The search
 * runs on φ = log θ, so that no step can leave the parameter space: Nelder–Mead (commons-math)
 * finds the basin without derivatives, then Newton's method on central-difference derivatives
 * polishes the optimum to the last digits, with step-halving whenever a step does not improve the
 * log-likelihood. Standard errors come from the numerical Hessian: Cov(φ̂) = (−H)⁻¹, and since the
 * gradient is zero at the optimum, Cov(θ̂) = diag(θ̂)·Cov(φ̂)·diag(θ̂) exactly (the delta method).
 *
 * <p>An optional ridge penalty on the log scale, ℓ(θ) − Σ w<sub>k</sub>·(log θ<sub>k</sub>)², keeps
 * a parameter whose likelihood is flat towards 0 or ∞ (BG/NBD's a on data without visible dropout)
 * at a finite value: the role of lifetimes' {@code penalizer_coef}. The reported log-likelihood is
 * the unpenalised ℓ at the penalised optimum; the standard errors come from the penalised
 * objective's Hessian (which the penalty keeps negative definite).
 */
final class MaximumLikelihood {
  private MaximumLikelihood() {}

  /**
   * The optimum.
   *
   * @param params θ̂
   * @param stdErrors the standard errors of θ̂ (NaN when the Hessian is not negative definite)
   * @param logLikelihood ℓ(θ̂)
   * @param converged whether the gradient vanished to the tolerance
   * @param evaluations how many times ℓ was evaluated
   * @param gradient the largest absolute gradient of the (penalised) objective on the log scale at
   *     the end
   * @param newtonSteps the Newton steps taken (at most {@link #MAX_NEWTON_STEPS})
   */
  record Result(
      double[] params,
      double[] stdErrors,
      double logLikelihood,
      boolean converged,
      int evaluations,
      double gradient,
      int newtonSteps) {}

  /** The iteration limit of the Newton polish. */
  static final int MAX_NEWTON_STEPS = 50;

  /** The gradient (on the log scale) below which the optimum counts as found. */
  static final double GRADIENT_TOLERANCE = 1e-3;

  private static final double STEP = 1e-4;

  static Result maximize(ToDoubleFunction<double[]> loglik, double[] start) {
    return maximize(loglik, start, new double[start.length]);
  }

  /**
   * Maximises ℓ(θ) − Σ w<sub>k</sub>·(log θ<sub>k</sub>)².
   *
   * @param penalty w<sub>k</sub> ≥ 0 per parameter (all 0: plain maximum likelihood)
   */
  static Result maximize(ToDoubleFunction<double[]> loglik, double[] start, double[] penalty) {
    return maximize(loglik, start, penalty, true);
  }

  /**
   * As {@link #maximize(ToDoubleFunction, double[], double[])}; without the simplex when {@code
   * simplex} is false: Newton from the start alone, for a start already near the optimum (a nested
   * model's fit) and a likelihood too costly for thousands of simplex evaluations.
   */
  static Result maximize(
      ToDoubleFunction<double[]> loglik, double[] start, double[] penalty, boolean simplex) {
    int p = start.length;
    int[] evaluations = {0};
    ToDoubleFunction<double[]> onLogScale =
        phi -> {
          evaluations[0]++;
          double[] theta = new double[p];
          double ridge = 0;
          for (int k = 0; k < p; k++) {
            theta[k] = Math.exp(phi[k]);
            ridge += penalty[k] * phi[k] * phi[k];
          }
          double v = loglik.applyAsDouble(theta) - ridge;
          return Double.isNaN(v) ? Double.NEGATIVE_INFINITY : v;
        };
    double[] phi = new double[p];
    for (int k = 0; k < p; k++) {
      phi[k] = Math.log(start[k]);
    }
    if (simplex) {
      PointValuePair found =
          new SimplexOptimizer(1e-10, 1e-12)
              .optimize(
                  new MaxEval(20_000),
                  new ObjectiveFunction(
                      x -> {
                        double v = onLogScale.applyAsDouble(x);
                        return Double.isFinite(v) ? v : -1e300;
                      }),
                  GoalType.MAXIMIZE,
                  new InitialGuess(phi),
                  new NelderMeadSimplex(p, 0.5));
      phi = found.getPoint();
    }
    double value = onLogScale.applyAsDouble(phi);
    boolean converged = false;
    int steps = 0;
    for (int iter = 0; iter < MAX_NEWTON_STEPS && !converged; iter++) {
      steps++;
      double[] g = new double[p];
      double[][] h = new double[p][p];
      derivatives(onLogScale, phi, value, g, h);
      double[] step = newtonStep(g, h);
      double scale = 1;
      boolean improved = false;
      for (int halving = 0; halving < 40; halving++) {
        double[] next = new double[p];
        for (int k = 0; k < p; k++) {
          next[k] = phi[k] + scale * step[k];
        }
        double v = onLogScale.applyAsDouble(next);
        if (v >= value) {
          improved = v > value;
          double change = v - value;
          phi = next;
          value = v;
          converged = change <= 1e-12 * (1 + Math.abs(value)) && maxAbs(g) < 1e-4;
          break;
        }
        scale /= 2;
      }
      if (!improved && maxAbs(g) < GRADIENT_TOLERANCE) {
        converged = true;
      }
      if (!improved) {
        break;
      }
    }
    double[] g = new double[p];
    double[][] h = new double[p][p];
    derivatives(onLogScale, phi, value, g, h);
    double[] theta = new double[p];
    double[] se = new double[p];
    double ridge = 0;
    for (int k = 0; k < p; k++) {
      theta[k] = Math.exp(phi[k]);
      ridge += penalty[k] * phi[k] * phi[k];
    }
    try {
      RealMatrix negH = new Array2DRowRealMatrix(h).scalarMultiply(-1);
      RealMatrix cov = new CholeskyDecomposition(negH, 1e-12, 1e-14).getSolver().getInverse();
      for (int k = 0; k < p; k++) {
        se[k] = theta[k] * Math.sqrt(cov.getEntry(k, k));
      }
    } catch (RuntimeException notNegativeDefinite) {
      java.util.Arrays.fill(se, Double.NaN);
    }
    double gradient = maxAbs(g);
    return new Result(
        theta,
        se,
        value + ridge,
        Double.isFinite(value) && (converged || gradient < GRADIENT_TOLERANCE),
        evaluations[0],
        gradient,
        steps);
  }

  /** Central differences: the gradient and Hessian of f at x (f(x) given). */
  private static void derivatives(
      ToDoubleFunction<double[]> f, double[] x, double fx, double[] g, double[][] h) {
    int p = x.length;
    double[] plus = new double[p];
    double[] minus = new double[p];
    for (int i = 0; i < p; i++) {
      double[] xp = x.clone();
      double[] xm = x.clone();
      xp[i] += STEP;
      xm[i] -= STEP;
      plus[i] = f.applyAsDouble(xp);
      minus[i] = f.applyAsDouble(xm);
      g[i] = (plus[i] - minus[i]) / (2 * STEP);
      h[i][i] = (plus[i] - 2 * fx + minus[i]) / (STEP * STEP);
    }
    for (int i = 0; i < p; i++) {
      for (int j = i + 1; j < p; j++) {
        double[] pp = x.clone();
        double[] pm = x.clone();
        double[] mp = x.clone();
        double[] mm = x.clone();
        pp[i] += STEP;
        pp[j] += STEP;
        pm[i] += STEP;
        pm[j] -= STEP;
        mp[i] -= STEP;
        mp[j] += STEP;
        mm[i] -= STEP;
        mm[j] -= STEP;
        h[i][j] =
            (f.applyAsDouble(pp) - f.applyAsDouble(pm) - f.applyAsDouble(mp) + f.applyAsDouble(mm))
                / (4 * STEP * STEP);
        h[j][i] = h[i][j];
      }
    }
  }

  /** −H⁻¹g when −H is positive definite, else a plain gradient step. */
  private static double[] newtonStep(double[] g, double[][] h) {
    try {
      RealMatrix negH = new Array2DRowRealMatrix(h).scalarMultiply(-1);
      return new CholeskyDecomposition(negH, 1e-12, 1e-14)
          .getSolver()
          .solve(new ArrayRealVector(g))
          .toArray();
    } catch (RuntimeException notNegativeDefinite) {
      double[] step = g.clone();
      double norm = Math.max(1e-12, maxAbs(g));
      for (int k = 0; k < step.length; k++) {
        step[k] = 0.1 * step[k] / norm;
      }
      return step;
    }
  }

  private static double maxAbs(double[] v) {
    double m = 0;
    for (double x : v) {
      m = Math.max(m, Math.abs(x));
    }
    return m;
  }
}
