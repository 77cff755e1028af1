package rapport.outreach;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.regex.Pattern;

/**
 * The files of {@code outreach/} that go into a CRM (SPEC §7.1), each from the ranked rows sent to
 * reps (never the holdout), in rank order, with the rows a CRM would not match set aside in {@code
 * unmatched.csv}.
 */
public final class CrmFiles {
  private CrmFiles() {}

  public static final String FOLDER = "outreach";
  public static final String GENERIC = "generic";
  public static final String SALESFORCE = "salesforce_task_insert";
  public static final String HUBSPOT = "hubspot_contact_update";
  public static final String UNMATCHED = "unmatched";
  public static final String HOLDOUT = "holdout";

  private static final Pattern EMAIL = Pattern.compile("[^@\\s]+@[^@\\s]+\\.[^@\\s]+");
  private static final Pattern HUBSPOT_RECORD_ID = Pattern.compile("[1-9][0-9]{0,18}");

  /** A row a target CRM would reject or attach to the wrong record, and why. */
  public record Unmatched(String target, OutreachRow row, String reasonCode, String detail) {}

  /** What was written. */
  public record Written(List<SafeCsv.Written> files, List<Unmatched> unmatched) {}

  public static final List<String> GENERIC_HEADER =
      List.of(
          "rank",
          "customer_id",
          "rep_id",
          "priority",
          "expected_value_at_risk",
          "reason_codes",
          "occasion",
          "talking_points",
          "due_date",
          "owner_rep_id",
          "is_handoff",
          "retention_probability",
          "expected_value",
          "relationship_score",
          "touch_effect",
          "as_of",
          "run_id");

  /**
   * Writes generic.csv, salesforce_task_insert.csv, hubspot_contact_update.csv, unmatched.csv and
   * holdout.csv (split into parts past each target's row limit).
   *
   * @param rows every candidate, ranked (holdout rows included; they go to holdout.csv only)
   */
  public static Written write(
      Path runDir, List<OutreachRow> rows, String runId, OutreachSettings s) {
    List<OutreachRow> contacted =
        rows.stream()
            .filter(r -> !r.isHoldout())
            .sorted(Comparator.comparing(OutreachRow::rank).thenComparing(OutreachRow::customerId))
            .toList();
    List<SafeCsv.Written> files = new ArrayList<>();
    List<Unmatched> unmatched = new ArrayList<>();

    files.addAll(
        SafeCsv.write(
            runDir,
            FOLDER,
            GENERIC,
            GENERIC_HEADER,
            contacted.stream().map(r -> generic(r, runId)).toList(),
            s.genericRowLimit(),
            s.csvDialect()));

    SalesforceTasks sf = new SalesforceTasks(s.salesforce(), runId);
    List<List<String>> sfRows = new ArrayList<>();
    List<List<String>> hsRows = new ArrayList<>();
    for (OutreachRow r : contacted) {
      sf.row(r).ifPresentOrElse(sfRows::add, () -> unmatched.add(sf.lastProblem()));
      hubspot(r, runId, unmatched).ifPresent(hsRows::add);
    }
    files.addAll(
        SafeCsv.write(runDir, FOLDER, SALESFORCE, sf.header(), sfRows, s.salesforce().rowLimit()));
    files.addAll(
        SafeCsv.write(runDir, FOLDER, HUBSPOT, HUBSPOT_HEADER, hsRows, s.hubspot().rowLimit()));

    List<List<String>> un =
        unmatched.stream()
            .sorted(
                Comparator.comparing((Unmatched u) -> u.target())
                    .thenComparing(u -> u.row().rank())
                    .thenComparing(u -> u.row().customerId()))
            .map(
                u ->
                    List.of(
                        u.target(),
                        String.valueOf(u.row().rank()),
                        u.row().customerId(),
                        u.row().repId(),
                        u.reasonCode(),
                        u.detail()))
            .toList();
    files.addAll(
        SafeCsv.write(
            runDir,
            FOLDER,
            UNMATCHED,
            List.of("target", "rank", "customer_id", "rep_id", "reason_code", "detail"),
            un,
            Integer.MAX_VALUE,
            s.csvDialect()));

    List<List<String>> held =
        rows.stream()
            .filter(OutreachRow::isHoldout)
            .sorted(Comparator.comparing(OutreachRow::repId).thenComparing(OutreachRow::customerId))
            .map(
                r ->
                    List.of(
                        r.customerId(),
                        r.repId(),
                        nz(r.ownerRepId()),
                        String.valueOf(r.isHandoff()),
                        SafeCsv.decimal(r.priority(), 2),
                        SafeCsv.decimal(r.expectedValueAtRisk(), 2),
                        SafeCsv.decimal(r.retentionProbability(), 4),
                        r.asOf().toString(),
                        runId))
            .toList();
    files.addAll(
        SafeCsv.write(
            runDir,
            FOLDER,
            HOLDOUT,
            List.of(
                "customer_id",
                "rep_id",
                "owner_rep_id",
                "is_handoff",
                "priority",
                "expected_value_at_risk",
                "retention_probability",
                "as_of",
                "run_id"),
            held,
            Integer.MAX_VALUE));
    return new Written(files, unmatched);
  }

  static List<String> generic(OutreachRow r, String runId) {
    return List.of(
        String.valueOf(r.rank()),
        r.customerId(),
        r.repId(),
        SafeCsv.decimal(r.priority(), 2),
        SafeCsv.decimal(r.expectedValueAtRisk(), 2),
        String.join(";", r.reasonCodes()),
        nz(r.occasion()),
        nz(r.talkingPoints()),
        r.dueDate().toString(),
        nz(r.ownerRepId()),
        String.valueOf(r.isHandoff()),
        SafeCsv.decimal(r.retentionProbability(), 4),
        SafeCsv.decimal(r.expectedValue(), 2),
        r.relationshipScore() == null ? "" : SafeCsv.decimal(r.relationshipScore(), 1),
        SafeCsv.decimal(r.touchEffect(), 4),
        r.asOf().toString(),
        runId);
  }

  /** HubSpot's contact import: the object's property labels and the custom properties. */
  public static final List<String> HUBSPOT_HEADER =
      List.of(
          "Record ID",
          "Email",
          "Contact owner",
          "relationship_score",
          "outreach_rank",
          "outreach_reasons",
          "outreach_due_date",
          "outreach_occasion",
          "outreach_talking_points",
          "outreach_run_id");

  /**
   * The contact is found by its HubSpot Record ID when the customer_id is one (digits), else by its
   * e-mail; the owner by the rep's e-mail.
   */
  static java.util.Optional<List<String>> hubspot(
      OutreachRow r, String runId, List<Unmatched> unmatched) {
    String recordId = HUBSPOT_RECORD_ID.matcher(r.customerId()).matches() ? r.customerId() : "";
    String email = r.customerEmail() == null ? "" : r.customerEmail();
    if (recordId.isEmpty() && !EMAIL.matcher(email).matches()) {
      unmatched.add(
          new Unmatched(
              HUBSPOT,
              r,
              "NO_HUBSPOT_RECORD_ID_OR_EMAIL",
              "customer_id is not a HubSpot Record ID and the customer has no valid e-mail"));
      return java.util.Optional.empty();
    }
    if (r.repEmail() == null || !EMAIL.matcher(r.repEmail()).matches()) {
      unmatched.add(
          new Unmatched(
              HUBSPOT,
              r,
              "NO_OWNER_EMAIL",
              "rep "
                  + r.repId()
                  + " has no valid e-mail in tables/reps; HubSpot finds owners by e-mail"));
      return java.util.Optional.empty();
    }
    return java.util.Optional.of(
        List.of(
            recordId,
            recordId.isEmpty() ? email : "",
            r.repEmail(),
            r.relationshipScore() == null ? "" : SafeCsv.decimal(r.relationshipScore(), 1),
            String.valueOf(r.rank()),
            String.join(";", r.reasonCodes()),
            r.dueDate().toString(),
            nz(r.occasion()),
            nz(r.talkingPoints()),
            runId));
  }

  static String nz(String s) {
    return s == null ? "" : s;
  }
}
