package rapport.touches;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class PersonalScoreTest {
  static final TouchSettings S = TouchSettings.DEFAULTS;

  /** Signals with readable defaults: a written outbound message nothing else is known about. */
  static final class Touch {
    String channel = "email";
    String direction = "outbound";
    String authorType = "unknown";
    String outcome = "delivered";
    Integer duration;
    boolean campaign;
    int tokens = 20;
    long fanout = 1;
    long authorFanout = 1;
    double nearFanout = 1_000_000;
    long dayCustomers = 1;
    long authorDayCustomers;
    double usualDayCustomers = 1;
    long authorMinuteCustomers = 1;
    boolean autoPhrase;
    Double minutesAfterInbound;
    Double minutesAfterOrder;
    boolean replied;
    boolean household;
    double earlierIdf;
    int uniqueWords;

    PersonalScore.Result score() {
      return PersonalScore.score(
          new PersonalScore.Signals(
              channel,
              direction,
              authorType,
              outcome,
              duration,
              campaign,
              tokens,
              fanout,
              authorFanout,
              nearFanout,
              dayCustomers,
              authorDayCustomers,
              usualDayCustomers,
              authorMinuteCustomers,
              autoPhrase,
              minutesAfterInbound,
              minutesAfterOrder,
              replied,
              household,
              earlierIdf,
              uniqueWords),
          S);
    }
  }

  @Test
  void inboundIsInboundWhateverElse() {
    Touch t = new Touch();
    t.direction = "inbound";
    t.campaign = true;
    t.autoPhrase = true;
    PersonalScore.Result r = t.score();
    assertEquals("inbound", r.kind());
    assertEquals(List.of("CUSTOMER_INITIATED"), r.reasons());
  }

  @Test
  void anAnsweredCallLoggedBySystemIsPersonal() {
    Touch t = new Touch();
    t.channel = "phone";
    t.authorType = "system";
    t.outcome = "answered";
    t.duration = 372;
    t.fanout = t.authorFanout = t.dayCustomers = t.authorDayCustomers = 900;
    PersonalScore.Result r = t.score();
    assertEquals("personal", r.kind());
    assertEquals(List.of("ANSWERED_CALL_6MIN", "SYSTEM_AUTHOR"), r.reasons());
    assertEquals(1 / (1 + Math.exp(-3.5)), r.score(), 1e-12);
  }

  @Test
  void aDiallerBurstIsAutomatedEvenWhenAnswered() {
    Touch t = new Touch();
    t.channel = "phone";
    t.authorType = "system";
    t.outcome = "answered";
    t.duration = 15;
    t.authorMinuteCustomers = 12;
    PersonalScore.Result r = t.score();
    assertEquals("automated", r.kind());
    assertEquals(List.of("ANSWERED_CALL_15S", "AUTHOR_BURST_12", "SYSTEM_AUTHOR"), r.reasons());
  }

  @Test
  void aTwentySecondPickupChatIsPersonal() {
    Touch t = new Touch();
    t.channel = "in_person";
    t.authorType = "rep";
    t.outcome = "completed";
    t.duration = 20;
    t.minutesAfterOrder = 4.0;
    t.tokens = 6;
    t.fanout = 300;
    assertEquals(List.of("PICKUP_CHAT_20S", "REP_AUTHOR"), t.score().reasons());
  }

  @Test
  void sharedShortTextIsWeakEvidenceButASharedParagraphIsStrong() {
    Touch shortText = new Touch();
    shortText.authorType = "rep";
    shortText.tokens = 3;
    shortText.fanout = 400;
    shortText.authorFanout = 12;
    assertEquals("personal", shortText.score().kind());
    Touch paragraph = new Touch();
    paragraph.authorType = "rep";
    paragraph.tokens = 40;
    paragraph.fanout = 400;
    paragraph.authorFanout = 120;
    PersonalScore.Result r = paragraph.score();
    assertEquals("automated", r.kind());
    assertEquals(List.of("TEMPLATE_FANOUT_400", "REP_AUTHOR"), r.reasons());
  }

  @Test
  void aSequenceFromTheRepsMailboxIsABulkBurst() {
    Touch t = new Touch();
    t.authorType = "rep";
    t.tokens = 35;
    t.fanout = 12;
    t.authorFanout = 4;
    t.authorDayCustomers = 55;
    PersonalScore.Result r = t.score();
    assertEquals("automated", r.kind());
    assertEquals("BULK_BURST_55", r.reasons().get(0));
  }

  @Test
  void aCampaignReachingOneCustomerIsStillACampaign() {
    Touch t = new Touch();
    t.authorType = "rep";
    t.campaign = true;
    t.uniqueWords = 2;
    assertEquals("automated", t.score().kind());
  }

  @Test
  void anAutoReplyByTimingOrByWording() {
    Touch quick = new Touch();
    quick.minutesAfterInbound = 1.5;
    assertEquals("AUTO_REPLY", quick.score().reasons().get(0));
    assertEquals("automated", quick.score().kind());
    Touch worded = new Touch();
    worded.autoPhrase = true;
    assertEquals("automated", worded.score().kind());
  }

  @Test
  void untemplatedTextFromAnUnknownAuthorLeansPersonal() {
    Touch t = new Touch();
    t.tokens = 30;
    PersonalScore.Result r = t.score();
    assertEquals("personal", r.kind());
    assertEquals(List.of("UNTEMPLATED"), r.reasons());
  }

  @Test
  void specificityOutweighsALookAlikeText() {
    Touch t = new Touch();
    t.authorType = "rep";
    t.fanout = 30;
    t.authorFanout = 8;
    t.household = true;
    t.replied = true;
    PersonalScore.Result r = t.score();
    assertEquals("personal", r.kind());
    assertEquals(
        List.of("MENTIONS_HOUSEHOLD", "TEMPLATE_FANOUT_30", "CUSTOMER_REPLIED", "REP_AUTHOR"),
        r.reasons());
  }

  @Test
  void scoreStaysInTheUnitInterval() {
    Touch t = new Touch();
    t.authorType = "system";
    t.campaign = true;
    t.tokens = 80;
    t.fanout = t.authorFanout = 1_000_000;
    t.dayCustomers = t.authorDayCustomers = 100_000;
    t.authorMinuteCustomers = 5_000;
    t.autoPhrase = true;
    double s = t.score().score();
    assertTrue(s >= 0 && s < 1e-6);
  }

  @Test
  void aTouchWithoutAnyEvidenceIsNotPersonal() {
    // an outbound call with no outcome, no duration, no author and no text: z was 0, score 0.5
    Touch t = new Touch();
    t.channel = "phone";
    t.outcome = null;
    t.tokens = 0;
    t.fanout = t.authorFanout = t.dayCustomers = 0;
    PersonalScore.Result r = t.score();
    assertEquals("automated", r.kind());
    assertEquals(List.of("NO_EVIDENCE"), r.reasons());
    assertEquals(1 / (1 + Math.exp(1.5)), r.score(), 1e-12);
    // a rep's name alone is a hint, not evidence
    t.authorType = "rep";
    assertEquals("automated", t.score().kind());
    // any outcome of a conversation is evidence
    t.outcome = "no_answer";
    assertEquals("personal", t.score().kind());
    assertTrue(!t.score().reasons().contains("NO_EVIDENCE"));
  }

  @Test
  void aBusyRepsOrdinaryDayIsNotABurstButABulkSendStillIs() {
    Touch t = new Touch();
    t.authorType = "rep";
    t.tokens = 12;
    t.fanout = t.authorFanout = 4;
    t.usualDayCustomers = 20;
    t.authorDayCustomers = 25;
    assertTrue(t.score().reasons().stream().noneMatch(c -> c.startsWith("BULK_BURST")));
    assertEquals("personal", t.score().kind());
    // three times its busy day
    t.authorDayCustomers = 60;
    assertEquals("BULK_BURST_60", t.score().reasons().get(0));
    // hundreds in a day are a bulk send whatever the author's habit
    t.usualDayCustomers = 400;
    t.authorDayCustomers = 300;
    assertEquals("BULK_BURST_300", t.score().reasons().get(0));
    assertEquals("automated", t.score().kind());
    // a quiet author's usual day does not lower the fixed floor
    t.usualDayCustomers = 1;
    t.authorDayCustomers = 9;
    assertTrue(t.score().reasons().stream().noneMatch(c -> c.startsWith("BULK_BURST")));
  }

  @Test
  void aSharedPhraseAroundOtherWordsIsWeakTemplateEvidence() {
    // the loose cluster reached 300 customers through one rep, yet the very words reached only 2
    Touch t = new Touch();
    t.authorType = "rep";
    t.tokens = 14;
    t.fanout = t.authorFanout = 300;
    t.nearFanout = 2;
    assertEquals("personal", t.score().kind());
    t.nearFanout = 300;
    assertEquals("automated", t.score().kind());
  }
}
