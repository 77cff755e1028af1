package rapport.report;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import rapport.report.ReportData.RunFacts;
import rapport.run.RunContext;
import rapport.run.RunFiles;
import rapport.run.RunFolder;
import rapport.run.RunLayout;
import rapport.run.Stage;
import rapport.schema.Schemas;

/**
 * The report stage: reads what the earlier stages wrote (whatever of it exists), compares with the
 * previous committed run under the same output folder, and writes charts/*.png and the executive
 * report as HTML and PDF.
 */
public final class ReportStage implements Stage {
  @Override
  public String name() {
    return "report";
  }

  @Override
  public List<String> needs() {
    return List.of(Schemas.CUSTOMERS.name());
  }

  public static String description() {
    return "Draw the charts and write the executive report (report/executive-report.html and"
        + " .pdf) from the run's tables.";
  }

  @Override
  public Stage.Result run(RunContext ctx) {
    ReportSettings settings = ctx.config().section(ReportSettings.class);
    RunFacts facts = RunHistory.current(ctx);
    ReportData current =
        ReportLoader.load(
            ctx.spark(), ctx.dir(), facts, ctx.config().timeZone(), settings.touchMonths());
    Optional<ReportData> previous =
        ctx.previousRun(run -> true)
            .map(
                dir ->
                    ReportLoader.load(
                        ctx.spark(),
                        dir,
                        RunHistory.committed(dir, RunLayout.asOf(dir)),
                        ctx.config().timeZone(),
                        settings.touchMonths()));
    for (String missing : current.missing()) {
      ctx.progress().line("  not available: %s", missing);
    }
    Map<String, byte[]> files = ReportRenderer.render(current, previous);
    RunFolder.delete(ctx.dir().resolve("charts"));
    RunFolder.delete(ctx.dir().resolve("report"));
    for (Map.Entry<String, byte[]> e : files.entrySet()) {
      RunFiles.write(ctx.path(e.getKey()), e.getValue());
    }
    long charts = files.keySet().stream().filter(k -> k.startsWith("charts/")).count();
    ctx.progress()
        .line(
            "  %d charts, %s and %s%s",
            charts,
            ReportRenderer.HTML,
            ReportRenderer.PDF,
            previous.map(p -> " (compared with " + p.facts().asOf() + ")").orElse(""));
    return ctx.result();
  }
}
