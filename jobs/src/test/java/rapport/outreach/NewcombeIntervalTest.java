package rapport.outreach;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import rapport.stats.NewcombeInterval;
import rapport.testing.TestSpark;

/**
 * The holdout readout's interval against R (reference/newcombe_reference.R, built on prop.test's
 * Wilson limits) and Newcombe's (1998) published Table II. Tolerance 1e-9 against R (both compute
 * the same closed form in double precision); 1e-4 against the paper's four printed decimals.
 */
class NewcombeIntervalTest {
  @Test
  void matchesRAndThePublishedExamples() throws IOException {
    Path ref =
        TestSpark.projectRoot().resolve("jobs/src/test/resources/reference/newcombe_reference.txt");
    List<String> lines = Files.readAllLines(ref);
    assertEquals(8, lines.size());
    for (String line : lines.subList(1, lines.size())) {
      String[] f = line.trim().split("\\s+");
      NewcombeInterval n =
          NewcombeInterval.of(
              Double.parseDouble(f[0]),
              Double.parseDouble(f[1]),
              Double.parseDouble(f[2]),
              Double.parseDouble(f[3]));
      assertEquals(Double.parseDouble(f[4]), n.difference(), 1e-9, line);
      assertEquals(Double.parseDouble(f[5]), n.lower(), 1e-9, line);
      assertEquals(Double.parseDouble(f[6]), n.upper(), 1e-9, line);
    }
    NewcombeInterval a = NewcombeInterval.of(56, 70, 48, 80);
    assertEquals(0.0524, a.lower(), 1e-4);
    assertEquals(0.3339, a.upper(), 1e-4);
  }
}
