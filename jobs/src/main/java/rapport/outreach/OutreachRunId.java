package rapport.outreach;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.stream.Stream;
import rapport.cli.RapportException;
import rapport.run.Manifest;

/**
 * The id written into every CRM row ({@code Outreach_Run_Id__c}, {@code outreach_run_id}) so that
 * imported tasks can be traced to the run: the as-of date and a fingerprint of what the lists are
 * computed from (the input tables' Parquet files, which are written deterministically, the outreach
 * settings and the code version). The same inputs give the same id on a rerun. The pipeline's own
 * run id is only known at commit time, after this stage has written its files.
 */
final class OutreachRunId {
  private OutreachRunId() {}

  static String of(Path runDir, LocalDate asOf, List<String> tables, String settings, String code) {
    StringBuilder sb = new StringBuilder();
    sb.append(asOf).append('|').append(code).append('|').append(settings);
    for (String t : tables) {
      Path dir = runDir.resolve("tables").resolve(t);
      if (!Files.isDirectory(dir)) {
        continue;
      }
      sb.append('|').append(t);
      try (Stream<Path> files = Files.walk(dir)) {
        for (Path f : files.filter(Files::isRegularFile).sorted().toList()) {
          sb.append(' ').append(dir.relativize(f)).append('=').append(Manifest.sha256(f));
        }
      } catch (IOException e) {
        throw RapportException.output(e, "cannot read %s: %s", dir, e.getMessage());
      }
    }
    return asOf
        + "-"
        + Manifest.sha256(sb.toString().getBytes(StandardCharsets.UTF_8)).substring(0, 12);
  }
}
