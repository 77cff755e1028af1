package rapport.generate.export;

import static rapport.schema.Columns.*;

import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A HubSpot portal's exports: the Contacts, Deals, Calls, E-mails and Meetings indexes and the
 * Users settings page. Display names as headers, times in the portal's time zone without offset,
 * LF, quotes only where needed; owners and assignees by name; associations as Record IDs.
 *
 * <p>What HubSpot's activity exports do not hold is left out, as a portal's would: text messages,
 * app pushes and letters (no standard activity), automated calls, and returned orders (no standard
 * deal stage). Marketing e-mails carry no assignee; a customer's e-mail is assigned to the contact
 * owner, as the inbox integration logs it.
 */
final class HubSpotExport extends ExportLayout {
  private static final long CONTACT_BASE = 51_200;
  private static final long DEAL_BASE = 9_770_000_000L;
  private static final long CALL_BASE = 48_800_000_000L;
  private static final long EMAIL_BASE = 49_900_000_000L;
  private static final long MEETING_BASE = 50_600_000_000L;

  private final Map<String, String> owners = new HashMap<>();
  private final Map<String, String> contacts = new HashMap<>();
  private final Map<String, String> contactOwner = new HashMap<>();
  private final Map<String, String> firstNames = new HashMap<>();
  private long calls;
  private long emails;
  private long meetings;

  HubSpotExport(Path out, ZoneId zone) {
    super(out, zone);
  }

  @Override
  List<String> fileNames() {
    return List.of(
        "users.csv", "contacts.csv", "deals.csv", "calls.csv", "emails.csv", "meetings.csv");
  }

  @Override
  void write(CanonicalWorld world) {
    try (ExportFile f =
        open("users.csv", ExportFile.HUBSPOT, List.of("Name", "Email", "Team", "Status"))) {
      world.each(
          "reps",
          r -> {
            owners.put(r.get(REP_ID), r.get(NAME));
            f.write(
                r.get(NAME),
                r.get(EMAIL),
                r.get(TEAM),
                "true".equals(r.get(ACTIVE)) ? "Active" : "Deactivated");
          });
    }
    writeContacts(world);
    writeDeals(world);
    writeActivities(world);
  }

  private void writeContacts(CanonicalWorld world) {
    try (ExportFile f =
        open(
            "contacts.csv",
            ExportFile.HUBSPOT,
            List.of(
                "Record ID",
                "First Name",
                "Last Name",
                "Email",
                "Phone Number",
                "Date of birth",
                "City",
                "State/Region",
                "Country/Region",
                "Contact owner",
                "Create Date",
                "Lifecycle Stage",
                "Unsubscribed from all email"))) {
      world.each(
          "customers",
          c -> {
            String id = ExportIds.hubspot(CONTACT_BASE, contacts.size());
            contacts.put(c.get(CUSTOMER_ID), id);
            String owner = owners.getOrDefault(c.get(OWNER_REP_ID), "");
            contactOwner.put(c.get(CUSTOMER_ID), owner);
            firstNames.put(c.get(CUSTOMER_ID), c.get(FIRST_NAME));
            f.write(
                id,
                c.get(FIRST_NAME),
                c.get(LAST_NAME),
                c.get(EMAIL),
                c.get(PHONE),
                c.get(BIRTH_DATE),
                c.get(CITY),
                c.get(REGION),
                country(c.get(COUNTRY)),
                owner,
                createdOn(c.get(CUSTOMER_SINCE)).format(LOCAL_MINUTES),
                "customer",
                c.get(DO_NOT_CONTACT));
          });
    }
  }

  private void writeDeals(CanonicalWorld world) {
    long[] n = {0};
    try (ExportFile f =
        open(
            "deals.csv",
            ExportFile.HUBSPOT,
            List.of(
                "Record ID",
                "Deal Name",
                "Amount",
                "Close Date",
                "Deal Stage",
                "Associated Contact IDs"))) {
      world.each(
          "orders",
          o -> {
            String stage =
                switch (o.get(STATUS)) {
                  case "completed" -> "closedwon";
                  case "cancelled" -> "closedlost";
                  default -> null;
                };
            if (stage == null) {
              return;
            }
            f.write(
                ExportIds.hubspot(DEAL_BASE, n[0]++),
                o.get(CATEGORY) + " order, " + firstNames.get(o.get(CUSTOMER_ID)),
                o.get(AMOUNT),
                local(o.get(ORDERED_AT)),
                stage,
                contacts.get(o.get(CUSTOMER_ID)));
          });
    }
  }

  private void writeActivities(CanonicalWorld world) {
    try (ExportFile call =
            open(
                "calls.csv",
                ExportFile.HUBSPOT,
                List.of(
                    "Record ID",
                    "Activity date",
                    "Activity assigned to",
                    "Call title",
                    "Call notes",
                    "Call direction",
                    "Call outcome",
                    "Call duration (milliseconds)",
                    "Associated Contact IDs"));
        ExportFile email =
            open(
                "emails.csv",
                ExportFile.HUBSPOT,
                List.of(
                    "Record ID",
                    "Activity date",
                    "Activity assigned to",
                    "Email subject",
                    "Email body",
                    "Email direction",
                    "Associated Contact IDs"));
        ExportFile meeting =
            open(
                "meetings.csv",
                ExportFile.HUBSPOT,
                List.of(
                    "Record ID",
                    "Activity date",
                    "Activity assigned to",
                    "Meeting name",
                    "Meeting description",
                    "Meeting outcome",
                    "Associated Contact IDs"))) {
      world.each("interactions", i -> activity(i, call, email, meeting));
    }
  }

  private void activity(
      Map<String, String> i, ExportFile call, ExportFile email, ExportFile meeting) {
    String customer = i.get(CUSTOMER_ID);
    String contact = contacts.get(customer);
    boolean system = "system".equals(i.get(AUTHOR_TYPE));
    boolean inbound = "inbound".equals(i.get(DIRECTION));
    String assignee = owners.getOrDefault(i.get(AUTHOR_ID), contactOwner.get(customer));
    String at = local(i.get(OCCURRED_AT));
    switch (i.get(CHANNEL)) {
      case "phone" -> {
        if (system) {
          return;
        }
        String id = ExportIds.hubspot(CALL_BASE, calls++);
        exported(i.get(INTERACTION_ID), id);
        String seconds = i.get(DURATION_SECONDS);
        call.write(
            id,
            at,
            assignee,
            i.get(SUBJECT).isEmpty() ? "Call with " + firstNames.get(customer) : i.get(SUBJECT),
            i.get(BODY),
            inbound ? "INBOUND" : "OUTBOUND",
            switch (nz(i.get(OUTCOME))) {
              case "answered" -> "CONNECTED";
              case "voicemail" -> "LEFT_VOICEMAIL";
              case "no_answer" -> "NO_ANSWER";
              default -> "";
            },
            seconds.isEmpty() ? "" : String.valueOf(Long.parseLong(seconds) * 1000),
            contact);
      }
      case "email" -> {
        String id = ExportIds.hubspot(EMAIL_BASE, emails++);
        exported(i.get(INTERACTION_ID), id);
        email.write(
            id,
            at,
            system ? "" : assignee,
            i.get(SUBJECT),
            i.get(BODY),
            inbound ? "INCOMING_EMAIL" : "EMAIL",
            contact);
      }
      case "in_person" -> {
        String id = ExportIds.hubspot(MEETING_BASE, meetings++);
        exported(i.get(INTERACTION_ID), id);
        meeting.write(
            id,
            at,
            assignee,
            i.get(SUBJECT).isEmpty() ? "Meeting with " + firstNames.get(customer) : i.get(SUBJECT),
            i.get(BODY),
            "COMPLETED",
            contact);
      }
      default -> {}
    }
  }

  @Override
  String config(LocalDate asOf) {
    return """
        # rapport profile for a HubSpot portal: exports from the Contacts, Deals and Activities (calls,
        # e-mails, meetings) indexes and the Users settings page. Display names as headers, times in
        # the portal's time zone without offset, LF, quotes only where needed.
        # Copy this file next to your exports and adjust as_of, time_zone and the paths.
        as_of: %s
        time_zone: %s
        horizon_days: 180
        inputs:
          reps:
            path: users.csv
            columns:
              rep_id: Name                    # contacts name their owner by name
              name: Name
              email: Email
              team: Team
              active: {source: Status, values: {Active: "true", Deactivated: "false"}}
          customers:
            path: contacts.csv
            columns:
              customer_id: Record ID
              first_name: First Name
              last_name: Last Name
              email: Email
              phone: Phone Number
              birth_date: Date of birth
              city: City
              region: State/Region
              country: Country/Region
              owner_rep_id: Contact owner
              customer_since: Create Date
              # HubSpot has no do-not-contact flag; unsubscribing from all e-mail is the closest signal
              do_not_contact: Unsubscribed from all email
          orders:
            path: deals.csv
            columns:
              order_id: Record ID
              customer_id: Associated Contact IDs
              ordered_at: Close Date
              amount: Amount
              status: {source: Deal Stage, values: {closedwon: completed, closedlost: cancelled}}
          interactions:
            sources:
              - path: calls.csv
                columns:
                  interaction_id: Record ID
                  customer_id: Associated Contact IDs
                  occurred_at: Activity date
                  channel: {value: phone}
                  direction: Call direction
                  author_type: {value: rep}
                  author_id: Activity assigned to
                  subject: Call title
                  body: Call notes
                  outcome:
                    source: Call outcome
                    values: {CONNECTED: answered, LEFT_VOICEMAIL: voicemail, NO_ANSWER: no_answer}
                  duration_seconds: {source: Call duration (milliseconds), scale: 0.001}
              - path: emails.csv
                columns:
                  interaction_id: Record ID
                  customer_id: Associated Contact IDs
                  occurred_at: Activity date
                  channel: {value: email}
                  direction:
                    source: Email direction
                    values: {EMAIL: outbound, INCOMING_EMAIL: inbound, FORWARDED_EMAIL: outbound}
                  author_id: Activity assigned to
                  subject: Email subject
                  body: Email body
              - path: meetings.csv
                columns:
                  interaction_id: Record ID
                  customer_id: Associated Contact IDs
                  occurred_at: Activity date
                  channel: {value: in_person}
                  direction: {value: outbound}
                  author_type: {value: rep}
                  author_id: Activity assigned to
                  subject: Meeting name
                  body: Meeting description
        """
        .formatted(asOf, zone.getId());
  }
}
