package rapport.cli;

import java.nio.file.Path;
import java.util.List;
import rapport.config.ConfigLoader;
import rapport.config.ConfigSections.Section;
import rapport.config.RapportConfig;
import rapport.ingest.IngestStage;
import rapport.outreach.OutreachSettings;
import rapport.outreach.OutreachStage;
import rapport.publish.PublishStage;
import rapport.publish.SinkSettings;
import rapport.report.ReportSettings;
import rapport.report.ReportStage;
import rapport.retention.RetentionSettings;
import rapport.retention.RetentionStage;
import rapport.run.Stage;
import rapport.scores.ScoreSettings;
import rapport.scores.ScoreStage;
import rapport.touches.ClassifyStage;
import rapport.touches.TouchSettings;

/** The pipeline's stages in the order {@code run} runs them, and their sections of the config. */
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

  /**
   * The stages' sections of {@code rapport.yaml}: each stage's settings record names its key and
   * reads it; the config package reads what is registered here and knows no stage.
   */
  public static List<Section<?>> configSections() {
    return List.of(
        // one section per line, in pipeline order
        new Section<>(TouchSettings.SECTION, TouchSettings.class, TouchSettings::read),
        new Section<>(ScoreSettings.SECTION, ScoreSettings.class, ScoreSettings::read),
        new Section<>(RetentionSettings.SECTION, RetentionSettings.class, RetentionSettings::read),
        new Section<>(OutreachSettings.SECTION, OutreachSettings.class, OutreachSettings::read),
        new Section<>(ReportSettings.SECTION, ReportSettings.class, ReportSettings::read),
        new Section<>(SinkSettings.SECTION, SinkSettings.class, SinkSettings::read));
  }

  /** Reads and validates {@code rapport.yaml} with every stage's section. */
  public static RapportConfig loadConfig(Path file) {
    return ConfigLoader.load(file, configSections());
  }
}
