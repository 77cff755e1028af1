package rapport.generate.purchase;

import java.util.Arrays;

/**
 * Draws the dropout time of one customer from a continuous-time hazard that changes with the
 * touches of the trailing window: piecewise constant between the moments a touch enters or leaves
 * the window, so the time is exact (the cumulative hazard is integrated segment by segment and
 * inverted at an Exp(1) draw), not a daily approximation.
 */
public final class DropoutClock {
  private static final double DAY = 86_400.0;

  private DropoutClock() {}

  /**
   * @param start the epoch second the customer becomes at risk
   * @param end the last epoch second simulated
   * @param baselinePerDay h0
   * @param personal epoch seconds of personal touches (the path while alive)
   * @param automated epoch seconds of automated touches
   * @return the epoch second of dropout, or {@link Long#MAX_VALUE} if none before {@code end}
   */
  public static long dropout(
      long start,
      long end,
      double baselinePerDay,
      long[] personal,
      long[] automated,
      Effects effects,
      Rng rng) {
    double target = rng.exponential(1.0);
    long window = effects.windowDays() * 86_400L;
    // Change points: +1 when a touch happens, −1 when it leaves the window. Encoded as
    // (time << 2 | kind) so one sort orders them; kind 0/1 personal out/in, 2/3 automated out/in.
    long[] points = new long[2 * (personal.length + automated.length)];
    int n = 0;
    for (long t : personal) {
      points[n++] = (t << 2) | 1;
      points[n++] = ((t + window) << 2);
    }
    for (long t : automated) {
      points[n++] = (t << 2) | 3;
      points[n++] = ((t + window) << 2) | 2;
    }
    Arrays.sort(points, 0, n);
    int p = 0;
    int a = 0;
    long cur = start;
    double cumulative = 0;
    int i = 0;
    while (cur < end) {
      long next = end;
      while (i < n && (points[i] >> 2) <= cur) {
        int kind = (int) (points[i] & 3);
        int delta = (kind & 1) == 1 ? 1 : -1;
        if (kind < 2) {
          p += delta;
        } else {
          a += delta;
        }
        i++;
      }
      if (i < n) {
        next = Math.min(end, points[i] >> 2);
      }
      double rate = baselinePerDay * effects.multiplier(p, a);
      double segment = rate * (next - cur) / DAY;
      if (cumulative + segment >= target) {
        return cur + (long) Math.ceil((target - cumulative) / rate * DAY);
      }
      cumulative += segment;
      cur = next;
    }
    return Long.MAX_VALUE;
  }
}
