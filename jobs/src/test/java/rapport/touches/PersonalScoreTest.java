package rapport.touches;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class PersonalScoreTest {
  static final TouchSettings S = TouchSettings.DEFAULTS;

  /** A written outbound message with nothing known about it but its length. */
  static PersonalScore.Signals written(String authorType, int tokens) {
    return new PersonalScore.Signals(
        "email",
        "outbound",
        authorType,
        "delivered",
        null,
        false,
        tokens,
        1,
        1,
        1,
        1,
        false,
        null,
        null,
        false,
        false,
        0,
        0);
  }

  static PersonalScore.Signals with(
      PersonalScore.Signals x, long fanout, long authorFanout, long dayCustomers) {
    return new PersonalScore.Signals(
        x.channel(),
        x.direction(),
        x.authorType(),
        x.outcome(),
        x.durationSeconds(),
        x.hasCampaign(),
        x.tokens(),
        fanout,
        authorFanout,
        dayCustomers,
        x.authorMinuteCustomers(),
        x.autoReplyPhrase(),
        x.minutesAfterInbound(),
        x.minutesAfterOrder(),
        x.replied(),
        x.mentionsHousehold(),
        x.earlierIdf(),
        x.uniqueWords());
  }

  @Test
  void inboundIsInboundWhateverElse() {
    PersonalScore.Signals x =
        new PersonalScore.Signals(
            "email",
            "inbound",
            "customer",
            "received",
            null,
            true,
            40,
            0,
            0,
            0,
            0,
            true,
            null,
            null,
            false,
            false,
            0,
            0);
    PersonalScore.Result r = PersonalScore.score(x, S);
    assertEquals("inbound", r.kind());
    assertEquals(List.of("CUSTOMER_INITIATED"), r.reasons());
  }

  @Test
  void anAnsweredCallLoggedBySystemIsPersonal() {
    PersonalScore.Signals x =
        new PersonalScore.Signals(
            "phone",
            "outbound",
            "system",
            "answered",
            372,
            false,
            9,
            900,
            900,
            30,
            1,
            false,
            null,
            null,
            false,
            false,
            0,
            0);
    PersonalScore.Result r = PersonalScore.score(x, S);
    assertEquals("personal", r.kind());
    assertEquals(List.of("ANSWERED_CALL_6MIN", "SYSTEM_AUTHOR"), r.reasons());
    assertEquals(1 / (1 + Math.exp(-3.5)), r.score(), 1e-12);
  }

  @Test
  void aDiallerBurstIsAutomatedEvenWhenAnswered() {
    PersonalScore.Signals x =
        new PersonalScore.Signals(
            "phone",
            "outbound",
            "system",
            "answered",
            15,
            false,
            6,
            12,
            12,
            12,
            12,
            false,
            null,
            null,
            false,
            false,
            0,
            0);
    PersonalScore.Result r = PersonalScore.score(x, S);
    assertEquals("automated", r.kind());
    assertEquals("ANSWERED_CALL_15S", r.reasons().get(0));
    assertTrue(r.reasons().contains("AUTHOR_BURST_12"));
  }

  @Test
  void sharedShortTextIsWeakEvidenceButASharedParagraphIsStrong() {
    PersonalScore.Result shortText = PersonalScore.score(with(written("rep", 3), 400, 12, 1), S);
    assertEquals("personal", shortText.kind());
    PersonalScore.Result paragraph = PersonalScore.score(with(written("rep", 40), 400, 120, 1), S);
    assertEquals("automated", paragraph.kind());
    assertEquals(List.of("TEMPLATE_FANOUT_400", "REP_AUTHOR"), paragraph.reasons());
  }

  @Test
  void aSequenceFromTheRepsMailboxIsABulkBurst() {
    PersonalScore.Result r = PersonalScore.score(with(written("rep", 35), 70, 70, 70), S);
    assertEquals("automated", r.kind());
    assertEquals("BULK_BURST_70", r.reasons().get(0));
  }

  @Test
  void untemplatedTextFromAnUnknownAuthorLeansPersonal() {
    PersonalScore.Result r = PersonalScore.score(written("unknown", 30), S);
    assertEquals("personal", r.kind());
    assertEquals(List.of("UNTEMPLATED"), r.reasons());
  }

  @Test
  void scoreStaysInTheUnitInterval() {
    PersonalScore.Signals worst =
        new PersonalScore.Signals(
            "email",
            "outbound",
            "system",
            "delivered",
            null,
            true,
            80,
            1_000_000,
            1_000_000,
            100_000,
            5_000,
            true,
            0.5,
            1.0,
            false,
            false,
            0,
            0);
    double s = PersonalScore.score(worst, S).score();
    assertTrue(s >= 0 && s < 1e-6);
  }
}
