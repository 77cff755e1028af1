package rapport.errors;

/** The documented exit codes of SPEC §3. */
public enum ExitCode {
  OK(0),
  UNEXPECTED(1),
  USAGE(2),
  INPUT_CONTRACT(3),
  OUTPUT_COMMIT(4);

  private final int code;

  ExitCode(int code) {
    this.code = code;
  }

  public int code() {
    return code;
  }
}
