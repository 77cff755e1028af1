package rapport.cli;

import picocli.CommandLine.Option;

/** {@code --explain}, added to the commands of stages that keep an explanation. */
public class ExplainOption {
  @Option(
      names = "--explain",
      description =
          "After the stage, print how its results were made (also kept in the run folder).")
  public boolean explain;
}
