package rapport.touches;

import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * MinHash signatures of word shingles with locality-sensitive banding (Broder 1997; Leskovec,
 * Rajaraman and Ullman, <i>Mining of Massive Datasets</i>, ch. 3.4). Two texts whose shingle sets
 * have Jaccard similarity s share at least one band key with probability 1 - (1 - s^r)^b, an
 * S-curve that turns at about (1/b)^(1/r); only texts sharing a band key are ever compared, so no
 * all-pairs join is needed. The hash functions are fixed (seeded SplitMix64 over FNV-1a), so
 * signatures and template ids are the same on every machine and every run.
 */
public final class MinHash {
  private MinHash() {}

  /** Words per shingle. */
  public static final int SHINGLE = 3;

  /** b bands of r rows each. */
  public record Banding(int bands, int rows) implements java.io.Serializable {
    public int hashes() {
      return bands * rows;
    }

    /** The similarity at which the S-curve turns: (1/b)^(1/r). */
    public double threshold() {
      return Math.pow(1.0 / bands, 1.0 / rows);
    }

    /** The banding of at most 40 hashes whose turning point is closest to {@code similarity}. */
    public static Banding forThreshold(double similarity) {
      Banding best = null;
      for (int r = 2; r <= 10; r++) {
        for (int b = 2; b * r <= 40; b++) {
          Banding c = new Banding(b, r);
          if (best == null
              || Math.abs(c.threshold() - similarity)
                  < Math.abs(best.threshold() - similarity) - 1e-9) {
            best = c;
          }
        }
      }
      return best;
    }
  }

  /** FNV-1a over UTF-8 bytes, finished with the SplitMix64 mixer: a stable 64-bit string hash. */
  public static long hash(String s) {
    long h = 0xcbf29ce484222325L;
    for (byte b : s.getBytes(StandardCharsets.UTF_8)) {
      h ^= (b & 0xff);
      h *= 0x100000001b3L;
    }
    return mix(h);
  }

  /** The SplitMix64 finaliser (Steele, Lea and Flood 2014). */
  public static long mix(long z) {
    z = (z ^ (z >>> 30)) * 0xbf58476d1ce4e5b9L;
    z = (z ^ (z >>> 27)) * 0x94d049bb133111ebL;
    return z ^ (z >>> 31);
  }

  /** A hash of the whole token sequence: equal for texts identical after masking. */
  public static long fingerprint(List<String> tokens) {
    return hash(String.join(" ", tokens));
  }

  /**
   * The band keys of a token sequence: one per band, each a hash of the band's index and its r
   * minima. Shingles are runs of {@link #SHINGLE} words; a shorter text is one shingle.
   */
  public static long[] bandKeys(List<String> tokens, Banding banding) {
    int k = banding.hashes();
    long[] min = new long[k];
    java.util.Arrays.fill(min, Long.MAX_VALUE);
    int n = Math.max(1, tokens.size() - SHINGLE + 1);
    for (int i = 0; i < n; i++) {
      long x = hash(String.join(" ", tokens.subList(i, Math.min(tokens.size(), i + SHINGLE))));
      for (int j = 0; j < k; j++) {
        long h = mix(x ^ SEEDS[j]);
        if (h < min[j]) {
          min[j] = h;
        }
      }
    }
    long[] keys = new long[banding.bands()];
    for (int b = 0; b < keys.length; b++) {
      long h = mix(0x9e3779b97f4a7c15L * (b + 1));
      for (int r = 0; r < banding.rows(); r++) {
        h = mix(h ^ min[b * banding.rows() + r]);
      }
      keys[b] = h;
    }
    return keys;
  }

  private static final long[] SEEDS = seeds(40);

  private static long[] seeds(int n) {
    long[] s = new long[n];
    long state = 0x5eed_7a11_c1a5_5e5dL;
    for (int i = 0; i < n; i++) {
      state += 0x9e3779b97f4a7c15L;
      s[i] = mix(state);
    }
    return s;
  }
}
