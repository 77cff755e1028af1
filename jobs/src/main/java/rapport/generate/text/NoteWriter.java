package rapport.generate.text;

import java.util.ArrayList;
import java.util.List;
import rapport.generate.purchase.Rng;
import rapport.generate.world.Customer;
import rapport.generate.world.Rep;

/**
 * Writes the personal and inbound texts: notes of calls and visits, personal e-mails and texts,
 * pickup chats, customers' replies. Each is composed from several fragments chosen among those the
 * customer's facts allow, and follows up on what was talked about last time, so no two customers'
 * notes are alike except where a rep's habits make them so on purpose.
 */
public final class NoteWriter {
  private NoteWriter() {}

  /** A subject (may be null) and a body. */
  public record Text(String subject, String body) {}

  /** The note of an answered call. */
  public static Text call(Customer c, Memory memory, Rng rng) {
    Facts f = new Facts(c, rng);
    List<String> parts = new ArrayList<>();
    parts.add(rng.pick(f.usable(Fragments.OPENERS)));
    followUp(f, memory, rng, parts, 0.6);
    lifeAndCar(f, memory, rng, parts, 1 + rng.nextInt(2), c.dealership() ? rng.nextInt(2) : 0);
    String closing = rng.pick(f.usable(Fragments.CLOSINGS));
    if (!closing.isEmpty()) {
      parts.add(closing);
    }
    return new Text(rng.chance(0.5) ? "Call" : null, String.join(" ", parts));
  }

  /** A long note of a service call: the worry, the explanation, what was agreed. */
  public static Text serviceCall(Customer c, Memory memory, Rng rng) {
    Facts f = new Facts(c, rng);
    List<String> parts = new ArrayList<>();
    String issue = rng.pick(f.usable(Fragments.SERVICE_ISSUES));
    parts.add(f.fill("Long call with {first} about " + issue + " on the {model}."));
    List<String> details = f.usable(Fragments.SERVICE_DETAILS);
    int n = Math.min(details.size(), 3 + rng.nextInt(3));
    for (String d : sample(details, n, rng)) {
      parts.add(d);
    }
    followUp(f, memory, rng, parts, 0.4);
    lifeAndCar(f, memory, rng, parts, rng.nextInt(2), 0);
    memory.remember(issue);
    // Service notes are written paragraph by paragraph, as reps type them.
    return new Text("Service call", String.join(rng.chance(0.5) ? "\n" : " ", parts));
  }

  public static Text voicemail(Customer c, Memory memory, Rng rng) {
    Facts f = new Facts(c, rng);
    return new Text(null, rng.pick(f.usable(Fragments.VOICEMAILS, "topic", topic(f, memory))));
  }

  public static Text visit(Customer c, Memory memory, Rng rng) {
    Facts f = new Facts(c, rng);
    List<String> parts = new ArrayList<>();
    parts.add(rng.pick(f.usable(Fragments.VISITS)));
    followUp(f, memory, rng, parts, 0.5);
    lifeAndCar(f, memory, rng, parts, 1 + rng.nextInt(2), rng.nextInt(2));
    return new Text("Visit", String.join(" ", parts));
  }

  /**
   * A personal e-mail from the rep. Some open with a stock greeting that templates use too, some
   * end with the rep's habitual line, a few read like a rep's stock phrase around the names.
   */
  public static Text email(Customer c, Rep rep, Memory memory, Rng rng) {
    Facts f = new Facts(c, rng, true);
    String[] extras = {"rep_first", rep.firstName(), "topic", topic(f, memory)};
    StringBuilder b = new StringBuilder(rng.pick(f.usable(Fragments.GREETINGS))).append("\n\n");
    if (rng.chance(0.3)) {
      b.append(rng.pick(Fragments.STOCK_OPENERS)).append(' ');
    }
    List<String> lookAlikes = f.usable(Fragments.LOOK_ALIKES);
    List<String> parts = new ArrayList<>();
    if (!lookAlikes.isEmpty() && rng.chance(0.08)) {
      String s = rng.pick(lookAlikes);
      parts.add(Character.toUpperCase(s.charAt(0)) + s.substring(1));
    } else {
      followUp(f, memory, rng, parts, 0.5);
      lifeAndCar(f, memory, rng, parts, 1 + rng.nextInt(2), c.dealership() ? rng.nextInt(2) : 0);
    }
    b.append(String.join(" ", parts));
    int habit = Math.floorMod(rep.id().hashCode(), Fragments.REP_HABITS.length);
    if (rng.chance(0.6)) {
      b.append("\n\n").append(Fragments.REP_HABITS[habit]);
    }
    b.append("\n\n").append(rep.firstName());
    List<String> subjects = f.usable(Fragments.EMAIL_SUBJECTS, extras);
    return new Text(rng.pick(subjects), b.toString());
  }

  /** A personal text message of one or two sentences. */
  public static Text text(Customer c, Memory memory, Rng rng) {
    Facts f = new Facts(c, rng, true);
    List<String> parts = new ArrayList<>();
    parts.add(f.fill(rng.pick(new String[] {"Hi {first}!", "{first}!", "Hey {first}!"})));
    followUp(f, memory, rng, parts, 0.5);
    if (parts.size() == 1) {
      lifeAndCar(f, memory, rng, parts, 1, 0);
    }
    return new Text(null, String.join(" ", parts));
  }

  /**
   * A busy rep's quick text in the rep's own words: one of the rep's few habitual phrases around
   * the customer's last topic, and the rep's sign-off. Personal, yet alike across the rep's
   * customers whenever their topics are.
   */
  public static Text repPhraseText(Customer c, Rep rep, Memory memory, Rng rng) {
    Facts f = new Facts(c, rng, true);
    int habit = Math.floorMod(rep.id().hashCode(), Fragments.REP_PHRASES.length);
    // Three phrases per rep, the first the rep's favourite.
    int k = rng.chance(0.6) ? 0 : 1 + rng.nextInt(2);
    String phrase = Fragments.REP_PHRASES[(habit + 3 * k) % Fragments.REP_PHRASES.length];
    String topic = rng.chance(0.4) ? topic(f, memory) : null;
    if (topic == null) {
      topic = rng.pick(f.usable(Fragments.SPECIFIC_TOPICS));
    }
    String body = f.fill(phrase, "topic", topic);
    String signoff =
        Fragments.REP_SIGNOFFS[
            Math.floorMod(rep.id().hashCode() / 7, Fragments.REP_SIGNOFFS.length)];
    if (!signoff.isEmpty()) {
      body = body + " " + f.fill(signoff, "rep_first", rep.firstName());
    }
    return new Text(null, body);
  }

  /** A text of about three words: personal, yet hardly specific. */
  public static Text shortText(Customer c, Rng rng) {
    Facts f = new Facts(c, rng);
    return new Text(null, rng.pick(f.usable(Fragments.SHORT_TEXTS)));
  }

  /** What a barista notes after twenty seconds at the pickup counter. */
  public static Text pickupChat(Customer c, Memory memory, Rng rng) {
    Facts f = new Facts(c, rng);
    String s = rng.pick(f.usable(Fragments.PICKUP_CHATS, "topic", topic(f, memory)));
    if (rng.chance(0.3)) {
      memory.remember(f.fill("{event}"));
    }
    return new Text(null, s);
  }

  /** A customer's e-mail reply to a rep. */
  public static Text reply(Customer c, Rep rep, String subject, Rng rng) {
    Facts f = new Facts(c, rng);
    String sentence = rng.pick(f.usable(Fragments.REPLY_SENTENCES));
    String body =
        rng.pick(f.usable(Fragments.REPLIES, "rep_first", rep.firstName(), "sentence", sentence));
    return new Text(subject == null ? "Re: your message" : "Re: " + subject, body);
  }

  public static Text inboundCall(Customer c, Memory memory, Rng rng) {
    Facts f = new Facts(c, rng);
    return new Text(
        rng.chance(0.5) ? "Inbound call" : null,
        rng.pick(f.usable(Fragments.INBOUND_CALLS, "topic", topic(f, memory))));
  }

  /** A customer's e-mail to the service inbox (answered by an auto-reply). */
  public static Text inquiry(Customer c, Rng rng) {
    Facts f = new Facts(c, rng);
    String[] q = rng.pick(Fragments.INQUIRIES);
    return new Text(q[0], f.fill(q[1], "last", c.lastName()));
  }

  public static Text walkIn(Customer c, Rng rng) {
    Facts f = new Facts(c, rng);
    return new Text("Walk-in", rng.pick(f.usable(Fragments.WALK_INS)));
  }

  private static void followUp(Facts f, Memory memory, Rng rng, List<String> parts, double chance) {
    if (memory.isEmpty() || !rng.chance(chance)) {
      return;
    }
    String topic = f.fill(memory.last());
    if (f.you) {
      parts.add(f.fill(rng.pick(Fragments.FOLLOW_UPS_YOU), "topic", topic));
      return;
    }
    String outcome = f.fill(rng.pick(Fragments.OUTCOMES));
    parts.add(f.fill(rng.pick(Fragments.FOLLOW_UPS), "topic", topic, "outcome", outcome));
  }

  private static void lifeAndCar(
      Facts f, Memory memory, Rng rng, List<String> parts, int life, int car) {
    String[][] lives = f.you ? Fragments.LIFE_YOU : Fragments.LIFE;
    String[][] cars = f.you ? Fragments.CAR_YOU : Fragments.CAR;
    List<String[]> fresh = f.usablePairs(lives);
    fresh.removeIf(p -> memory.recalls(p[1]));
    for (String[] p : sample(fresh, life, rng)) {
      parts.add(p[0]);
      memory.remember(p[1]);
    }
    for (String[] p : sample(f.usablePairs(cars), car, rng)) {
      parts.add(p[0]);
      memory.remember(p[1]);
    }
  }

  /** The last topic in this text's voice, or null before the first conversation. */
  private static String topic(Facts f, Memory memory) {
    return memory.isEmpty() ? null : f.fill(memory.last());
  }

  /** Up to n distinct elements in random order (a partial Fisher–Yates shuffle). */
  private static <T> List<T> sample(List<T> pool, int n, Rng rng) {
    List<T> copy = new ArrayList<>(pool);
    int k = Math.min(n, copy.size());
    for (int i = 0; i < k; i++) {
      int j = i + rng.nextInt(copy.size() - i);
      T t = copy.get(i);
      copy.set(i, copy.get(j));
      copy.set(j, t);
    }
    return copy.subList(0, k);
  }
}
