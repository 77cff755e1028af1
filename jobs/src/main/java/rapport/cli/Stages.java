package rapport.cli;

import java.util.List;
import rapport.ingest.IngestStage;
import rapport.outreach.OutreachStage;
import rapport.publish.PublishStage;
import rapport.report.ReportStage;
import rapport.retention.RetentionStage;
import rapport.run.Stage;
import rapport.scores.ScoreStage;
import rapport.touches.ClassifyStage;

/** The pipeline's stages in the order {@code run} runs them. */
public final class Stages {
  private Stages() {}

  /** A stage and the one-line description its command shows. */
  public record Entry(Stage stage, String description) {}

  public static List<Entry> all() {
    return List.of(
        // one stage per line, in pipeline order: ingest, classify, score, retention, outreach,
        // report, publish
        new Entry(new IngestStage(), IngestStage.description()),
        new Entry(new ClassifyStage(), ClassifyStage.description()),
        new Entry(new ScoreStage(), ScoreStage.description()),
        new Entry(new RetentionStage(), RetentionStage.description()),
        new Entry(new OutreachStage(), OutreachStage.description()),
        new Entry(new ReportStage(), ReportStage.description()),
        // last, and in run only when sinks.postgres is configured
        new Entry(new PublishStage(), PublishStage.description()));
  }
}
