package rapport.stats;

import java.util.Arrays;

/** Primitive sort orders for arrays of millions of rows (no boxing). */
final class Sorting {
  private Sorting() {}

  /**
   * The row indices ordered by descending key (ties in ascending index order): each key is replaced
   * by its rank among the distinct keys and packed with its index into one long, so that one
   * primitive sort does the work.
   */
  static int[] orderDescending(double[] keys) {
    int n = keys.length;
    double[] distinct = normalised(keys);
    Arrays.sort(distinct);
    int m = 0;
    for (int i = 0; i < n; i++) {
      if (m == 0 || Double.compare(distinct[i], distinct[m - 1]) != 0) {
        distinct[m++] = distinct[i];
      }
    }
    long[] packed = new long[n];
    for (int i = 0; i < n; i++) {
      int rank = Arrays.binarySearch(distinct, 0, m, keys[i] + 0.0);
      packed[i] = ((long) (m - 1 - rank) << 32) | i;
    }
    Arrays.sort(packed);
    int[] order = new int[n];
    for (int i = 0; i < n; i++) {
      order[i] = (int) packed[i];
    }
    return order;
  }

  /** The row indices ordered by ascending key, ties in ascending index order (a stable order). */
  static int[] orderAscending(double[] keys) {
    int[] m = new int[1];
    int[] ranks = denseRanks(keys, m);
    long[] packed = new long[keys.length];
    for (int i = 0; i < keys.length; i++) {
      packed[i] = ((long) ranks[i] << 32) | i;
    }
    Arrays.sort(packed);
    int[] order = new int[keys.length];
    for (int i = 0; i < keys.length; i++) {
      order[i] = (int) packed[i];
    }
    return order;
  }

  /** The dense rank (0-based) of each key among the distinct keys, and the number of ranks. */
  static int[] denseRanks(double[] keys, int[] countOut) {
    double[] distinct = normalised(keys);
    Arrays.sort(distinct);
    int m = 0;
    for (int i = 0; i < distinct.length; i++) {
      if (m == 0 || Double.compare(distinct[i], distinct[m - 1]) != 0) {
        distinct[m++] = distinct[i];
      }
    }
    int[] ranks = new int[keys.length];
    for (int i = 0; i < keys.length; i++) {
      ranks[i] = Arrays.binarySearch(distinct, 0, m, keys[i] + 0.0);
    }
    countOut[0] = m;
    return ranks;
  }

  /** A copy with −0.0 turned into 0.0, so that ranks agree with {@code ==}. */
  private static double[] normalised(double[] keys) {
    double[] copy = new double[keys.length];
    for (int i = 0; i < keys.length; i++) {
      copy[i] = keys[i] + 0.0;
    }
    return copy;
  }
}
