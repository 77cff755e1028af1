package rapport.touches;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class TouchEvaluationTest {
  @Test
  void precisionRecallAndF1ByHand() {
    // email: 8 automated (7 right, 1 called personal), 4 personal (3 right, 1 called automated)
    // sms: 2 personal right, 1 automated called personal; phone: 5 inbound right
    List<TouchEvaluation.Cell> cells =
        List.of(
            new TouchEvaluation.Cell("email", "automated", "automated", 7),
            new TouchEvaluation.Cell("email", "automated", "personal", 1),
            new TouchEvaluation.Cell("email", "personal", "personal", 3),
            new TouchEvaluation.Cell("email", "personal", "automated", 1),
            new TouchEvaluation.Cell("sms", "personal", "personal", 2),
            new TouchEvaluation.Cell("sms", "automated", "personal", 1),
            new TouchEvaluation.Cell("phone", "inbound", "inbound", 5));
    TouchEvaluation e = TouchEvaluation.of(cells, new TouchEvaluation.Unmatched(2, 1, 0, 0));
    TouchEvaluation.ClassQuality a = e.quality("automated");
    assertEquals(9, a.support());
    assertEquals(8, a.predicted());
    assertEquals(7.0 / 8, a.precision(), 1e-12);
    assertEquals(7.0 / 9, a.recall(), 1e-12);
    assertEquals(2 * (7.0 / 8) * (7.0 / 9) / (7.0 / 8 + 7.0 / 9), a.f1(), 1e-12);
    TouchEvaluation.ClassQuality p = e.quality("personal");
    assertEquals(5.0 / 7, p.precision(), 1e-12);
    assertEquals(5.0 / 6, p.recall(), 1e-12);
    assertEquals(20, e.overall().n());
    assertEquals(17.0 / 20, e.overall().accuracy(), 1e-12);
    assertEquals(
        List.of("all", "email", "phone", "sms"),
        e.slices().stream().map(TouchEvaluation.Slice::name).toList());
    TouchEvaluation.Slice sms = e.slices().get(3);
    assertEquals(1, sms.confusion()[0][1]);
    assertTrue(Double.isNaN(sms.classes().get(0).precision()));
    assertEquals(2, e.unmatched().missingFromRun());
  }
}
