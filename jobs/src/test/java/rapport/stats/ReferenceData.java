package rapport.stats;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import rapport.cli.StatsInput;
import rapport.testing.TestSpark;

/** The shared reference datasets (../shared/datasets, see SOURCES.md there) and test resources. */
final class ReferenceData {
  private ReferenceData() {}

  /** A shared dataset; the calling test is skipped, saying so, when the file is absent. */
  static Path shared(String relative) {
    Path p = TestSpark.sharedDatasets().resolve(relative);
    assumeTrue(
        Files.isRegularFile(p),
        "reference dataset "
            + relative
            + " not found under "
            + TestSpark.sharedDatasets()
            + " (see ../shared/datasets/SOURCES.md); test skipped");
    return p;
  }

  /** A file under src/test/resources/reference. */
  static Path resource(String name) {
    return TestSpark.projectRoot().resolve("jobs/src/test/resources/reference").resolve(name);
  }

  /** A numeric column of a CSV with a header; missing cells are NaN. */
  static double[] column(StatsInput in, String name) {
    int c = in.column(name, "test");
    List<String[]> rows = in.rows();
    double[] out = new double[rows.size()];
    for (int i = 0; i < out.length; i++) {
      out[i] = StatsInput.number(rows.get(i), c);
    }
    return out;
  }

  static StatsInput csv(Path p) {
    return StatsInput.read(p, StatsInput.Delimiter.AUTO, true);
  }

  static boolean[] equalTo(double[] values, double v) {
    boolean[] b = new boolean[values.length];
    for (int i = 0; i < b.length; i++) {
      b[i] = values[i] == v;
    }
    return b;
  }
}
