package rapport.run;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import org.apache.spark.SparkContext;
import org.apache.spark.scheduler.SparkListener;
import org.apache.spark.scheduler.SparkListenerJobStart;
import org.apache.spark.sql.SparkSession;

/**
 * Counts the Spark jobs each stage starts. The pipeline sets a job group per stage and a job
 * description per step, so the count of a stage is the count of jobs started in its group, and the
 * descriptions say which steps they came from. Spark delivers listener events on its own thread:
 * {@link #settle} waits until every event of the jobs started so far has been seen.
 */
public final class JobCounter extends SparkListener implements AutoCloseable {
  /** The group of jobs started outside any stage. */
  public static final String NO_STAGE = "(none)";

  private static final long SETTLE_MILLIS = 10_000;

  private final SparkContext sc;
  private final Map<String, Integer> byStage = new LinkedHashMap<>();
  private final Map<String, Map<String, Integer>> byStep = new LinkedHashMap<>();

  private JobCounter(SparkContext sc) {
    this.sc = sc;
  }

  /** A counter listening to {@code spark} from now on, until {@link #close}. */
  public static JobCounter attach(SparkSession spark) {
    JobCounter c = new JobCounter(spark.sparkContext());
    c.sc.addSparkListener(c);
    return c;
  }

  @Override
  public synchronized void onJobStart(SparkListenerJobStart job) {
    Properties p = job.properties();
    String group = p == null ? null : p.getProperty("spark.jobGroup.id");
    String step = p == null ? null : p.getProperty("spark.job.description");
    String stage = group == null ? NO_STAGE : group;
    byStage.merge(stage, 1, Integer::sum);
    byStep
        .computeIfAbsent(stage, k -> new TreeMap<>())
        .merge(step == null ? "(no description)" : step, 1, Integer::sum);
  }

  /** Waits until Spark has delivered the events of every job started so far. */
  public void settle() {
    try {
      sc.listenerBus().waitUntilEmpty(SETTLE_MILLIS);
    } catch (java.util.concurrent.TimeoutException e) {
      // a bus this far behind is not worth waiting for: the counts are then a lower bound
    }
  }

  /** The jobs of {@code stage} seen so far (call {@link #settle} first). */
  public synchronized int jobs(String stage) {
    return byStage.getOrDefault(stage, 0);
  }

  /** Jobs per stage, in the order the stages started. */
  public synchronized Map<String, Integer> byStage() {
    return new LinkedHashMap<>(byStage);
  }

  /** Jobs per step (job description) of {@code stage}, by description. */
  public synchronized Map<String, Integer> bySteps(String stage) {
    return new TreeMap<>(byStep.getOrDefault(stage, Map.of()));
  }

  public synchronized int total() {
    return byStage.values().stream().mapToInt(Integer::intValue).sum();
  }

  @Override
  public void close() {
    sc.removeSparkListener(this);
  }
}
