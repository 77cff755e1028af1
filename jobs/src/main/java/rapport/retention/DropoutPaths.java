package rapport.retention;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import org.apache.commons.math3.optim.InitialGuess;
import org.apache.commons.math3.optim.MaxEval;
import org.apache.commons.math3.optim.PointValuePair;
import org.apache.commons.math3.optim.nonlinear.scalar.GoalType;
import org.apache.commons.math3.optim.nonlinear.scalar.ObjectiveFunction;
import org.apache.commons.math3.optim.nonlinear.scalar.noderiv.NelderMeadSimplex;
import org.apache.commons.math3.optim.nonlinear.scalar.noderiv.SimplexOptimizer;
import org.apache.commons.math3.special.Gamma;
import org.apache.spark.sql.Row;
import rapport.schema.Columns;
import rapport.stats.ContinuousDropout;

/**
 * The inputs of the continuous-time dropout model ({@link ContinuousDropout}), built on the driver
 * from the rows of {@link DropoutOccasions#histories} (day resolution; no Spark job of its own).
 *
 * <p>Per customer, in {@code unitDays} from her first purchase day: x repeat purchase days, t_x the
 * last, T the as-of day. Two touch covariates, each the count in the trailing 90 days ({@link
 * Covariates#TOUCH_WINDOW_DAYS}; a touch of day a counts on (a, a + 90]): {@link
 * DropoutOccasions#PERSONAL} and {@link DropoutOccasions#OUTREACH}; and the first order's channel
 * indicators of {@link DropoutOccasions} (the same levels), fixed.
 *
 * <ul>
 *   <li><em>Known alive</em>, from the first purchase to t_x: the touches up to the end of the last
 *       purchase day are read as observed, personal touches on an order day included;
 *   <li><em>after t_x</em> the observed touches are not used (they depend on whether she left).
 *       Each of R draws continues her path from the end of the last purchase day to T. Personal
 *       touches not on an order day: a Poisson process at her own alive rate, drawn from its
 *       Gamma–Poisson empirical-Bayes posterior, the prior fitted per first-order channel over the
 *       known-alive spans (first to last purchase day, inclusive). Personal touches on an order day
 *       ride on an order: the tail has none. Outreach replays the calendar: the tail in blocks of
 *       {@link #BLOCK_DAYS} days, each block's outreach days copied from a donor of her first-order
 *       channel known alive over the whole block (a regular send keeps its regularity); a block
 *       without a donor is drawn as a Poisson process at her own rate, as personal touches are.
 * </ul>
 *
 * Draws are deterministic and independent of sample order and partitioning: each customer's come
 * from a {@link SplittableRandom} seeded by a stable hash of her customer_id and the draw's index
 * (and the block's, for the donor), the donors ordered by first purchase day and customer_id.
 */
final class DropoutPaths {
  private DropoutPaths() {}

  /** The tail draws per customer. */
  static final int DRAWS = 6;

  /**
   * The model's inputs.
   *
   * @param varying the time-varying terms (touch counts) kept, in the order of the pieces' z
   * @param fixed the channel indicators
   * @param replayedBlocks the outreach tail blocks copied from a donor, over all draws
   * @param fallbackBlocks the outreach tail blocks without a donor, drawn as a Poisson process
   */
  record Prepared(
      List<String> varying,
      List<String> fixed,
      List<ContinuousDropout.Customer> customers,
      List<String> notes,
      long replayedBlocks,
      long fallbackBlocks) {}

  private record History(
      String id, long[] orders, long[] personal, long[] solo, long[] outreach, String channel) {}

  static Prepared prepare(List<Row> rows, long asOfDay, double unitDays, int draws) {
    List<String> notes = new ArrayList<>();
    Map<String, Integer> byChannel = new HashMap<>();
    List<History> hs = new ArrayList<>();
    for (Row r : rows) {
      String channel = DropoutOccasions.channelOf(r);
      byChannel.merge(channel, 1, Integer::sum);
      long[] orders = DropoutOccasions.days(r, DropoutOccasions.ORDER_DAYS);
      long[] personal = DropoutOccasions.days(r, DropoutOccasions.PERSONAL_DAYS);
      Set<Long> orderDays = new HashSet<>();
      for (long d : orders) {
        orderDays.add(d);
      }
      long[] solo = Arrays.stream(personal).filter(d -> !orderDays.contains(d)).toArray();
      hs.add(
          new History(
              r.getString(r.fieldIndex(Columns.CUSTOMER_ID)),
              orders,
              personal,
              solo,
              DropoutOccasions.days(r, DropoutOccasions.OUTREACH_DAYS),
              channel));
    }
    List<String> levels = DropoutOccasions.levels(byChannel, rows.size(), new ArrayList<>());
    // the groups of the empirical-Bayes priors: the indicators' levels, the rest pooled
    int[] group = new int[hs.size()];
    for (int i = 0; i < group.length; i++) {
      group[i] = levels.indexOf(hs.get(i).channel()) + 1;
    }
    double[][] soloPosterior = posteriors(hs, group, levels.size() + 1, History::solo);
    double[][] outreachPosterior = posteriors(hs, group, levels.size() + 1, History::outreach);
    double window = Covariates.TOUCH_WINDOW_DAYS / unitDays;
    Donors donors = new Donors(hs);
    long[] blocks = new long[2];
    List<ContinuousDropout.Customer> customers = new ArrayList<>();
    boolean[] varies = new boolean[2];
    for (int i = 0; i < hs.size(); i++) {
      History h = hs.get(i);
      long first = h.orders()[0];
      long last = h.orders()[h.orders().length - 1];
      double tx = (last - first) / unitDays;
      double age = (asOfDay - first) / unitDays;
      double[] personal = upTo(h.personal(), last, first, unitDays);
      double[] outreach = upTo(h.outreach(), last, first, unitDays);
      List<ContinuousDropout.Piece> known =
          ContinuousDropout.windowCounts(new double[][] {personal, outreach}, 0, tx, window);
      List<List<ContinuousDropout.Piece>> tails = new ArrayList<>();
      long seed = stableHash(h.id());
      double tailFrom = (last + 1 - first) / unitDays;
      for (int q = 0; q < draws; q++) {
        SplittableRandom rng = new SplittableRandom(seed ^ (0x9E3779B97F4A7C15L * (q + 1)));
        double[] p = extend(personal, rng, soloPosterior[i], tailFrom, age, unitDays);
        double[] o =
            replay(outreach, donors, h, q, rng, outreachPosterior[i], asOfDay, unitDays, blocks);
        tails.add(ContinuousDropout.windowCounts(new double[][] {p, o}, tx, age, window));
      }
      for (List<ContinuousDropout.Piece> pieces : concat(known, tails)) {
        for (ContinuousDropout.Piece pc : pieces) {
          varies[0] |= pc.z()[0] != 0;
          varies[1] |= pc.z()[1] != 0;
        }
      }
      double[] w = new double[levels.size()];
      for (int l = 0; l < w.length; l++) {
        w[l] = levels.get(l).equals(h.channel()) ? 1 : 0;
      }
      customers.add(
          new ContinuousDropout.Customer(h.orders().length - 1, tx, age, w, known, tails));
    }
    List<String> varying = new ArrayList<>();
    List<String> constant = new ArrayList<>();
    String[] names = {DropoutOccasions.PERSONAL, DropoutOccasions.OUTREACH};
    for (int k = 0; k < 2; k++) {
      (varies[k] ? varying : constant).add(names[k]);
    }
    if (!constant.isEmpty()) {
      notes.add(
          "left out before fitting: "
              + String.join(", ", constant)
              + " (no such touch while any customer was known to be alive)");
      int[] keep = varies[0] ? new int[] {0} : varies[1] ? new int[] {1} : new int[0];
      List<ContinuousDropout.Customer> kept = new ArrayList<>();
      for (ContinuousDropout.Customer c : customers) {
        kept.add(
            new ContinuousDropout.Customer(
                c.repeats(),
                c.recency(),
                c.age(),
                c.fixed(),
                select(c.known(), keep),
                c.tails().stream().map(t -> select(t, keep)).toList()));
      }
      customers = kept;
    }
    List<String> fixed = new ArrayList<>();
    for (String level : levels) {
      fixed.add(DropoutOccasions.FIRST_CHANNEL + level);
    }
    return new Prepared(
        List.copyOf(varying), List.copyOf(fixed), customers, notes, blocks[0], blocks[1]);
  }

  private static List<List<ContinuousDropout.Piece>> concat(
      List<ContinuousDropout.Piece> known, List<List<ContinuousDropout.Piece>> tails) {
    List<List<ContinuousDropout.Piece>> all = new ArrayList<>(tails);
    all.add(known);
    return all;
  }

  private static List<ContinuousDropout.Piece> select(
      List<ContinuousDropout.Piece> pieces, int[] keep) {
    List<ContinuousDropout.Piece> out = new ArrayList<>(pieces.size());
    for (ContinuousDropout.Piece p : pieces) {
      double[] z = new double[keep.length];
      for (int k = 0; k < keep.length; k++) {
        z[k] = p.z()[keep[k]];
      }
      out.add(new ContinuousDropout.Piece(p.start(), p.end(), z));
    }
    return out;
  }

  /** The days up to {@code last}, as times from {@code first} in units. */
  private static double[] upTo(long[] days, long last, long first, double unitDays) {
    return Arrays.stream(days)
        .filter(d -> d <= last)
        .mapToDouble(d -> (d - first) / unitDays)
        .toArray();
  }

  /**
   * The path continued from {@code from} to {@code to} (units): a rate drawn from the posterior
   * Gamma(shape, rate per day), then a Poisson process at it.
   */
  private static double[] extend(
      double[] seen,
      SplittableRandom rng,
      double[] posterior,
      double from,
      double to,
      double unitDays) {
    if (!(posterior[0] > 0) || !(from < to)) {
      return seen;
    }
    double perDay = ContinuousDropout.gammaDraw(rng, posterior[0]) / posterior[1];
    double rate = perDay * unitDays;
    List<Double> extra = new ArrayList<>();
    double t = from;
    while (rate > 0) {
      t += -Math.log(1 - rng.nextDouble()) / rate;
      if (t >= to) {
        break;
      }
      extra.add(t);
    }
    double[] out = Arrays.copyOf(seen, seen.length + extra.size());
    for (int j = 0; j < extra.size(); j++) {
      out[seen.length + j] = extra.get(j);
    }
    Arrays.sort(out);
    return out;
  }

  /** The length of the outreach tail's blocks, each copied from one donor. */
  static final int BLOCK_DAYS = 28;

  /**
   * The outreach path continued after the last purchase day to T by replaying the calendar: the
   * tail cut into blocks of {@link #BLOCK_DAYS} days (the last one shorter), each block's outreach
   * days copied from a donor of her first-order channel known alive over the whole block, picked
   * from a stable hash of her customer_id, the draw and the block. A block without a donor is drawn
   * as a Poisson process at a rate drawn from her posterior (one rate per draw). {@code blocks}
   * counts the replayed [0] and the drawn [1] blocks.
   */
  private static double[] replay(
      double[] seen,
      Donors donors,
      History h,
      int draw,
      SplittableRandom rng,
      double[] posterior,
      long asOfDay,
      double unitDays,
      long[] blocks) {
    long first = h.orders()[0];
    long from = h.orders()[h.orders().length - 1] + 1;
    List<Double> extra = new ArrayList<>();
    double perDay = Double.NaN;
    long seed = stableHash(h.id()) ^ (0xC2B2AE3D27D4EB4FL * (draw + 1));
    for (int b = 0; from + (long) b * BLOCK_DAYS < asOfDay; b++) {
      long bs = from + (long) b * BLOCK_DAYS;
      long be = Math.min(bs + BLOCK_DAYS - 1, asOfDay - 1);
      History donor =
          donors.pick(h.channel(), bs, be, new SplittableRandom(seed + 0x9E3779B97F4A7C15L * b));
      if (donor != null) {
        blocks[0]++;
        for (long d : donor.outreach()) {
          if (d >= bs && d <= be) {
            extra.add((d - first) / unitDays);
          }
        }
        continue;
      }
      blocks[1]++;
      if (!(posterior[0] > 0)) {
        continue;
      }
      if (Double.isNaN(perDay)) {
        perDay = ContinuousDropout.gammaDraw(rng, posterior[0]) / posterior[1];
      }
      double t = bs;
      while (perDay > 0) {
        t += -Math.log(1 - rng.nextDouble()) / perDay;
        if (t >= be + 1) {
          break;
        }
        extra.add((t - first) / unitDays);
      }
    }
    double[] out = Arrays.copyOf(seen, seen.length + extra.size());
    for (int j = 0; j < extra.size(); j++) {
      out[seen.length + j] = extra.get(j);
    }
    Arrays.sort(out);
    return out;
  }

  /**
   * The customers of each first-order channel, ordered by first purchase day then customer_id (an
   * order that does not depend on the rows'), to pick a donor known alive over a block: first
   * purchase on or before its first day, last purchase on or after its last day.
   */
  private static final class Donors {
    private final Map<String, List<History>> byChannel = new HashMap<>();
    private final Map<String, long[]> firsts = new HashMap<>();
    private final Map<String, List<History>> scanned = new HashMap<>();

    Donors(List<History> hs) {
      for (History h : hs) {
        byChannel.computeIfAbsent(h.channel(), k -> new ArrayList<>()).add(h);
      }
      byChannel
          .values()
          .forEach(
              l ->
                  l.sort(
                      java.util.Comparator.comparingLong((History h) -> h.orders()[0])
                          .thenComparing(History::id)));
      byChannel.forEach(
          (c, l) -> firsts.put(c, l.stream().mapToLong(h -> h.orders()[0]).toArray()));
    }

    /** A donor uniform among the eligible ones, or null when there is none. */
    History pick(String channel, long bs, long be, SplittableRandom rng) {
      List<History> members = byChannel.get(channel);
      long[] f = firsts.get(channel);
      int upTo = upperBound(f, bs);
      if (upTo == 0) {
        return null;
      }
      // rejection sampling among those who had bought by the block's start; where eligible donors
      // are rare, the eligible ones listed once per block and picked from
      for (int k = 0; k < 64; k++) {
        History c = members.get(rng.nextInt(upTo));
        if (c.orders()[c.orders().length - 1] >= be) {
          return c;
        }
      }
      List<History> eligible =
          scanned.computeIfAbsent(
              channel + "|" + bs + "|" + be,
              key ->
                  members.subList(0, upTo).stream()
                      .filter(c -> c.orders()[c.orders().length - 1] >= be)
                      .toList());
      return eligible.isEmpty() ? null : eligible.get(rng.nextInt(eligible.size()));
    }

    private static int upperBound(long[] sorted, long v) {
      int lo = 0;
      int hi = sorted.length;
      while (lo < hi) {
        int mid = (lo + hi) >>> 1;
        if (sorted[mid] <= v) {
          lo = mid + 1;
        } else {
          hi = mid;
        }
      }
      return lo;
    }
  }

  /**
   * Per customer the Gamma posterior (shape, rate per day) of her alive rate of a kind of touch:
   * the prior Gamma(a, b) fitted per group by maximising the negative-binomial marginal of the
   * counts on the known-alive spans (first to last purchase day inclusive); shape 0 where the group
   * has no such touch.
   */
  private static double[][] posteriors(
      List<History> hs,
      int[] group,
      int groups,
      java.util.function.Function<History, long[]> kind) {
    int n = hs.size();
    double[] count = new double[n];
    double[] exposure = new double[n];
    for (int i = 0; i < n; i++) {
      History h = hs.get(i);
      long first = h.orders()[0];
      long last = h.orders()[h.orders().length - 1];
      count[i] = Arrays.stream(kind.apply(h)).filter(d -> d >= first && d <= last).count();
      exposure[i] = last - first + 1;
    }
    double[][] out = new double[n][2];
    for (int g = 0; g < groups; g++) {
      List<Integer> members = new ArrayList<>();
      double total = 0;
      double days = 0;
      for (int i = 0; i < n; i++) {
        if (group[i] == g) {
          members.add(i);
          total += count[i];
          days += exposure[i];
        }
      }
      if (members.isEmpty() || total == 0) {
        continue;
      }
      double[] prior = prior(members, count, exposure, total / days);
      for (int i : members) {
        out[i][0] = prior[0] + count[i];
        out[i][1] = prior[1] + exposure[i];
      }
    }
    return out;
  }

  private static double[] prior(List<Integer> members, double[] n, double[] e, double mean) {
    ObjectiveFunction marginal =
        new ObjectiveFunction(
            p -> {
              double a = Math.exp(p[0]);
              double b = Math.exp(p[1]);
              double lgA = Gamma.logGamma(a);
              double s = 0;
              for (int i : members) {
                s +=
                    Gamma.logGamma(a + n[i])
                        - lgA
                        + a * Math.log(b)
                        - (a + n[i]) * Math.log(b + e[i]);
              }
              return Double.isFinite(s) ? s : -1e300;
            });
    PointValuePair best =
        new SimplexOptimizer(1e-10, 1e-10)
            .optimize(
                new MaxEval(5_000),
                marginal,
                GoalType.MAXIMIZE,
                new InitialGuess(new double[] {0, Math.log(1 / mean)}),
                new NelderMeadSimplex(2, 0.5));
    return new double[] {Math.exp(best.getPoint()[0]), Math.exp(best.getPoint()[1])};
  }

  /** FNV-1a over the UTF-8 bytes of the id: the same on every machine and in every run. */
  static long stableHash(String id) {
    long h = 0xcbf29ce484222325L;
    for (byte b : id.getBytes(StandardCharsets.UTF_8)) {
      h ^= b & 0xff;
      h *= 0x100000001b3L;
    }
    return h;
  }
}
