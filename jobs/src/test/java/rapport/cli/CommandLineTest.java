package rapport.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;
import rapport.testing.Cli;

class CommandLineTest {
  /** Every command and sub-command, as the user types it. */
  static List<List<String>> commands() {
    List<List<String>> out = new ArrayList<>();
    collect(
        Main.commandLine(new PrintWriter(new StringWriter()), new PrintWriter(new StringWriter())),
        new ArrayList<>(),
        out);
    return out;
  }

  private static void collect(CommandLine cl, List<String> path, List<List<String>> out) {
    out.add(List.copyOf(path));
    cl.getSubcommands()
        .forEach(
            (name, sub) -> {
              if (!name.equals("help")) {
                List<String> p = new ArrayList<>(path);
                p.add(name);
                collect(sub, p, out);
              }
            });
  }

  @Test
  void everyCommandHasHelp() {
    List<List<String>> all = commands();
    assertTrue(
        all.contains(List.of("run"))
            && all.contains(List.of("validate"))
            && all.contains(List.of("ingest")),
        all.toString());
    for (List<String> c : all) {
      List<String> args = new ArrayList<>(c);
      args.add("--help");
      Cli r = Cli.run(args.toArray(String[]::new));
      assertEquals(0, r.exitCode, () -> c + ": " + r);
      assertTrue(r.out.contains("Usage: rapport"), () -> c + ": " + r.out);
      assertTrue(
          r.out.lines().anyMatch(l -> !l.isBlank() && !l.startsWith("Usage")),
          () -> c + " has a description");
    }
  }

  @Test
  void aBadOptionIsExit2WithOneLine() {
    Cli r = Cli.run("run", "--config", "x.yaml", "--colour", "red");
    assertEquals(2, r.exitCode, r::toString);
    assertEquals(1, r.err.lines().count(), r::toString);
    assertTrue(
        r.err.startsWith("rapport: Unknown options: '--colour', 'red' (see: rapport run --help)"),
        r.err);
  }

  @Test
  void aMissingConfigIsExit2() {
    Cli r = Cli.run("run", "--config", "no/such/rapport.yaml");
    assertEquals(2, r.exitCode, r::toString);
    assertTrue(r.err.contains("configuration file no/such/rapport.yaml not found"), r.err);
  }

  @Test
  void aBadAsOfIsExit2() {
    Cli r =
        Cli.run(
            "validate",
            "--config",
            "src/test/resources/bad-inputs/duplicate-keys/rapport.yaml",
            "--as-of",
            "2026-13-01");
    assertEquals(2, r.exitCode, r::toString);
    assertTrue(r.err.contains("--as-of is '2026-13-01'; allowed: a date as yyyy-MM-dd"), r.err);
  }
}
