package rapport.outreach;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import rapport.domain.SalesforceIds;

/**
 * Rows of {@code salesforce_task_insert.csv}: object Task, operation insert, API field names. The
 * contact and the owner are referenced by their ids (validated, written in the 18-character form)
 * or, when configured, through external-id fields ({@code Contact:Who.<field>}, {@code
 * User:Owner.<field>}: the Bulk API's notation for polymorphic lookups).
 */
final class SalesforceTasks {
  static final int SUBJECT_MAX = 255;
  static final int DESCRIPTION_MAX = 32_000;

  private final OutreachSettings.Salesforce settings;
  private final String runId;
  private CrmFiles.Unmatched lastProblem;

  SalesforceTasks(OutreachSettings.Salesforce settings, String runId) {
    this.settings = settings;
    this.runId = runId;
  }

  List<String> header() {
    return List.of(
        "Subject",
        "Status",
        "Priority",
        "ActivityDate",
        settings.contactExternalIdField().isEmpty()
            ? "WhoId"
            : "Contact:Who." + settings.contactExternalIdField(),
        settings.ownerExternalIdField().isEmpty()
            ? "OwnerId"
            : "User:Owner." + settings.ownerExternalIdField(),
        "Description",
        "Outreach_Rank__c",
        "Relationship_Score__c",
        "Reason_Codes__c",
        "Outreach_Run_Id__c");
  }

  /** The row, or empty with {@link #lastProblem()} saying why the import would not match it. */
  Optional<List<String>> row(OutreachRow r) {
    String who = r.customerId();
    if (settings.contactExternalIdField().isEmpty()) {
      SalesforceIds.Result id = SalesforceIds.normalize(r.customerId(), SalesforceIds.WHO_PREFIXES);
      if (id.id().isEmpty()) {
        lastProblem =
            new CrmFiles.Unmatched(
                CrmFiles.SALESFORCE,
                r,
                "INVALID_SALESFORCE_WHO_ID",
                "customer_id: " + id.problem());
        return Optional.empty();
      }
      who = id.id().get();
    }
    String owner = r.repId();
    if (settings.ownerExternalIdField().isEmpty()) {
      SalesforceIds.Result id = SalesforceIds.normalize(r.repId(), SalesforceIds.OWNER_PREFIXES);
      if (id.id().isEmpty()) {
        lastProblem =
            new CrmFiles.Unmatched(
                CrmFiles.SALESFORCE, r, "INVALID_SALESFORCE_OWNER_ID", "rep_id: " + id.problem());
        return Optional.empty();
      }
      owner = id.id().get();
    }
    List<String> row = new ArrayList<>();
    row.add(cap(subject(r), SUBJECT_MAX));
    row.add("Not Started");
    row.add(priority(r));
    row.add(r.dueDate().toString());
    row.add(who);
    row.add(owner);
    row.add(cap(description(r), DESCRIPTION_MAX));
    row.add(String.valueOf(r.rank()));
    row.add(r.relationshipScore() == null ? "" : SafeCsv.decimal(r.relationshipScore(), 1));
    row.add(String.join(";", r.reasonCodes()));
    row.add(runId);
    return Optional.of(row);
  }

  CrmFiles.Unmatched lastProblem() {
    return lastProblem;
  }

  /** "Personal call: <first occasion>", or a check-in; no personal data beyond the occasion. */
  static String subject(OutreachRow r) {
    if (r.occasion() == null) {
      return r.isHandoff() ? "Personal call: introduce yourself" : "Personal call: check in";
    }
    int semi = r.occasion().indexOf(';');
    return "Personal call: " + (semi < 0 ? r.occasion() : r.occasion().substring(0, semi));
  }

  /** High for an open concern, Normal otherwise; Low is left to the reps. */
  static String priority(OutreachRow r) {
    return r.hasOpenConcern() ? "High" : "Normal";
  }

  static String description(OutreachRow r) {
    StringBuilder d = new StringBuilder();
    if (!r.reasonCodes().isEmpty()) {
      d.append("Why: ").append(String.join(", ", r.reasonCodes())).append(".\n");
    }
    d.append("Value at risk: ").append(SafeCsv.decimal(r.expectedValueAtRisk(), 2));
    d.append("; kept by one personal touch: ").append(SafeCsv.decimal(r.priority(), 2)).append('.');
    if (r.occasion() != null) {
      d.append("\nOccasion: ").append(r.occasion()).append('.');
    }
    if (r.talkingPoints() != null) {
      d.append("\nAsk about: ").append(r.talkingPoints()).append('.');
    }
    if (r.isHandoff()) {
      d.append("\nHanded over from rep ")
          .append(r.ownerRepId() == null ? "(none)" : r.ownerRepId())
          .append('.');
    }
    return d.toString();
  }

  private static String cap(String s, int max) {
    return s.length() <= max ? s : s.substring(0, max);
  }
}
