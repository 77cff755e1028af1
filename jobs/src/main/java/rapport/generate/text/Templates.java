package rapport.generate.text;

/**
 * The automated messages of the world. Each is one text sent to many customers that differs only in
 * its merge fields ({first}, {model}, {amount}...), as a CRM renders it.
 */
public final class Templates {
  private Templates() {}

  /** A subject and a body with {placeholders}. */
  public record Template(String subject, String body) {}

  public static final Template[] BIRTHDAY_EMAIL = {
    new Template(
        "Happy birthday, {first}!",
        "Dear {first},\n\nall of us at {brand} wish you a wonderful birthday! As a small gift, {gift}"
            + " is on us: just show this e-mail.\n\nWarm wishes,\nYour {brand} team"),
    new Template(
        "{first}, it's your day!",
        "Hello {first} {last},\n\nhappy birthday from {brand}! We hope the year ahead brings you"
            + " everything you wish for. Your birthday voucher: {gift} (code {code}), valid for 30"
            + " days.\n\nBest regards\n{brand}"),
  };

  public static final String[] BIRTHDAY_SMS = {
    "Happy birthday {first}! {brand} wishes you a great day. Your gift: {gift}, code {code}.",
    "{brand}: Alles Gute zum Geburtstag, {first}! Enjoy {gift} on us this week (code {code}).",
  };

  public static final String[] BIRTHDAY_GIFTS = {
    "a free cappuccino", "a free car wash", "a slice of cake", "10% off your next service"
  };

  public static final Template[] DEALER_CAMPAIGNS = {
    new Template(
        "{first}, time for your tyre change",
        "Dear {first} {last},\n\nthe season is changing. Book your tyre change for your {model} now"
            + " and get the wheel storage for free. Appointments at {brand}: online or by phone."
            + "\n\nYour service team"),
    new Template(
        "Exclusive trade-in offer for {model} owners",
        "Hello {first},\n\nyour {model} is worth more than you think. Until the end of the month"
            + " we add EUR 1,500 to every trade-in valuation. Come by for a free appraisal.\n\n"
            + "Kind regards,\n{brand}"),
    new Template(
        "Invitation: electric test-drive weekend",
        "Dear {first},\n\nwe invite you to our electric test-drive weekend at {brand}. Drive the"
            + " ID.4 and the Enyaq, enjoy coffee and cake, and let our experts answer your"
            + " questions.\n\nWe look forward to seeing you!"),
    new Template(
        "Your winter check for EUR 29",
        "Hello {first} {last},\n\nget your {model} ready for winter: battery, lights, wipers and"
            + " antifreeze checked for only EUR 29. Book now at {brand}.\n\nSafe travels!"),
  };

  public static final Template[] COFFEE_CAMPAIGNS = {
    new Template(
        "New: the {season} menu",
        "Hi {first}! Our {season} drinks are here. Order in the app and pick up at the counter,"
            + " no waiting. See you soon at {brand}!"),
    new Template(
        "Double points this week, {first}",
        "Hi {first}, collect double loyalty points on every app order until Sunday. You have"
            + " {points} points already!"),
    new Template(
        "Breakfast is served",
        "Good morning {first}! Croissant and filter coffee for EUR 4.50 every weekday before 10."
            + " Order ahead in the {brand} app."),
    new Template(
        "We miss you, {first}",
        "Hi {first}, it's been a while! Here is a free drink on your next app order: code {code}."),
  };

  public static final String[] SEASONS = {"winter", "spring", "summer", "autumn"};

  public static final String[] NEWSLETTER_TOPICS = {
    "our new service bay and longer opening hours",
    "five tips for your first electric car",
    "the summer street festival and our coffee cart",
    "winter tyres: what the law says",
    "meet our new baristas and the single-origin beans",
    "the charity run we sponsor this year",
  };

  public static final Template NEWSLETTER =
      new Template(
          "Lindner News – {month}",
          "Dear customers,\n\nthis month: {topic}. Read more on our website and follow us on"
              + " social media.\n\nYour Lindner team\n\nYou receive this newsletter because you"
              + " subscribed. Unsubscribe: lindner.example/unsubscribe");

  public static final Template SERVICE_REMINDER =
      new Template(
          "Your {model} is due for inspection",
          "Hello {first} {last},\n\nour records show that your {model} is due for its annual"
              + " inspection from {date}. Book online or reply to this e-mail to get an"
              + " appointment.\n\n{brand} Service");

  public static final String SERVICE_REMINDER_SMS =
      "{brand}: Hi {first}, your {model} is due for inspection from {date}. Reply YES for a"
          + " call back.";

  public static final Template DEALER_RECEIPT =
      new Template(
          "Invoice {order}",
          "Thank you for your visit to {brand}. Your invoice {order} over EUR {amount} is"
              + " attached. Payment is due within 14 days.");

  public static final Template COFFEE_RECEIPT =
      new Template(
          "Your receipt from {brand}",
          "Order {order}: EUR {amount}. Picked up at {location}. Thank you and see you soon!");

  /** A rep's sequence: three steps, sent from the rep's own mailbox, identical for all. */
  public static final Template[] SEQUENCE = {
    new Template(
        "Quick question about your {model}",
        "Hi {first},\n\nI hope you are doing well! I'm reaching out to a few of my customers to"
            + " ask how the {model} is treating you. Is there anything I can help with?\n\n"
            + "Best,\n{rep}"),
    new Template(
        "Re: Quick question about your {model}",
        "Hi {first},\n\njust following up on my last e-mail. We currently have attractive"
            + " financing for upgrades. Would a short call this week work for you?\n\nBest,\n{rep}"),
    new Template(
        "Last try, {first}",
        "Hi {first},\n\nI don't want to fill your inbox, so this is my last note on this. If"
            + " you'd like to talk about your next car, just reply.\n\nAll the best,\n{rep}"),
  };

  public static final Template AUTO_REPLY =
      new Template(
          "Automatic reply: {subject}",
          "Thank you for your message. This is an automatic confirmation: we have received it"
              + " (ticket {ticket}) and will get back to you within two working days.\n\n{brand}"
              + " Customer Service");

  public static final String[] RECALL_ISSUES = {
    "the airbag control unit",
    "the rear brake hoses",
    "the high-voltage battery software",
    "the fuel pump"
  };

  public static final Template RECALL =
      new Template(
          "Important: safety recall for your {model}",
          "Dear {first} {last},\n\nthe manufacturer has issued a recall for {issue} of certain"
              + " {model} vehicles, including yours. The repair is free of charge and takes about"
              + " two hours. Please book an appointment with {brand}.\n\nReference: {code}");

  public static final Template[] TINY = {
    new Template(
        "A private invitation for you, {first}",
        "Dear {first},\n\nas one of our most valued customers, we would like to invite you to a"
            + " private preview evening at {brand} on Friday. Champagne, a first look and no sales"
            + " talk.\n\nWith kind regards,\nThe Lindner family"),
    new Template(
        "Your feedback matters, {first}",
        "Dear {first},\n\nyou have been with us for a long time. Would you join a small"
            + " customer panel of three to help shape our new lounge?\n\nThank you,\n{brand}"),
    new Template(
        "A thank-you from {brand}",
        "Dear {first} {last},\n\nthank you for your loyalty. Please accept the enclosed voucher"
            + " {code} as a small thank-you.\n\nYour {brand} team"),
  };

  /** Replaces each {key} by its value; pairs are key, value, key, value... */
  public static String fill(String pattern, String... pairs) {
    return fillFrom(pattern, pairs);
  }

  /**
   * One pass over the pattern, looking each {key} up in the pair arrays in order. A key without a
   * value stays as it is, so that callers can tell an unfillable fragment by its remaining brace.
   */
  static String fillFrom(String pattern, String[]... pairSets) {
    int open = pattern.indexOf('{');
    if (open < 0) {
      return pattern;
    }
    StringBuilder out = new StringBuilder(pattern.length() + 32);
    int from = 0;
    while (open >= 0) {
      int close = pattern.indexOf('}', open);
      if (close < 0) {
        break;
      }
      out.append(pattern, from, open);
      String value = lookup(pattern, open + 1, close, pairSets);
      if (value == null) {
        out.append(pattern, open, close + 1);
      } else {
        out.append(value);
      }
      from = close + 1;
      open = pattern.indexOf('{', from);
    }
    out.append(pattern, from, pattern.length());
    return out.toString();
  }

  private static String lookup(String pattern, int start, int end, String[][] pairSets) {
    int len = end - start;
    for (String[] pairs : pairSets) {
      for (int i = 0; i < pairs.length; i += 2) {
        String k = pairs[i];
        if (k.length() == len && pattern.regionMatches(start, k, 0, len) && pairs[i + 1] != null) {
          return pairs[i + 1];
        }
      }
    }
    return null;
  }
}
