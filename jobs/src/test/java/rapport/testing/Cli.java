package rapport.testing;

import java.io.PrintWriter;
import java.io.StringWriter;
import rapport.cli.Main;

/** Runs the command line in this JVM and keeps what it printed. */
public final class Cli {
  public final int exitCode;
  public final String out;
  public final String err;

  private Cli(int exitCode, String out, String err) {
    this.exitCode = exitCode;
    this.out = out;
    this.err = err;
  }

  public static Cli run(String... args) {
    TestSpark.session();
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int code =
        Main.commandLine(new PrintWriter(out, true), new PrintWriter(err, true)).execute(args);
    return new Cli(code, out.toString(), err.toString());
  }

  /**
   * Runs the command line with its progress on the same stream as its errors, as a shell sees
   * stderr: {@code out} is stdout, {@code err} is everything on stderr.
   */
  public static Cli runStreams(String... args) {
    TestSpark.session();
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    PrintWriter errWriter = new PrintWriter(err, true);
    int code = Main.commandLine(new PrintWriter(out, true), errWriter, errWriter).execute(args);
    return new Cli(code, out.toString(), err.toString());
  }

  @Override
  public String toString() {
    return "exit " + exitCode + "\nstdout:\n" + out + "\nstderr:\n" + err;
  }
}
