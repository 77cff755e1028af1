package rapport.generate;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import rapport.errors.RapportException;

/**
 * Writes the world's rapport.yaml in the format {@link rapport.config.ConfigLoader} reads, with
 * paths relative to the file so the world folder can be moved. Keys the loader does not know are
 * never written: it would reject them.
 */
final class ConfigFile {
  /** Ingestion's default tolerance; a world with more bad rows raises it so it still runs. */
  static final double DEFAULT_MAX_BAD_SHARE = 0.05;

  /** The external-id field of Contact that holds the world's customer_id. */
  static final String SALESFORCE_CUSTOMER_ID_FIELD = "Rapport_Customer_Id__c";

  /** The external-id field of User that holds the world's rep_id. */
  static final String SALESFORCE_REP_ID_FIELD = "Rapport_Rep_Id__c";

  private ConfigFile() {}

  static void write(Path out, GenerateOptions o, Map<String, String> paths) {
    StringBuilder y = new StringBuilder();
    y.append("# A synthetic world written by `rapport generate`; its truth is in truth/.\n");
    y.append("as_of: ").append(o.asOf()).append('\n');
    y.append("time_zone: ").append(o.zone().getId()).append('\n');
    y.append("horizon_days: 180\n");
    // Bad rows are share/(1+share) of the rows read; leave headroom above that.
    double bad = o.badRowShare() / (1 + o.badRowShare());
    if (bad > DEFAULT_MAX_BAD_SHARE * 0.8) {
      y.append("quality: {max_bad_share: ")
          .append(Math.min(1.0, Math.ceil(bad * 150) / 100))
          .append("}\n");
    }
    y.append("inputs:\n");
    paths.forEach(
        (name, path) -> y.append("  ").append(name).append(": {path: ").append(path).append("}\n"));
    // The world's ids are not Salesforce ids: an org that imports the Salesforce file keeps them in
    // external-id fields of Contact and User, and the file references records through those.
    y.append("outreach:\n");
    y.append("  salesforce: {contact_external_id_field: ")
        .append(SALESFORCE_CUSTOMER_ID_FIELD)
        .append(", owner_external_id_field: ")
        .append(SALESFORCE_REP_ID_FIELD)
        .append("}\n");
    try {
      Files.writeString(out.resolve("rapport.yaml"), y.toString(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw RapportException.output(
          e, "cannot write %s: %s", out.resolve("rapport.yaml"), e.getMessage());
    }
  }
}
