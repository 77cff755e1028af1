package rapport.generate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import rapport.cli.Main;

class GenerateCommandTest {
  @TempDir Path dir;

  @Test
  void writesAWorld() {
    Path out = dir.resolve("w");
    int code =
        Main.execute(
            "generate",
            "--customers",
            "150",
            "--seed",
            "3",
            "--as-of",
            "2025-12-31",
            "--bad-rows",
            "0.01",
            "--contracts",
            "--out",
            out.toString());
    assertEquals(0, code);
    for (String f :
        new String[] {
          "customers.csv",
          "reps.csv",
          "orders.csv",
          "interactions.csv",
          "rapport.yaml",
          "truth/touch_labels.csv",
          "truth/future_orders.csv",
          "truth/customers.csv",
          "truth/parameters.json"
        }) {
      assertTrue(Files.isRegularFile(out.resolve(f)), f);
    }
  }

  @Test
  void badOptionsAreUsageErrors() {
    String out = dir.resolve("x").toString();
    assertEquals(2, Main.execute("generate", "--customers", "many", "--out", out));
    assertEquals(2, Main.execute("generate", "--customers", "10"));
    assertEquals(2, Main.execute("generate", "--customers", "0", "--out", out));
    assertEquals(
        2, Main.execute("generate", "--customers", "10", "--bad-rows", "0.9", "--out", out));
    assertEquals(
        2, Main.execute("generate", "--customers", "10", "--as-of", "30.06.2026", "--out", out));
    assertEquals(2, Main.execute("generate", "--customers", "10", "--frobnicate", "--out", out));
  }
}
