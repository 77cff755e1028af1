package rapport.run;

import java.util.List;

/**
 * One step of the pipeline as the command line runs it: reads what earlier stages wrote into the
 * run folder, applies its pure transformations, and writes its outputs through the context.
 */
public interface Stage {
  /** The command name: ingest, classify, score, retention, outreach, report. */
  String name();

  /** The tables under {@code tables/} this stage reads, written by earlier stages. */
  List<String> needs();

  void run(RunContext ctx);
}
