package rapport.errors;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import rapport.testing.TestSpark;

/**
 * The seams between packages, read from the sources: the exception, the exit codes and the version
 * live below every stage, the statistics library depends on no other rapport package, only the
 * command line knows the command line, the shared packages know no stage, and a stage knows only
 * the stages before it.
 */
class PackageDependenciesTest {
  private static final Path MAIN = TestSpark.projectRoot().resolve("jobs/src/main/java/rapport");
  private static final Pattern REFERENCE = Pattern.compile("\\brapport\\.([a-z]+)\\.[A-Z]");

  @Test
  void errorsAndStatsDependOnNoOtherRapportPackage() {
    for (String pkg : List.of("errors", "stats")) {
      assertEquals(List.of(), references(pkg, other -> !other.equals(pkg)), pkg);
    }
  }

  @Test
  void onlyTheCommandLineUsesTheCommandLine() {
    List<String> found = new ArrayList<>();
    try (Stream<Path> dirs = Files.list(MAIN)) {
      for (Path dir : dirs.filter(Files::isDirectory).toList()) {
        String pkg = dir.getFileName().toString();
        if (!pkg.equals("cli")) {
          found.addAll(references(pkg, other -> other.equals("cli")));
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    assertEquals(List.of(), found);
  }

  /** The stages in the order the data flows through them. */
  private static final List<String> STAGES =
      List.of("ingest", "touches", "scores", "retention", "outreach", "report", "publish");

  /**
   * The packages every stage may use and that use no stage: a definition two stages share lives
   * here, not in the later stage (the test-world generator writes the inputs, so it counts too).
   */
  private static final List<String> SHARED =
      List.of("errors", "stats", "domain", "schema", "config", "run", "spark", "generate");

  @Test
  void theSharedDefinitionsUseOnlyTheSchemaRegistry() {
    assertEquals(
        List.of(),
        references("domain", other -> !other.equals("domain") && !other.equals("schema")));
  }

  @Test
  void sharedPackagesUseNoStage() {
    List<String> found = new ArrayList<>();
    for (String pkg : SHARED) {
      found.addAll(references(pkg, STAGES::contains));
    }
    assertEquals(List.of(), found);
  }

  @Test
  void aStageUsesOnlyTheStagesBeforeIt() {
    List<String> found = new ArrayList<>();
    for (int i = 0; i < STAGES.size(); i++) {
      List<String> later = STAGES.subList(i + 1, STAGES.size());
      found.addAll(references(STAGES.get(i), later::contains));
    }
    assertEquals(List.of(), found);
  }

  /**
   * The job classes that only wire: they read through the run context, call their package's
   * functions and write, so no Spark expression of theirs needs a test of its own.
   */
  @Test
  void jobClassesBuildNoSparkExpression() {
    List<String> found = new ArrayList<>();
    for (String job :
        List.of(
            "ingest/IngestStage.java",
            "touches/ClassifyStage.java",
            "scores/ScoreStage.java",
            "retention/RetentionStage.java",
            "outreach/OutreachStage.java",
            "report/ReportStage.java",
            "publish/PublishStage.java")) {
      try {
        String source = Files.readString(MAIN.resolve(job));
        for (String expression :
            List.of("org.apache.spark.sql.functions", ".groupBy(", ".join(", ".agg(", ".select(")) {
          if (source.contains(expression)) {
            found.add(job + ": " + expression);
          }
        }
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    assertEquals(List.of(), found);
  }

  /** "File: rapport.x" for every reference from a source of {@code pkg} to a package it names. */
  private static List<String> references(String pkg, java.util.function.Predicate<String> which) {
    List<String> out = new ArrayList<>();
    try (Stream<Path> files = Files.walk(MAIN.resolve(pkg))) {
      for (Path f : files.filter(p -> p.toString().endsWith(".java")).toList()) {
        Matcher m = REFERENCE.matcher(Files.readString(f));
        while (m.find()) {
          if (which.test(m.group(1))) {
            out.add(MAIN.relativize(f) + ": rapport." + m.group(1));
          }
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out;
  }
}
