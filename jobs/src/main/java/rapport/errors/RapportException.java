package rapport.errors;

/**
 * An error the user can act on. The message is the one line printed on stderr: what was wrong,
 * where, and what to do. The exit code says which kind of error it was.
 */
public class RapportException extends RuntimeException {
  private final ExitCode exitCode;

  public RapportException(ExitCode exitCode, String message) {
    super(message);
    this.exitCode = exitCode;
  }

  public RapportException(ExitCode exitCode, String message, Throwable cause) {
    super(message, cause);
    this.exitCode = exitCode;
  }

  public ExitCode exitCode() {
    return exitCode;
  }

  /** A bad option or configuration value (exit 2). */
  public static RapportException usage(String format, Object... args) {
    return new RapportException(ExitCode.USAGE, String.format(format, args));
  }

  /** An input that breaks its contract (exit 3). */
  public static RapportException input(String format, Object... args) {
    return new RapportException(ExitCode.INPUT_CONTRACT, String.format(format, args));
  }

  /** An output that could not be committed (exit 4). */
  public static RapportException output(Throwable cause, String format, Object... args) {
    return new RapportException(ExitCode.OUTPUT_COMMIT, String.format(format, args), cause);
  }
}
