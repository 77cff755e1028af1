package rapport.generate.touch;

import static rapport.schema.Columns.*;

import java.time.LocalDate;
import rapport.generate.purchase.Order;
import rapport.generate.purchase.Rng;
import rapport.generate.text.Memory;
import rapport.generate.text.NoteWriter;
import rapport.generate.text.NoteWriter.Text;
import rapport.generate.text.Templates;
import rapport.generate.text.Templates.Template;
import rapport.generate.world.Business;
import rapport.generate.world.Campaign;
import rapport.generate.world.Customer;
import rapport.generate.world.WorldClock;
import rapport.generate.write.Formats;
import rapport.generate.write.Row;

/**
 * Turns one customer's planned touches into interaction rows, in time order, remembering what was
 * talked about. Automated touches fill a template's merge fields; personal and inbound ones are
 * composed by {@link NoteWriter}. The author type is set the way CRMs log it, which is only a hint:
 * reps send sequences from their mailbox, the telephony system logs some answered calls.
 */
public final class InteractionRenderer {
  private final WorldClock clock;
  private final Row.Shape shape;
  private final Customer c;
  private final Rng rng;
  private final boolean busyReps;
  private final Memory memory = new Memory();
  private String lastSubject;

  /** Share of a busy rep's texts written in the rep's own habitual phrases. */
  public static final double REP_PHRASE_SHARE = 0.7;

  public InteractionRenderer(WorldClock clock, Row.Shape shape, Customer c, Rng rng) {
    this(clock, shape, c, rng, false);
  }

  /**
   * @param busyReps busy reps write most of their texts in their own habitual phrases
   */
  public InteractionRenderer(
      WorldClock clock, Row.Shape shape, Customer c, Rng rng, boolean busyReps) {
    this.busyReps = busyReps;
    this.clock = clock;
    this.shape = shape;
    this.c = c;
    this.rng = rng;
  }

  public String[] render(Planned p, String id, Order order, String orderId) {
    Row r = shape.row();
    r.set(INTERACTION_ID, id)
        .set(CUSTOMER_ID, c.id())
        .set(OCCURRED_AT, clock.timestamp(p.at()))
        .set(CHANNEL, p.channel())
        .set(DIRECTION, p.type().kind() == TouchKind.INBOUND ? "inbound" : "outbound");
    switch (p.type().kind()) {
      case AUTOMATED -> automated(p, r, order, orderId);
      case PERSONAL -> personal(p, r);
      case INBOUND -> inbound(p, r);
    }
    return r.values();
  }

  private void automated(Planned p, Row r, Order order, String orderId) {
    String brand = p.business().brand();
    int year = LocalDate.ofEpochDay(clock.dayOf(p.at())).getYear();
    String code = String.format("%s-%04d", codePrefix(p), rng.nextInt(10_000));
    String[] merge = {
      "first",
      c.firstName(),
      "last",
      c.lastName(),
      "brand",
      brand,
      "model",
      c.carModel(),
      "code",
      code,
      "rep",
      p.author() == null ? null : p.author().name()
    };
    Text t;
    String author = "system";
    String authorId;
    String campaign = p.campaign() == null ? null : p.campaign().id();
    String outcome = rng.pick(new String[] {"delivered", "delivered", "opened", "clicked"});
    switch (p.type()) {
      case BIRTHDAY_EMAIL, BIRTHDAY_SMS -> {
        String gift =
            Templates.BIRTHDAY_GIFTS[(p.business() == Business.COFFEE ? 0 : 1) * 2 + year % 2];
        String[] more = {"gift", gift};
        t =
            p.type() == TouchType.BIRTHDAY_SMS
                ? new Text(null, fill(Templates.BIRTHDAY_SMS[year % 2], merge, more))
                : template(Templates.BIRTHDAY_EMAIL[year % 2], merge, more);
        authorId = "crm-birthday";
        campaign = "BDAY-" + p.business().key() + "-" + year;
      }
      case CAMPAIGN -> {
        Campaign k = p.campaign();
        Template tpl =
            (k.business() == Business.DEALERSHIP
                    ? Templates.DEALER_CAMPAIGNS
                    : Templates.COFFEE_CAMPAIGNS)
                [k.template()];
        int month = LocalDate.ofEpochDay(k.day()).getMonthValue();
        String[] more = {
          "season",
          Templates.SEASONS[(month % 12) / 3],
          "points",
          String.valueOf(rng.between(20, 900))
        };
        t = template(tpl, merge, more);
        if (p.channel().equals("sms") || p.channel().equals("app")) {
          t = new Text(p.channel().equals("app") ? t.subject() : null, t.body());
        }
        authorId = "campaign-engine";
      }
      case NEWSLETTER -> {
        Campaign k = p.campaign();
        String month = LocalDate.ofEpochDay(k.day()).getMonth().toString();
        String[] more = {
          "month",
          month.charAt(0) + month.substring(1).toLowerCase() + " " + year,
          "topic",
          Templates.NEWSLETTER_TOPICS[k.template()]
        };
        t = template(Templates.NEWSLETTER, merge, more);
        authorId = "newsletter";
      }
      case RECALL_NOTICE -> {
        Campaign k = p.campaign();
        String[] more = {
          "model",
          k.model(),
          "issue",
          Templates.RECALL_ISSUES[k.template()],
          "code",
          "RC-" + k.id().substring(7).replace("-", "")
        };
        t = template(Templates.RECALL, more, merge);
        authorId = "recall-service";
        outcome = "delivered";
      }
      case TINY_CAMPAIGN -> {
        t = template(Templates.TINY[p.campaign().template()], merge);
        // Sent from the owner's name by marketing: the author type says rep.
        author = "rep";
        authorId = c.ownerOn(clock.dayOf(p.at())).id();
      }
      case SERVICE_REMINDER -> {
        String due = WorldClock.date(clock.dayOf(p.at()) + 14);
        String[] more = {"date", due};
        t =
            p.channel().equals("sms")
                ? new Text(null, fill(Templates.SERVICE_REMINDER_SMS, merge, more))
                : template(Templates.SERVICE_REMINDER, merge, more);
        authorId = "service-scheduler";
      }
      case RECEIPT -> {
        String[] more = {
          "order", orderId, "amount", Formats.amount(order.cents()), "location", order.locationId()
        };
        Template tpl =
            p.business() == Business.COFFEE ? Templates.COFFEE_RECEIPT : Templates.DEALER_RECEIPT;
        t = template(tpl, merge, more);
        authorId = p.business() == Business.COFFEE ? "pos" : "billing";
        outcome = "delivered";
      }
      case SEQUENCE -> {
        t = template(Templates.SEQUENCE[p.step()], merge);
        author = "rep";
        authorId = p.author().id();
        campaign = null;
      }
      case AUTO_REPLY -> {
        String[] more = {
          "subject",
          lastSubject == null ? "your message" : lastSubject,
          "ticket",
          String.valueOf(100_000 + rng.nextInt(900_000))
        };
        t = template(Templates.AUTO_REPLY, merge, more);
        authorId = "helpdesk";
        outcome = "delivered";
      }
      default -> throw new IllegalStateException("not automated: " + p.type());
    }
    text(r, t).set(AUTHOR_TYPE, author).set(AUTHOR_ID, authorId).set(CAMPAIGN_ID, campaign);
    r.set(OUTCOME, outcome);
  }

  private String codePrefix(Planned p) {
    return switch (p.type()) {
      case BIRTHDAY_EMAIL, BIRTHDAY_SMS -> "BD";
      case TINY_CAMPAIGN -> "VIP";
      default -> "CP";
    };
  }

  private void personal(Planned p, Row r) {
    Text t;
    int duration;
    String outcome = "answered";
    String author = "rep";
    String authorId = p.author().id();
    switch (p.type()) {
      case CALL -> {
        t = NoteWriter.call(c, memory, rng);
        duration = rng.between(90, 1200);
      }
      case CALL_LOGGED -> {
        duration = rng.between(60, 900);
        t =
            new Text(
                null,
                String.format(
                    "Outbound call to %s, answered, %dm %02ds.",
                    c.phone(), duration / 60, duration % 60));
        author = "system";
        authorId = "telephony";
      }
      case VOICEMAIL -> {
        t = NoteWriter.voicemail(c, memory, rng);
        duration = rng.between(15, 60);
        outcome = "voicemail";
      }
      case VISIT -> {
        t = NoteWriter.visit(c, memory, rng);
        duration = rng.between(900, 3600);
        outcome = "completed";
      }
      case SERVICE_CALL -> {
        t = NoteWriter.serviceCall(c, memory, rng);
        duration = rng.between(900, 2700);
      }
      case EMAIL -> {
        t = NoteWriter.email(c, p.author(), memory, rng);
        lastSubject = t.subject();
        duration = -1;
        outcome = rng.chance(0.5) ? "opened" : "delivered";
      }
      case TEXT -> {
        t =
            busyReps && rng.chance(REP_PHRASE_SHARE)
                ? NoteWriter.repPhraseText(c, p.author(), memory, rng)
                : NoteWriter.text(c, memory, rng);
        duration = -1;
        outcome = "delivered";
      }
      case SHORT_TEXT -> {
        t = NoteWriter.shortText(c, rng);
        duration = -1;
        outcome = "delivered";
      }
      case PICKUP_CHAT -> {
        t = NoteWriter.pickupChat(c, memory, rng);
        duration = rng.between(10, 40);
        outcome = "completed";
      }
      default -> throw new IllegalStateException("not personal: " + p.type());
    }
    text(r, t).set(AUTHOR_TYPE, author).set(AUTHOR_ID, authorId).set(OUTCOME, outcome);
    if (duration >= 0) {
      r.set(DURATION_SECONDS, String.valueOf(duration));
    }
  }

  private void inbound(Planned p, Row r) {
    Text t;
    String author = "rep";
    String authorId = p.author() == null ? null : p.author().id();
    String outcome = "answered";
    int duration = -1;
    switch (p.type()) {
      case REPLY -> {
        t = NoteWriter.reply(c, p.author(), lastSubject, rng);
        author = "customer";
        authorId = null;
        outcome = "received";
        if (p.channel().equals("sms")) {
          t = new Text(null, t.body());
        }
      }
      case INQUIRY -> {
        t = NoteWriter.inquiry(c, rng);
        lastSubject = t.subject();
        author = "customer";
        outcome = "received";
      }
      case INBOUND_CALL -> {
        t = NoteWriter.inboundCall(c, memory, rng);
        duration = rng.between(60, 900);
      }
      case WALK_IN -> {
        t = NoteWriter.walkIn(c, rng);
        duration = rng.between(300, 2700);
        outcome = "completed";
      }
      default -> throw new IllegalStateException("not inbound: " + p.type());
    }
    text(r, t).set(AUTHOR_TYPE, author).set(AUTHOR_ID, authorId).set(OUTCOME, outcome);
    if (duration >= 0) {
      r.set(DURATION_SECONDS, String.valueOf(duration));
    }
  }

  private static Row text(Row r, Text t) {
    return r.set(SUBJECT, t.subject()).set(BODY, t.body());
  }

  private static Text template(Template t, String[]... merges) {
    return new Text(fill(t.subject(), merges), fill(t.body(), merges));
  }

  private static String fill(String pattern, String[]... merges) {
    String out = pattern;
    for (String[] m : merges) {
      out = Templates.fill(out, m);
    }
    return out;
  }
}
