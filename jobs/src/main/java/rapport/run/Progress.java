package rapport.run;

import java.io.PrintStream;
import java.util.Locale;
import org.apache.spark.SparkStageInfo;
import org.apache.spark.SparkStatusTracker;
import org.apache.spark.sql.SparkSession;

/**
 * What a run tells the person watching it. On a terminal, a bar follows the running Spark job;
 * without one (cron, CI) each step is one plain line with counts and timings. Never prints customer
 * data.
 */
public final class Progress {
  private final PrintStream out;
  private final boolean terminal;
  private volatile Thread bar;
  private volatile String label = "";

  public Progress(PrintStream out, boolean terminal) {
    this.out = out;
    this.terminal = terminal;
  }

  /** A terminal bar when stderr is a console, plain lines otherwise. */
  public static Progress detect() {
    String term = System.getenv("TERM");
    boolean tty = System.console() != null && (term == null || !term.equals("dumb"));
    return new Progress(System.err, tty);
  }

  public static Progress silent() {
    return new Progress(new PrintStream(PrintStream.nullOutputStream()), false);
  }

  public synchronized void line(String format, Object... args) {
    clearBar();
    out.println(String.format(Locale.ROOT, format, args));
  }

  /** Follows Spark's active stages while {@code label} runs, drawing a bar on a terminal. */
  public void follow(SparkSession spark, String label) {
    this.label = label;
    if (!terminal || bar != null) {
      return;
    }
    SparkStatusTracker tracker = spark.sparkContext().statusTracker();
    Thread t =
        new Thread(
            () -> {
              while (!Thread.currentThread().isInterrupted()) {
                draw(tracker);
                try {
                  Thread.sleep(250);
                } catch (InterruptedException e) {
                  return;
                }
              }
            },
            "rapport-progress");
    t.setDaemon(true);
    bar = t;
    t.start();
  }

  public void stopFollowing() {
    Thread t = bar;
    bar = null;
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

  private synchronized void draw(SparkStatusTracker tracker) {
    int total = 0;
    int done = 0;
    for (int id : tracker.getActiveStageIds()) {
      SparkStageInfo s = tracker.getStageInfo(id).getOrElse(() -> null);
      if (s != null) {
        total += s.numTasks();
        done += s.numCompletedTasks();
      }
    }
    if (total == 0) {
      return;
    }
    int width = 30;
    int filled = (int) Math.round(width * (double) done / total);
    out.printf(
        Locale.ROOT,
        "\r  %-28s [%s%s] %3d%% %d/%d tasks ",
        label.length() > 28 ? label.substring(0, 28) : label,
        "#".repeat(filled),
        ".".repeat(width - filled),
        100 * done / total,
        done,
        total);
    out.flush();
  }

  private void clearBar() {
    if (terminal) {
      out.print("\r" + " ".repeat(78) + "\r");
      out.flush();
    }
  }

  public static String count(long n) {
    return String.format(Locale.ROOT, "%,d", n);
  }
}
