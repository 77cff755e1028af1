package rapport.run;

import java.io.PrintStream;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.spark.SparkStageInfo;
import org.apache.spark.SparkStatusTracker;
import org.apache.spark.sql.SparkSession;

/**
 * What a run tells the person watching it, on stderr. Each stage ends in one line with its counts
 * and time ({@code [3/6] score: ...}); what a stage says on the way (the model tables, per-fit
 * timings) is shown only with {@code details} ({@code --verbose}). On a terminal a status line
 * follows the run: the step, the rows written so far, the Spark tasks of the running job, the
 * elapsed time and an estimate of the rest (from the last run's stage timings when there is one,
 * else from the stages done so far). Without a terminal (cron, CI) there are only plain lines.
 * Never prints customer data.
 */
public final class Progress {
  private final PrintWriter out;
  private final boolean terminal;
  private final boolean details;
  private volatile Thread ticker;
  private volatile String label = "";
  private volatile SparkStatusTracker tracker;
  private int drawn; // characters of the status line on the screen

  // the step being run, for the status line and the stage's closing line
  private int step;
  private int steps;
  private String stepName;
  private long runStart;
  private long stepStart;
  private volatile long rows;
  private final List<String> stepNames = new ArrayList<>();
  private final Map<String, Double> done = new LinkedHashMap<>();
  private Map<String, Double> lastRun = Map.of();

  /** Every line shown, as before stages were summarised (tests and tools). */
  public Progress(PrintStream out, boolean terminal) {
    this(new PrintWriter(out, true), terminal, true);
  }

  /**
   * @param terminal draw a status line (stderr is a console)
   * @param details show what stages say on the way, besides their closing lines
   */
  public Progress(PrintWriter out, boolean terminal, boolean details) {
    this.out = out;
    this.terminal = terminal;
    this.details = details;
  }

  /** Every line on stderr; a status line when stderr is a console. */
  public static Progress detect() {
    return detect(new PrintWriter(System.err, true), true);
  }

  /** Lines on {@code err}; a status line when the process has a console (and TERM is not dumb). */
  public static Progress detect(PrintWriter err, boolean details) {
    return new Progress(err, isTerminal(), details);
  }

  /** Whether the process runs on a console that can redraw a line. */
  public static boolean isTerminal() {
    String term = System.getenv("TERM");
    return System.console() != null && (term == null || !term.equals("dumb"));
  }

  public static Progress silent() {
    return new Progress(new PrintStream(PrintStream.nullOutputStream()), false);
  }

  /**
   * A line for the person watching. Inside a stage, without {@code details}, it is left out: the
   * stage's closing line says what it did.
   */
  public synchronized void line(String format, Object... args) {
    if (stepName != null && !details) {
      return;
    }
    print(String.format(Locale.ROOT, format, args));
  }

  private void print(String text) {
    clearBar();
    out.println(text);
    out.flush();
  }

  /**
   * The run's steps, in order, and what each took in the last run (for the estimate; empty when
   * there was none).
   */
  public synchronized void plan(List<String> names, Map<String, Double> lastRunSeconds) {
    stepNames.clear();
    stepNames.addAll(names);
    done.clear();
    lastRun = Map.copyOf(lastRunSeconds);
    runStart = System.nanoTime();
    rows = 0;
  }

  /** A stage starts: on a terminal the status line follows it until {@link #stageDone}. */
  public void stageStarted(SparkSession spark, String name) {
    synchronized (this) {
      if (stepNames.isEmpty()) {
        plan(List.of(name), Map.of());
      }
      step = Math.max(1, stepNames.indexOf(name) + 1);
      steps = stepNames.size();
      stepName = name;
      stepStart = System.nanoTime();
      tracker = spark == null ? null : spark.sparkContext().statusTracker();
    }
    if (terminal) {
      startTicker();
    }
  }

  /** The stage's one closing line: {@code [3/6] score: <counts> (2.1 s)}. */
  public void stageDone(String counts, double seconds) {
    stopTicker();
    synchronized (this) {
      String name = stepName;
      done.put(name, seconds);
      stepName = null;
      print(
          String.format(
              Locale.ROOT,
              "[%d/%d] %s: %s (%.1f s)",
              step,
              steps,
              name,
              counts.isEmpty() ? "done" : counts,
              seconds));
    }
  }

  /** The stage stopped with an error (said by the command): the status line goes. */
  public void stageFailed() {
    stopTicker();
    synchronized (this) {
      stepName = null;
      clearBar();
    }
  }

  /** Rows written (or read, by ingest) so far in this run, for the status line. */
  public void addRows(long n) {
    rows += n;
  }

  /** Names what the running stage is doing (on the status line). */
  public void follow(SparkSession spark, String label) {
    this.label = label;
    if (tracker == null && spark != null) {
      tracker = spark.sparkContext().statusTracker();
    }
    if (terminal && stepName == null) {
      startTicker(); // a stage run outside a plan still shows its bar
    }
  }

  public void stopFollowing() {
    label = "";
    if (stepName == null) {
      stopTicker();
    }
  }

  private synchronized void startTicker() {
    if (ticker != null) {
      return;
    }
    Thread t =
        new Thread(
            () -> {
              while (!Thread.currentThread().isInterrupted()) {
                draw();
                try {
                  Thread.sleep(250);
                } catch (InterruptedException e) {
                  return;
                }
              }
            },
            "rapport-progress");
    t.setDaemon(true);
    ticker = t;
    t.start();
  }

  private void stopTicker() {
    Thread t = ticker;
    ticker = null;
    if (t != null) {
      t.interrupt();
      try {
        t.join(500);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
    synchronized (this) {
      clearBar();
    }
  }

  private synchronized void draw() {
    int total = 0;
    int finished = 0;
    SparkStatusTracker tr = tracker;
    if (tr != null) {
      for (int id : tr.getActiveStageIds()) {
        SparkStageInfo s = tr.getStageInfo(id).getOrElse(() -> null);
        if (s != null) {
          total += s.numTasks();
          finished += s.numCompletedTasks();
        }
      }
    }
    long now = System.nanoTime();
    double elapsed = (now - runStart) / 1e9;
    String text =
        status(
            step,
            steps,
            stepName == null ? "" : stepName,
            label,
            rows,
            finished,
            total,
            elapsed,
            estimateLeft((now - stepStart) / 1e9, elapsed));
    out.print("\r" + text + " ".repeat(Math.max(0, drawn - text.length())));
    out.flush();
    drawn = text.length();
  }

  /**
   * Seconds left: the last run's time of the stages still to come and of what remains of this one;
   * without a last run, the mean time of the stages done so far for each stage to come; NaN when
   * there is nothing to go by yet.
   */
  synchronized double estimateLeft(double inStep, double elapsed) {
    List<String> rest = stepNames.subList(Math.min(step, stepNames.size()), stepNames.size());
    if (stepName != null && lastRun.containsKey(stepName)) {
      double left = Math.max(0, lastRun.get(stepName) - inStep);
      for (String s : rest) {
        left += lastRun.getOrDefault(s, 0.0);
      }
      return left;
    }
    if (done.isEmpty()) {
      return Double.NaN;
    }
    double mean = (elapsed - inStep) / done.size();
    return Math.max(0, mean - inStep) + mean * rest.size();
  }

  /**
   * The status line, at most 79 characters, what matters first: {@code [3/6] score · 1:05, about
   * 2:00 left · 1,234 rows · 12/40 tasks · writing relationship_scores}.
   */
  static String status(
      int step,
      int steps,
      String name,
      String label,
      long rows,
      int tasksDone,
      int tasks,
      double elapsed,
      double left) {
    StringBuilder sb = new StringBuilder();
    sb.append('[').append(step).append('/').append(steps).append("] ").append(name);
    sb.append(" · ").append(clock(elapsed));
    sb.append(Double.isNaN(left) ? ", estimating" : ", about " + clock(left) + " left");
    if (rows > 0) {
      sb.append(" · ").append(count(rows)).append(" rows");
    }
    if (tasks > 0) {
      sb.append(" · ").append(tasksDone).append('/').append(tasks).append(" tasks");
    }
    if (!label.isEmpty()) {
      sb.append(" · ").append(label);
    }
    return sb.length() > 79 ? sb.substring(0, 79) : sb.toString();
  }

  static String clock(double seconds) {
    long s = Math.round(seconds);
    return s >= 3600
        ? String.format(Locale.ROOT, "%d:%02d:%02d", s / 3600, s / 60 % 60, s % 60)
        : String.format(Locale.ROOT, "%d:%02d", s / 60, s % 60);
  }

  private void clearBar() {
    if (terminal && drawn > 0) {
      out.print("\r" + " ".repeat(drawn) + "\r");
      out.flush();
      drawn = 0;
    }
  }

  public static String count(long n) {
    return String.format(Locale.ROOT, "%,d", n);
  }
}
