package rapport.touches;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class MinHashTest {
  static final MinHash.Banding BANDING = MinHash.Banding.forThreshold(0.8);

  static List<String> words(String s) {
    return Arrays.asList(s.split(" "));
  }

  static boolean shareBand(String a, String b) {
    long[] x = MinHash.bandKeys(words(a), BANDING);
    long[] y = MinHash.bandKeys(words(b), BANDING);
    for (int i = 0; i < x.length; i++) {
      if (x[i] == y[i]) {
        return true;
      }
    }
    return false;
  }

  @Test
  void bandingTurnsNearTheRequestedSimilarity() {
    assertEquals(0.8, BANDING.threshold(), 0.03);
    assertTrue(BANDING.hashes() <= 40);
    assertEquals(0.6, MinHash.Banding.forThreshold(0.6).threshold(), 0.03);
  }

  @Test
  void hashesAreFixedAcrossRunsAndMachines() {
    // FNV-1a of "" is the offset basis; these values pin the hash so template ids never drift.
    assertEquals(MinHash.mix(0xcbf29ce484222325L), MinHash.hash(""));
    assertEquals(MinHash.hash("a b c"), MinHash.fingerprint(words("a b c")));
    assertArrayEquals(
        MinHash.bandKeys(words("the quick brown fox jumps"), BANDING),
        MinHash.bandKeys(words("the quick brown fox jumps"), BANDING));
  }

  @Test
  void nearDuplicatesMeetInABandAndDifferentTextsDoNot() {
    String template =
        "dear <name> the season is changing book your tyre change for your golf now and get the"
            + " wheel storage for free appointments at lindner online or by phone your service team";
    String variant = template.replace("golf", "tiguan");
    assertTrue(shareBand(template, variant));
    String other =
        "called <name> the kitchen renovation is finally done he sounded relieved no action"
            + " needed will call again after the holidays";
    assertFalse(shareBand(template, other));
  }

  @Test
  void aShortTextIsOneShingle() {
    assertArrayEquals(
        MinHash.bandKeys(words("get well soon"), BANDING),
        MinHash.bandKeys(words("get well soon"), BANDING));
    assertFalse(shareBand("get well soon", "safe trip home"));
  }
}
