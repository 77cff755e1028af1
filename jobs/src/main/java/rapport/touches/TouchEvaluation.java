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

  /**
   * The classes of the transactional / outreach split: every compared touch is one of the two
   * automated kinds or not automated at all (personal or inbound), so that a personal touch called
   * outreach counts against outreach's precision.
   */
  public static final List<String> AUTOMATED_KINDS =
      List.of("transactional", "outreach", "not_automated");

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

  private final List<String> kinds;
  private final List<Slice> slices;
  private final Unmatched unmatched;

  private TouchEvaluation(List<String> kinds, List<Slice> slices, Unmatched unmatched) {
    this.kinds = kinds;
    this.slices = slices;
    this.unmatched = unmatched;
  }

  /**
   * @param cells counts of compared touches; truth and prediction must be one of {@link #KINDS}
   */
  public static TouchEvaluation of(List<Cell> cells, Unmatched unmatched) {
    return of(KINDS, cells, unmatched);
  }

  /**
   * @param kinds the classes, e.g. {@link #KINDS} or {@link #AUTOMATED_KINDS}
   * @param cells counts of compared touches; truth and prediction must be one of {@code kinds}
   */
  public static TouchEvaluation of(List<String> kinds, List<Cell> cells, Unmatched unmatched) {
    Map<String, long[][]> byChannel = new TreeMap<>();
    long[][] all = new long[kinds.size()][kinds.size()];
    for (Cell c : cells) {
      int t = index(kinds, c.truth());
      int p = index(kinds, c.predicted());
      all[t][p] += c.count();
      byChannel.computeIfAbsent(c.channel(), k -> new long[kinds.size()][kinds.size()])[t][p] +=
          c.count();
    }
    List<Slice> slices = new ArrayList<>();
    slices.add(slice(kinds, "all", all));
    byChannel.forEach((ch, m) -> slices.add(slice(kinds, ch, m)));
    return new TouchEvaluation(List.copyOf(kinds), List.copyOf(slices), unmatched);
  }

  private static int index(List<String> kinds, String kind) {
    int i = kinds.indexOf(kind);
    if (i < 0) {
      throw new IllegalArgumentException("not one of " + kinds + ": " + kind);
    }
    return i;
  }

  private static Slice slice(List<String> kinds, String name, long[][] m) {
    long n = 0;
    long correct = 0;
    List<ClassQuality> classes = new ArrayList<>();
    for (int i = 0; i < kinds.size(); i++) {
      long support = 0;
      long predicted = 0;
      for (int j = 0; j < kinds.size(); j++) {
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
      classes.add(new ClassQuality(kinds.get(i), support, predicted, tp, p, r, f1));
    }
    return new Slice(name, n, n == 0 ? Double.NaN : (double) correct / n, List.copyOf(classes), m);
  }

  /** The classes, in the order of the confusion matrix's rows and columns. */
  public List<String> kinds() {
    return kinds;
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
    return overall().classes().get(index(kinds, kind));
  }
}
