package rapport.outreach;

import static org.apache.spark.sql.functions.*;

import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.Map;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import rapport.run.Manifest;

/**
 * The id written into every CRM row ({@code Outreach_Run_Id__c}, {@code outreach_run_id}) so that
 * imported tasks can be traced to the run: the as-of date and a fingerprint of what the lists are
 * computed from (the input tables' rows, the outreach settings and the code version). The same
 * inputs give the same id on a rerun. The pipeline's own run id is only known at commit time, after
 * this stage has written its files.
 *
 * <p>The fingerprint of a table is its row count and the sum of xxhash64 over every row, which
 * depends on the rows only, not on their order or on the Parquet bytes: parquet-mr writes the
 * encodings of a column chunk in hash-set order, which differs from one JVM to the next.
 */
final class OutreachRunId {
  private OutreachRunId() {}

  /**
   * @param tables the inputs by name, in a fixed order
   */
  static String of(LocalDate asOf, Map<String, Dataset<Row>> tables, String settings, String code) {
    StringBuilder sb = new StringBuilder();
    sb.append(asOf).append('|').append(code).append('|').append(settings);
    tables.forEach((name, df) -> sb.append('|').append(name).append('=').append(fingerprint(df)));
    return asOf
        + "-"
        + Manifest.sha256(sb.toString().getBytes(StandardCharsets.UTF_8)).substring(0, 12);
  }

  static String fingerprint(Dataset<Row> df) {
    Column[] cols = Arrays.stream(df.columns()).sorted().map(c -> col(c)).toArray(Column[]::new);
    // decimal(38, 0) holds the sum of 10^19 hashes without overflow
    Row r = df.agg(count(lit(1)), sum(xxhash64(cols).cast("decimal(38,0)"))).first();
    return r.getLong(0) + ":" + (r.isNullAt(1) ? "0" : r.getDecimal(1).toPlainString());
  }
}
