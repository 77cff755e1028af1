package rapport.generate.export;

import static rapport.schema.Columns.*;

import java.math.BigDecimal;
import java.nio.file.Path;
import java.text.DecimalFormat;
import java.text.DecimalFormatSymbols;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A Salesforce org's exports: Data Loader extracts of User, Contact, Task and Event (API field
 * names, every field quoted, CRLF, date-times in UTC with milliseconds and Z) and an Opportunity
 * report export (field labels, {@code M/d/yyyy} dates, {@code $1,234.50} amounts). Ids are
 * 18-character case-safe ids with the object's key prefix.
 *
 * <p>What Salesforce does not hold is left out, as an org's export would: returned orders (no
 * standard stage), and inbound e-mails and text messages from customers (a Task records no
 * direction except for calls). Automated sends are owned by an integration user, as Marketing Cloud
 * Connect or a flow's running user owns them.
 */
final class SalesforceExport extends ExportLayout {
  static final String INTEGRATION_USER = "Marketing Integration";

  private static final DateTimeFormatter REPORT_DATE =
      DateTimeFormatter.ofPattern("M/d/yyyy", Locale.ROOT);

  private final Map<String, String> users = new HashMap<>();
  private final Map<String, String> userNames = new HashMap<>();
  private final Map<String, String> contacts = new HashMap<>();
  private final Map<String, String> contactOwner = new HashMap<>();
  private final Map<String, String> contactLastName = new HashMap<>();
  private final Map<String, String> accounts = new HashMap<>();
  private final Map<String, String> campaigns = new HashMap<>();
  private String integrationUser;
  private long tasks;
  private long events;

  SalesforceExport(Path out, ZoneId zone) {
    super(out, zone);
  }

  @Override
  List<String> fileNames() {
    return List.of("User.csv", "Contact.csv", "Opportunity.csv", "Task.csv", "Event.csv");
  }

  @Override
  void write(CanonicalWorld world) {
    writeUsers(world);
    writeContacts(world);
    writeOpportunities(world);
    writeActivities(world);
  }

  private void writeUsers(CanonicalWorld world) {
    try (ExportFile f =
        open(
            "User.csv",
            ExportFile.SALESFORCE,
            List.of("Id", "Name", "Email", "IsActive", "Department"))) {
      world.each(
          "reps",
          r -> {
            String id = ExportIds.salesforce(ExportIds.USER, users.size());
            users.put(r.get(REP_ID), id);
            userNames.put(id, r.get(NAME));
            f.write(id, r.get(NAME), r.get(EMAIL), r.get(ACTIVE), department(r.get(TEAM)));
          });
      integrationUser = ExportIds.salesforce(ExportIds.USER, users.size());
      String domain = users.isEmpty() ? "crm.example" : domainOf(world);
      f.write(integrationUser, INTEGRATION_USER, "integration@" + domain, "true", "Integration");
    }
  }

  private String domainOf(CanonicalWorld world) {
    String[] domain = {null};
    world.each(
        "reps",
        r -> {
          if (domain[0] == null && r.get(EMAIL).contains("@")) {
            domain[0] = r.get(EMAIL).substring(r.get(EMAIL).indexOf('@') + 1);
          }
        });
    return domain[0] == null ? "crm.example" : domain[0];
  }

  private static String department(String team) {
    return team == null || team.isEmpty()
        ? ""
        : Character.toUpperCase(team.charAt(0)) + team.substring(1);
  }

  private void writeContacts(CanonicalWorld world) {
    try (ExportFile f =
        open(
            "Contact.csv",
            ExportFile.SALESFORCE,
            List.of(
                "Id",
                "AccountId",
                "FirstName",
                "LastName",
                "Email",
                "Phone",
                "Birthdate",
                "MailingCity",
                "MailingState",
                "MailingCountry",
                "OwnerId",
                "HasOptedOutOfEmail",
                "DoNotCall",
                "CreatedDate"))) {
      world.each(
          "customers",
          c -> {
            String id = ExportIds.salesforce(ExportIds.CONTACT, contacts.size());
            contacts.put(c.get(CUSTOMER_ID), id);
            String account =
                accounts.computeIfAbsent(
                    c.get(HOUSEHOLD_ID),
                    h -> ExportIds.salesforce(ExportIds.ACCOUNT, accounts.size()));
            String owner = users.getOrDefault(c.get(OWNER_REP_ID), "");
            contactOwner.put(c.get(CUSTOMER_ID), owner);
            contactLastName.put(c.get(CUSTOMER_ID), c.get(LAST_NAME));
            f.write(
                id,
                account,
                c.get(FIRST_NAME),
                c.get(LAST_NAME),
                c.get(EMAIL),
                c.get(PHONE),
                c.get(BIRTH_DATE),
                c.get(CITY),
                c.get(REGION),
                country(c.get(COUNTRY)),
                owner,
                c.get(DO_NOT_CONTACT),
                c.get(DO_NOT_CONTACT),
                createdOn(c.get(CUSTOMER_SINCE))
                    .withOffsetSameInstant(ZoneOffset.UTC)
                    .format(UTC_MILLIS));
          });
    }
  }

  private void writeOpportunities(CanonicalWorld world) {
    DecimalFormat dollars =
        new DecimalFormat("$#,##0.00", DecimalFormatSymbols.getInstance(Locale.US));
    long[] n = {0};
    try (ExportFile f =
        open(
            "Opportunity.csv",
            ExportFile.SALESFORCE,
            List.of(
                "Opportunity ID",
                "Opportunity Name",
                "Amount",
                "Close Date",
                "Stage",
                "Contact ID",
                "Opportunity Owner"))) {
      world.each(
          "orders",
          o -> {
            String stage =
                switch (o.get(STATUS)) {
                  case "completed" -> "Closed Won";
                  case "cancelled" -> "Closed Lost";
                  default -> null;
                };
            if (stage == null) {
              return;
            }
            String customer = o.get(CUSTOMER_ID);
            f.write(
                ExportIds.salesforce(ExportIds.OPPORTUNITY, n[0]++),
                department(o.get(CATEGORY)) + " - " + contactLastName.get(customer),
                dollars.format(new BigDecimal(o.get(AMOUNT))),
                localDate(o.get(ORDERED_AT)).format(REPORT_DATE),
                stage,
                contacts.get(customer),
                userNames.getOrDefault(contactOwner.get(customer), ""));
          });
    }
  }

  private void writeActivities(CanonicalWorld world) {
    try (ExportFile task =
            open(
                "Task.csv",
                ExportFile.SALESFORCE,
                List.of(
                    "Id",
                    "WhoId",
                    "WhatId",
                    "OwnerId",
                    "Subject",
                    "Description",
                    "ActivityDate",
                    "CompletedDateTime",
                    "TaskSubtype",
                    "CallType",
                    "CallDurationInSeconds",
                    "CallDisposition",
                    "Status"));
        ExportFile event =
            open(
                "Event.csv",
                ExportFile.SALESFORCE,
                List.of(
                    "Id",
                    "WhoId",
                    "OwnerId",
                    "Subject",
                    "Description",
                    "StartDateTime",
                    "DurationInMinutes",
                    "Type"))) {
      world.each("interactions", i -> activity(i, task, event));
    }
  }

  private void activity(Map<String, String> i, ExportFile task, ExportFile event) {
    String channel = i.get(CHANNEL);
    String authorType = i.get(AUTHOR_TYPE);
    boolean inbound = "inbound".equals(i.get(DIRECTION));
    String who = contacts.get(i.get(CUSTOMER_ID));
    String owner =
        "system".equals(authorType)
            ? integrationUser
            : users.getOrDefault(i.get(AUTHOR_ID), contactOwner.get(i.get(CUSTOMER_ID)));
    if ("in_person".equals(channel)) {
      String id = ExportIds.salesforce(ExportIds.EVENT, events++);
      exported(i.get(INTERACTION_ID), id);
      long seconds =
          i.get(DURATION_SECONDS).isEmpty() ? 1800 : Long.parseLong(i.get(DURATION_SECONDS));
      event.write(
          id,
          who,
          owner,
          subject(i),
          i.get(BODY),
          utc(i.get(OCCURRED_AT)),
          String.valueOf(Math.max(1, Math.round(seconds / 60.0))),
          "Meeting");
      return;
    }
    if (inbound && !"phone".equals(channel)) {
      return;
    }
    String subtype;
    if ("phone".equals(channel)) {
      subtype = "Call";
    } else if ("email".equals(channel)) {
      subtype = i.get(CAMPAIGN_ID).isEmpty() ? "Email" : "ListEmail";
    } else {
      subtype = "Task";
    }
    boolean call = subtype.equals("Call");
    String id = ExportIds.salesforce(ExportIds.TASK, tasks++);
    exported(i.get(INTERACTION_ID), id);
    String campaign =
        i.get(CAMPAIGN_ID).isEmpty()
            ? ""
            : campaigns.computeIfAbsent(
                i.get(CAMPAIGN_ID),
                k -> ExportIds.salesforce(ExportIds.CAMPAIGN, campaigns.size()));
    task.write(
        id,
        who,
        campaign,
        owner,
        subject(i),
        i.get(BODY),
        localDate(i.get(OCCURRED_AT)).toString(),
        utc(i.get(OCCURRED_AT)),
        subtype,
        call ? (inbound ? "Inbound" : "Outbound") : "",
        call ? nz(i.get(DURATION_SECONDS)) : "",
        call ? disposition(i.get(OUTCOME)) : "",
        "Completed");
  }

  private static String subject(Map<String, String> i) {
    if (!i.get(SUBJECT).isEmpty()) {
      return i.get(SUBJECT);
    }
    return switch (i.get(CHANNEL)) {
      case "phone" -> "Call";
      case "in_person" -> "Meeting";
      case "sms" -> "Text message";
      case "app" -> "App message";
      case "letter" -> "Letter";
      default -> "Email";
    };
  }

  private static String disposition(String outcome) {
    return switch (nz(outcome)) {
      case "answered" -> "Connected";
      case "voicemail" -> "Left voicemail";
      case "no_answer" -> "No answer";
      default -> "";
    };
  }

  @Override
  String config(LocalDate asOf) {
    return """
        # rapport profile for a Salesforce org.
        # - User, Contact, Task, Event: Data Loader extracts (API field names as headers, every field quoted,
        #   CRLF, ISO dates, date-times in UTC with milliseconds and Z).
        # - Opportunity: a report export (field labels as headers, M/d/yyyy dates, $1,234.50 amounts).
        # Copy this file next to your exports and adjust as_of, time_zone and the paths.
        as_of: %s
        time_zone: %s
        horizon_days: 180
        inputs:
          reps:
            path: User.csv
            columns:
              rep_id: Id
              name: Name
              email: Email
              active: IsActive
              team: Department
          customers:
            path: Contact.csv
            columns:
              customer_id: Id
              household_id: AccountId         # household accounts (NPSP) group a family's contacts
              first_name: FirstName
              last_name: LastName
              email: Email
              phone: Phone
              birth_date: Birthdate
              city: MailingCity
              region: MailingState
              country: MailingCountry
              owner_rep_id: OwnerId
              do_not_contact: DoNotCall
              customer_since: CreatedDate
          orders:
            path: Opportunity.csv
            columns:
              order_id: Opportunity ID
              customer_id: Contact ID
              ordered_at: {source: Close Date, format: M/d/yyyy}
              amount: Amount
              status: {source: Stage, values: {Closed Won: completed, Closed Lost: cancelled}}
          interactions:
            sources:
              - path: Task.csv
                columns:
                  interaction_id: Id
                  customer_id: WhoId
                  occurred_at: CompletedDateTime
                  channel:
                    source: TaskSubtype
                    values: {Call: phone, Email: email, ListEmail: email, Cadence: email, Task: other}
                  direction:                  # only calls say; e-mails and list e-mails go out
                    source: CallType
                    values: {Inbound: inbound, Outbound: outbound, Internal: outbound}
                    default: outbound
                  author_id: OwnerId
                  campaign_id: WhatId         # list e-mails point at their Campaign
                  subject: Subject
                  body: Description
                  duration_seconds: CallDurationInSeconds
                  outcome:
                    source: CallDisposition
                    values: {Connected: answered, Left voicemail: voicemail, No answer: no_answer}
              - path: Event.csv
                columns:
                  interaction_id: Id
                  customer_id: WhoId
                  occurred_at: StartDateTime
                  channel: {source: Type, values: {Meeting: in_person, Call: phone}}
                  direction: {value: outbound}
                  author_type: {value: rep}
                  author_id: OwnerId
                  subject: Subject
                  body: Description
                  duration_seconds: {source: DurationInMinutes, scale: 60}
        """
        .formatted(asOf, zone.getId());
  }
}
