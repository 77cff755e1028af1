package rapport.run;

import java.util.List;
import java.util.Map;

/**
 * One step of the pipeline as the command line runs it: reads what earlier stages wrote into the
 * run folder, applies its pure transformations, and writes its outputs through the context.
 */
public interface Stage {
  /** The command name: ingest, classify, score, retention, outreach, report. */
  String name();

  /** The tables under {@code tables/} this stage reads, written by earlier stages. */
  List<String> needs();

  /**
   * Runs the stage into the context's folder; returns what it wrote ({@link RunContext#result}).
   */
  Result run(RunContext ctx);

  /**
   * What one stage wrote: each output ({@code tables/<name>}, a file of the run folder, a sink's
   * table {@code postgres:schema.table}) with its rows, in the order written.
   */
  record Result(Map<String, Long> outputs) {
    public Result {
      outputs = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(outputs));
    }

    /** The tables among the outputs (in the run folder or a sink), by name, with their rows. */
    public Map<String, Long> tables() {
      Map<String, Long> tables = new java.util.LinkedHashMap<>();
      String folder = RunLayout.TABLES + "/";
      outputs.forEach(
          (key, rows) -> {
            if (key.startsWith(folder)) {
              tables.put(key.substring(folder.length()), rows);
            } else if (key.contains(":")) {
              tables.put(key.substring(key.indexOf(':') + 1), rows);
            }
          });
      return tables;
    }
  }
}
