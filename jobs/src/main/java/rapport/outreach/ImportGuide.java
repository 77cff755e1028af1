package rapport.outreach;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** {@code outreach/IMPORT.md}: how a CRM administrator imports each file, step by step. */
final class ImportGuide {
  private ImportGuide() {}

  /** What became of the customers: the words of an empty or short file come from these. */
  record ListCounts(
      long customers,
      Map<String, Long> suppressed,
      long candidates,
      long contacted,
      List<CrmFiles.Unmatched> unmatched) {}

  static String render(
      String runId,
      String asOf,
      List<SafeCsv.Written> files,
      OutreachSettings s,
      List<String> salesforceHeader,
      ListCounts counts) {
    StringBuilder md = new StringBuilder();
    md.append("# Importing this week's outreach lists\n\n");
    md.append("Run ").append(runId).append(", as of ").append(asOf).append(".\n\n");
    md.append(
        "Every file is UTF-8 without BOM, comma-separated, RFC 4180 quoting, LF line ends, dates as"
            + " yyyy-MM-dd, numbers with a point and fixed decimals, in rank order. A cell that would"
            + " start with = + - @, tab or carriage return starts with a single quote instead, so"
            + " that no spreadsheet runs it as a formula. `holdout.csv` is the random control group:"
            + " never import it and never show it to reps; `rapport measure` reads it later.\n\n");
    if (s.csvDialect() == SafeCsv.Dialect.SPREADSHEET) {
      md.append(
          "The files meant for people (`generic.csv`, `unmatched.csv`, the week's changes) are"
              + " written for spreadsheets instead (`outreach.csv_dialect: spreadsheet`): they"
              + " start with a UTF-8 byte-order mark and end their lines with CRLF, so that Excel"
              + " shows accents and umlauts as they are. The Salesforce and HubSpot files and"
              + " `holdout.csv` keep the dialect above.\n\n");
    }
    md.append("| file | rows | sha256 |\n|---|---:|---|\n");
    for (SafeCsv.Written f : files) {
      md.append("| `")
          .append(f.path().substring(f.path().indexOf('/') + 1))
          .append("` | ")
          .append(f.rows())
          .append(" | `")
          .append(f.sha256(), 0, 16)
          .append("…` |\n");
    }
    List<String> gaps = new ArrayList<>();
    EmptyFiles.emptyList(
            counts.customers(), counts.suppressed(), counts.candidates(), counts.contacted())
        .ifPresent(
            why ->
                gaps.add(
                    "Every file is empty: nobody is on this week's list, because " + why + "."));
    EmptyFiles.crmGaps(counts.contacted(), counts.unmatched())
        .forEach((target, why) -> gaps.add("`" + target + ".csv` has " + why + "."));
    if (!gaps.isEmpty()) {
      md.append("\n## Empty and short files\n\n");
      gaps.forEach(g -> md.append("- ").append(g).append('\n'));
    }
    md.append("\nFiles past a target's row limit come in parts (`-part-0001.csv`, ...): import")
        .append(" every part, in order, the same way.\n");

    md.append("\n## Salesforce: `salesforce_task_insert*.csv` (object Task, operation insert)\n\n");
    md.append("Once, before the first import, an administrator creates these custom fields on")
        .append(
            " Activity (Setup → Object Manager → Activity → Fields & Relationships → New):\n\n");
    md.append("| field | type | holds |\n|---|---|---|\n");
    md.append("| `Outreach_Rank__c` | Number(9, 0) | rank of the customer in this run's list |\n");
    md.append("| `Relationship_Score__c` | Number(5, 1) | relationship score, 0–100 |\n");
    md.append(
        "| `Reason_Codes__c` | Picklist (Multi-Select), or Text(255) | reason codes separated by"
            + " `;` |\n");
    md.append("| `Outreach_Run_Id__c` | Text(40) | the run id, to trace and to undo an import |\n");
    String who = salesforceHeader.get(4);
    String owner = salesforceHeader.get(5);
    if (!s.salesforce().contactExternalIdField().isEmpty()) {
      md.append("| `Contact.")
          .append(s.salesforce().contactExternalIdField())
          .append("` | Text(255), External ID, Unique | rapport's customer_id on each Contact |\n");
    }
    if (!s.salesforce().ownerExternalIdField().isEmpty()) {
      md.append("| `User.")
          .append(s.salesforce().ownerExternalIdField())
          .append("` | Text(255), External ID, Unique | rapport's rep_id on each User |\n");
    }
    md.append("\nThen, for each part:\n\n");
    md.append("1. Open Data Loader (the Data Import Wizard does not import Tasks) and choose")
        .append(" **Insert**, object **Task (Task)**. Workbench or a Bulk API 2.0 ingest job")
        .append(
            " (`object: Task`, `operation: insert`, `lineEnding: LF`) takes the file as it is.\n");
    md.append("2. Select the file. Data Loader settings: UTF-8 on (\"Read all CSVs with UTF-8")
        .append(" encoding\"), time zone irrelevant (the file holds dates only).\n");
    md.append("3. Map fields automatically: every header is the API name. `")
        .append(who)
        .append("` is the Contact or Lead, `")
        .append(owner)
        .append("` the rep's User.\n");
    md.append("4. Run the insert, then open the error file: rows rejected by Salesforce are")
        .append(" there with the reason. Rows rapport could not match are already in")
        .append(" `unmatched.csv` (reason codes `INVALID_SALESFORCE_WHO_ID`,")
        .append(" `INVALID_SALESFORCE_OWNER_ID`): fix the ids in the export and rerun.\n");
    md.append("5. To undo an import, export Tasks where `Outreach_Run_Id__c = '")
        .append(runId)
        .append("'` and delete them.\n");

    md.append("\n## HubSpot: `hubspot_contact_update*.csv` (contacts, update)\n\n");
    md.append("Once, before the first import, create these contact properties (Settings →")
        .append(" Properties → Contact properties → Create property):\n\n");
    md.append("| internal name | field type |\n|---|---|\n");
    md.append("| `relationship_score` | Number |\n");
    md.append("| `outreach_rank` | Number |\n");
    md.append("| `outreach_reasons` | Multiple checkboxes (one option per reason code) |\n");
    md.append("| `outreach_due_date` | Date picker |\n");
    md.append("| `outreach_occasion` | Single-line text |\n");
    md.append("| `outreach_talking_points` | Single-line text |\n");
    md.append("| `outreach_run_id` | Single-line text |\n");
    md.append("\nThen, for each part:\n\n");
    md.append("1. Contacts → Import → Start an import → File from computer → One file → One")
        .append(" object → Contacts.\n");
    md.append("2. Choose **Update existing contacts only**, so the import never creates")
        .append(" contacts. Each row carries `Record ID` when the customer_id is a HubSpot record")
        .append(" id, else `Email`; HubSpot matches on whichever is filled.\n");
    md.append("3. Map `Contact owner` to Contact owner (matched by the rep's e-mail, which must")
        .append(
            " be a HubSpot user) and each `outreach_*` column to the property of the same name.\n");
    md.append("4. Date format: year-month-day. Finish the import and review its error list; rows")
        .append(" rapport could not match are in `unmatched.csv` (`NO_HUBSPOT_RECORD_ID_OR_EMAIL`,")
        .append(" `NO_OWNER_EMAIL`).\n");
    md.append(
        String.format(
            Locale.ROOT,
            "%nRow limits: Salesforce parts hold at most %,d rows, HubSpot parts %,d, generic"
                + " parts %,d.%n",
            s.salesforce().rowLimit(),
            s.hubspot().rowLimit(),
            s.genericRowLimit()));

    md.append("\n## Any other CRM: `generic*.csv`\n\n");
    md.append("Every column of the outreach table: rank, customer_id, rep_id, priority,")
        .append(" expected_value_at_risk, reason_codes (`;`-separated), occasion, talking_points,")
        .append(" due_date, owner_rep_id, is_handoff, retention_probability, expected_value,")
        .append(" relationship_score, touch_effect, as_of, run_id. Map customer_id to the")
        .append(" CRM's own key; it fits reverse-ETL syncs as well.\n");
    md.append("\n## Other files\n\n");
    md.append("- `unmatched.csv`: rows a CRM would not match, by target, with a reason code.\n");
    md.append("- `holdout.csv`: the random control group. Never import it.\n");
    md.append("- `delta.csv` (when an earlier run exists): new, still open and dropped rows.\n");
    md.append("- `outreach.manifest.json`: rows and SHA-256 of every file, and the run id.\n");
    return md.toString();
  }
}
