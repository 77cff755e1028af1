package rapport.cli;

import picocli.CommandLine.Option;

/** Options every command takes. */
public class CommonOptions {
  @Option(
      names = "--verbose",
      description = "Show Spark's INFO logging and the stack trace of any error.")
  public boolean verbose;
}
