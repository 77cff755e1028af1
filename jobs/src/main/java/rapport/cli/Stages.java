package rapport.cli;

import java.util.List;
import rapport.ingest.IngestStage;
import rapport.report.ReportStage;
import rapport.run.Stage;

/** The pipeline's stages in the order {@code run} runs them. */
public final class Stages {
  private Stages() {}

  /** A stage and the one-line description its command shows. */
  public record Entry(Stage stage, String description) {}

  public static List<Entry> all() {
    return List.of(
        // one stage per line, in pipeline order: ingest, classify, score, retention, outreach,
        // report
        new Entry(new IngestStage(), IngestStage.description()),
        new Entry(new ReportStage(), ReportStage.description()));
  }
}
