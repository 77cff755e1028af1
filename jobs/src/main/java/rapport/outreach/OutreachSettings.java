package rapport.outreach;

import rapport.config.ConfigNode;

/**
 * The {@code outreach:} section of {@code rapport.yaml}. Every knob has a default that works
 * without tuning.
 *
 * @param defaultWeeklyCapacity personal touches a rep can make in a week when {@code
 *     reps.weekly_capacity} is empty (or there is no reps table)
 * @param recentTouchDays customers personally touched within this many days before T are left alone
 * @param holdoutShare the share of each rep's candidates held out at random, never sent to reps
 * @param holdoutSeed the seed of the holdout draw (mixed with the as-of date, so each cycle draws
 *     afresh)
 * @param occasionDays birthdays and purchase anniversaries within this many days from T are
 *     occasions
 * @param concernDays a concern (recall, complaint, ...) noted within this many days before T, with
 *     no personal touch since, is an open concern
 * @param notesDays talking points come from the customer's own notes of this many days before T
 * @param dueDays the due date of a row without an occasion, in days from T
 * @param concernDueDays the due date of a row with an open concern, in days from T
 * @param defaultHazardRatio the hazard ratio of one personal touch used when the retention stage
 *     has not estimated one (a conservative 10% lower hazard)
 * @param talkingPointsMax at most this many talking points per row
 * @param talkingPointsMaxChars the talking points cell holds at most this many characters
 * @param genericRowLimit rows per part of generic.csv (Excel's sheet limit by default)
 * @param salesforce the Salesforce Task file's settings
 * @param hubspot the HubSpot contact file's settings
 * @param csvDialect the dialect of the files meant for people (generic.csv, unmatched.csv, the
 *     week's changes): {@code standard} (UTF-8, LF) or {@code spreadsheet} (BOM, CRLF); the CRM
 *     import files and holdout.csv keep the importers' dialect
 */
public record OutreachSettings(
    long defaultWeeklyCapacity,
    int recentTouchDays,
    double holdoutShare,
    long holdoutSeed,
    int occasionDays,
    int concernDays,
    int notesDays,
    int dueDays,
    int concernDueDays,
    double defaultHazardRatio,
    int talkingPointsMax,
    int talkingPointsMaxChars,
    int genericRowLimit,
    Salesforce salesforce,
    HubSpot hubspot,
    SafeCsv.Dialect csvDialect) {

  public static final String SECTION = "outreach";

  /**
   * @param rowLimit rows per part (the Data Import Wizard's 50,000)
   * @param contactExternalIdField when set, contacts are referenced through this external-id field
   *     of Contact holding the customer_id ({@code Contact:Who.<field>}) instead of by {@code
   *     WhoId}
   * @param ownerExternalIdField when set, owners are referenced through this external-id field of
   *     User holding the rep_id ({@code User:Owner.<field>}) instead of by {@code OwnerId}
   */
  public record Salesforce(
      int rowLimit, String contactExternalIdField, String ownerExternalIdField) {
    static Salesforce read(ConfigNode n) {
      Salesforce s =
          new Salesforce(
              (int) n.integer("row_limit", 50_000, 1, 10_000_000),
              apiName(n, "contact_external_id_field"),
              apiName(n, "owner_external_id_field"));
      n.finish();
      return s;
    }
  }

  /**
   * @param rowLimit rows per part (HubSpot's 1,048,576 per file)
   */
  public record HubSpot(int rowLimit) {
    static HubSpot read(ConfigNode n) {
      HubSpot h = new HubSpot((int) n.integer("row_limit", 1_048_576, 1, 1_048_576));
      n.finish();
      return h;
    }
  }

  public static OutreachSettings read(ConfigNode n) {
    OutreachSettings s =
        new OutreachSettings(
            n.integer("default_weekly_capacity", 25, 0, 100_000),
            (int) n.integer("recent_touch_days", 14, 0, 3650),
            n.number("holdout_share", 0.10, 0.0, 0.5),
            n.integer("holdout_seed", 42, Long.MIN_VALUE, Long.MAX_VALUE),
            (int) n.integer("occasion_days", 14, 1, 366),
            (int) n.integer("concern_days", 45, 1, 3650),
            (int) n.integer("notes_days", 730, 1, 36500),
            (int) n.integer("due_days", 7, 0, 366),
            (int) n.integer("concern_due_days", 2, 0, 366),
            n.number("default_hazard_ratio", 0.9, 0.01, 1.0),
            (int) n.integer("talking_points_max", 3, 0, 10),
            (int) n.integer("talking_points_max_chars", 120, 20, 1000),
            (int) n.integer("generic_row_limit", 1_048_575, 1, 100_000_000),
            Salesforce.read(n.child("salesforce")),
            HubSpot.read(n.child("hubspot")),
            SafeCsv.Dialect.valueOf(
                n.oneOf(
                        "csv_dialect",
                        java.util.Arrays.stream(SafeCsv.Dialect.values())
                            .map(SafeCsv.Dialect::key)
                            .toList(),
                        SafeCsv.Dialect.STANDARD.key())
                    .toUpperCase(java.util.Locale.ROOT)));
    n.finish();
    return s;
  }

  private static String apiName(ConfigNode n, String key) {
    String v = n.string(key, "");
    if (!v.isEmpty() && !v.matches("[A-Za-z][A-Za-z0-9_]*")) {
      throw n.error(
          "'%s.%s' is '%s'; allowed: a Salesforce field API name such as Rapport_Id__c",
          n.path(), key, v);
    }
    return v;
  }
}
