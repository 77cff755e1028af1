package rapport.touches;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Classifier quality from counts of (channel, true kind, predicted kind): per class precision = TP
 * / (TP + FP), recall = TP / (TP + FN), F1 = 2PR / (P + R), and the confusion matrix, overall and
 * per channel. Ids that could not be compared are counted, never dropped: labelled ids missing from
 * the touches (quarantined at ingest, or on or after the as-of date), touches without a label,
 * labels that are not a known kind, and ids labelled twice.
 */
public final class TouchEvaluation {
  public static final List<String> KINDS = List.of("automated", "personal", "inbound");

  /** One cell count: how many touches of a channel with this truth got this prediction. */
  public record Cell(String channel, String truth, String predicted, long count) {}

  /** What could not be compared. */
  public record Unmatched(
      long missingFromRun, long unlabelled, long unknownLabels, long duplicateLabels) {}

  /** Quality of one class. */
  public record ClassQuality(
      String kind,
      long support,
      long predicted,
      long truePositives,
      double precision,
      double recall,
      double f1) {}

  /** Quality on one slice (all touches, or one channel). */
  public record Slice(
      String name, long n, double accuracy, List<ClassQuality> classes, long[][] confusion) {}

  private final List<Slice> slices;
  private final Unmatched unmatched;

  private TouchEvaluation(List<Slice> slices, Unmatched unmatched) {
    this.slices = slices;
    this.unmatched = unmatched;
  }

  /**
   * @param cells counts of compared touches; truth and prediction must be one of {@link #KINDS}
   */
  public static TouchEvaluation of(List<Cell> cells, Unmatched unmatched) {
    Map<String, long[][]> byChannel = new TreeMap<>();
    long[][] all = new long[KINDS.size()][KINDS.size()];
    for (Cell c : cells) {
      int t = index(c.truth());
      int p = index(c.predicted());
      all[t][p] += c.count();
      byChannel.computeIfAbsent(c.channel(), k -> new long[KINDS.size()][KINDS.size()])[t][p] +=
          c.count();
    }
    List<Slice> slices = new ArrayList<>();
    slices.add(slice("all", all));
    byChannel.forEach((ch, m) -> slices.add(slice(ch, m)));
    return new TouchEvaluation(List.copyOf(slices), unmatched);
  }

  private static int index(String kind) {
    int i = KINDS.indexOf(kind);
    if (i < 0) {
      throw new IllegalArgumentException("not a touch kind: " + kind);
    }
    return i;
  }

  private static Slice slice(String name, long[][] m) {
    long n = 0;
    long correct = 0;
    List<ClassQuality> classes = new ArrayList<>();
    for (int i = 0; i < KINDS.size(); i++) {
      long support = 0;
      long predicted = 0;
      for (int j = 0; j < KINDS.size(); j++) {
        support += m[i][j];
        predicted += m[j][i];
        n += m[i][j];
      }
      correct += m[i][i];
      long tp = m[i][i];
      double p = predicted == 0 ? Double.NaN : (double) tp / predicted;
      double r = support == 0 ? Double.NaN : (double) tp / support;
      double f1 =
          p + r > 0 ? 2 * p * r / (p + r) : (Double.isNaN(p) || Double.isNaN(r) ? Double.NaN : 0);
      classes.add(new ClassQuality(KINDS.get(i), support, predicted, tp, p, r, f1));
    }
    return new Slice(name, n, n == 0 ? Double.NaN : (double) correct / n, List.copyOf(classes), m);
  }

  public List<Slice> slices() {
    return slices;
  }

  public Slice overall() {
    return slices.get(0);
  }

  public Unmatched unmatched() {
    return unmatched;
  }

  public ClassQuality quality(String kind) {
    return overall().classes().get(index(kind));
  }
}
