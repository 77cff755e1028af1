package rapport.generate.purchase;

import java.util.List;
import java.util.SplittableRandom;

/**
 * The random draws the world needs, on a {@link SplittableRandom} so that every customer and every
 * calendar has its own reproducible stream: the same (seed, stream, index) always gives the same
 * draws, whatever was generated before.
 */
public final class Rng {
  private final SplittableRandom random;

  private Rng(long seed) {
    this.random = new SplittableRandom(seed);
  }

  /** The stream for one (seed, purpose, index) triple; purposes keep streams apart. */
  public static Rng of(long seed, String purpose, long index) {
    long h = mix(seed ^ 0x9E3779B97F4A7C15L);
    for (int i = 0; i < purpose.length(); i++) {
      h = mix(h ^ purpose.charAt(i));
    }
    return new Rng(mix(h ^ mix(index + 0x632BE59BD9B4E019L)));
  }

  /** SplitMix64's finaliser: a bijective scramble, so nearby indices give unrelated seeds. */
  static long mix(long z) {
    z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
    z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
    return z ^ (z >>> 31);
  }

  public double uniform() {
    return random.nextDouble();
  }

  public double uniform(double lo, double hi) {
    return lo + (hi - lo) * random.nextDouble();
  }

  public int nextInt(int bound) {
    return random.nextInt(bound);
  }

  public int between(int lo, int hiInclusive) {
    return lo + random.nextInt(hiInclusive - lo + 1);
  }

  public long nextLong(long bound) {
    return random.nextLong(bound);
  }

  public boolean chance(double p) {
    return random.nextDouble() < p;
  }

  public <T> T pick(T[] values) {
    return values[random.nextInt(values.length)];
  }

  public <T> T pick(List<T> values) {
    return values.get(random.nextInt(values.size()));
  }

  public double normal() {
    // Box–Muller; one value per call keeps the stream position independent of caching.
    double u1 = 1.0 - random.nextDouble();
    double u2 = random.nextDouble();
    return Math.sqrt(-2.0 * Math.log(u1)) * Math.cos(2.0 * Math.PI * u2);
  }

  /** Exponential waiting time with the given rate (events per unit). */
  public double exponential(double rate) {
    return -Math.log(1.0 - random.nextDouble()) / rate;
  }

  /** Gamma(shape, scale) by Marsaglia and Tsang (2000); shape below 1 by the boost U^(1/shape). */
  public double gamma(double shape, double scale) {
    if (shape < 1.0) {
      double u = 1.0 - random.nextDouble();
      return gamma(shape + 1.0, scale) * Math.pow(u, 1.0 / shape);
    }
    double d = shape - 1.0 / 3.0;
    double c = 1.0 / Math.sqrt(9.0 * d);
    while (true) {
      double x = normal();
      double v = 1.0 + c * x;
      if (v <= 0) {
        continue;
      }
      v = v * v * v;
      double u = 1.0 - random.nextDouble();
      if (Math.log(u) < 0.5 * x * x + d - d * v + d * Math.log(v)) {
        return d * v * scale;
      }
    }
  }

  /** Beta(a, b) as a ratio of Gamma draws. */
  public double beta(double a, double b) {
    double x = gamma(a, 1.0);
    double y = gamma(b, 1.0);
    return x / (x + y);
  }

  /** Poisson count by inversion (the means used here are small). */
  public int poisson(double mean) {
    if (mean > 50) {
      return Math.max(0, (int) Math.round(mean + Math.sqrt(mean) * normal()));
    }
    double l = Math.exp(-mean);
    int k = 0;
    double p = random.nextDouble();
    while (p > l) {
      k++;
      p *= random.nextDouble();
    }
    return k;
  }
}
