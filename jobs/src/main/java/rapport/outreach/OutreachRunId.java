package rapport.outreach;

import static org.apache.spark.sql.functions.*;

import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.Map;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import rapport.run.Manifest;
import rapport.run.TableDigest;

/**
 * The id written into every CRM row ({@code Outreach_Run_Id__c}, {@code outreach_run_id}) so that
 * imported tasks can be traced to the run: the as-of date and a fingerprint of what the lists are
 * computed from (the input tables' rows, the outreach settings and the code version). The same
 * inputs give the same id on a rerun. The pipeline's own run id is only known at commit time, after
 * this stage has written its files.
 *
 * <p>Each table enters by its {@link TableDigest#fingerprint}, from its rows, not its bytes.
 */
final class OutreachRunId {
  private OutreachRunId() {}

  /**
   * @param tables the inputs by name, in a fixed order
   */
  static String of(LocalDate asOf, Map<String, Dataset<Row>> tables, String settings, String code) {
    StringBuilder sb = new StringBuilder();
    sb.append(asOf).append('|').append(code).append('|').append(settings);
    tables.forEach(
        (name, df) -> sb.append('|').append(name).append('=').append(TableDigest.fingerprint(df)));
    return asOf
        + "-"
        + Manifest.sha256(sb.toString().getBytes(StandardCharsets.UTF_8)).substring(0, 12);
  }
}
