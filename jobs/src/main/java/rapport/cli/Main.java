package rapport.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import rapport.errors.BuildInfo;
import rapport.errors.ExitCode;
import rapport.errors.RapportException;
import rapport.fs.Storage;

/** The {@code rapport} command line. */
@Command(
    name = "rapport",
    mixinStandardHelpOptions = true,
    versionProvider = Main.Version.class,
    description = {
      "Measures customer relationships: tells personal touches from automated ones, scores every"
          + " relationship, links touches to retention, and writes outreach lists and a report.",
      ""
    },
    footer = {
      "",
      "Exit codes: 0 success, 1 unexpected error, 2 usage or configuration error,"
          + " 3 input contract violated, 4 output could not be committed."
    },
    subcommands = {
      // one command per line: helpers of each stage add theirs here
      ValidateCommand.class,
      StatsCommand.class,
      GenerateCommand.class,
      EvaluateCommand.class,
      MeasureCommand.class,
      CommandLine.HelpCommand.class,
    })
public final class Main implements Runnable {
  @picocli.CommandLine.Spec CommandLine.Model.CommandSpec spec;

  /** Where progress goes: the process's stderr, unless a caller (a test) takes it. */
  private PrintWriter progress;

  public static void main(String[] args) {
    int code = execute(args);
    if (inYarnApplicationMaster()) {
      // YARN's application master runs main in a thread of its own and reports the application's
      // status when main returns or throws; an exit before that is reported as a failure
      if (code != 0) {
        throw new IllegalStateException(
            "rapport exited with code " + code + "; its message is in the driver's log above");
      }
      return;
    }
    System.exit(code);
  }

  /** Whether this is the driver of spark-submit's YARN cluster deploy mode. */
  static boolean inYarnApplicationMaster() {
    return System.getProperty("spark.master", "").startsWith("yarn")
        && "cluster".equals(System.getProperty("spark.submit.deployMode"));
  }

  /** Runs the command line and returns the exit code (tests call this directly). */
  public static int execute(String... args) {
    return commandLine(new PrintWriter(System.out, true), new PrintWriter(System.err, true))
        .execute(args);
  }

  public static CommandLine commandLine(PrintWriter out, PrintWriter err) {
    return commandLine(out, err, null);
  }

  /**
   * The command line with its progress lines on {@code progress} (null: the process's stderr), so
   * that a caller can see both streams as a shell would: results on {@code out}, progress and
   * errors on {@code progress} and {@code err}.
   */
  public static CommandLine commandLine(PrintWriter out, PrintWriter err, PrintWriter progress) {
    Main main = new Main();
    main.progress = progress;
    CommandLine cl = new CommandLine(main);
    addPipelineCommands(cl);
    // hdfs://, s3a://, abfs:// locations as well as local paths
    cl.registerConverter(Path.class, Storage::path);
    cl.setOut(out);
    cl.setErr(err);
    cl.setExecutionExceptionHandler(Main::handleError);
    cl.setParameterExceptionHandler(
        (ex, a) -> {
          ex.getCommandLine()
              .getErr()
              .println(
                  "rapport: "
                      + ex.getMessage()
                      + " (see: rapport "
                      + commandPath(ex.getCommandLine())
                      + "--help)");
          return ExitCode.USAGE.code();
        });
    return cl;
  }

  /** {@code run} and one command per stage, listed first and in pipeline order. */
  private static void addPipelineCommands(CommandLine cl) {
    java.util.Map<String, CommandLine> existing =
        new java.util.LinkedHashMap<>(cl.getSubcommands());
    existing.keySet().forEach(cl.getCommandSpec()::removeSubcommand);
    CommandLine run = new CommandLine(PipelineCommand.all());
    run.getCommandSpec()
        .usageMessage()
        .description("Run every stage on the configured inputs and commit OUT/<as_of>/.");
    cl.addSubcommand("run", run);
    for (Stages.Entry e : Stages.all()) {
      PipelineCommand command = PipelineCommand.single(e.stage());
      CommandLine sub = new CommandLine(command);
      if (command.explain != null) {
        sub.addMixin("explain", command.explain);
      }
      sub.getCommandSpec()
          .usageMessage()
          .description(
              e.description(),
              e.stage().needs().isEmpty()
                  ? "Starts a new run folder for the as-of date."
                  : "Replaces this stage's outputs in the committed run of the as-of date.");
      cl.addSubcommand(e.stage().name(), sub);
    }
    existing.forEach(cl::addSubcommand);
  }

  private static String commandPath(CommandLine cl) {
    String qn = cl.getCommandSpec().qualifiedName(" ");
    String rest = qn.startsWith("rapport") ? qn.substring("rapport".length()).trim() : qn;
    return rest.isEmpty() ? "" : rest + " ";
  }

  private static int handleError(Exception ex, CommandLine cl, CommandLine.ParseResult parsed) {
    PrintWriter err = cl.getErr();
    boolean verbose = parsed != null && hasVerbose(parsed);
    RapportException known = findKnown(ex);
    if (known != null) {
      err.println("rapport: " + known.getMessage());
      if (verbose) {
        known.printStackTrace(err);
      }
      return known.exitCode().code();
    }
    err.println(
        "rapport: unexpected error: "
            + ex.getClass().getSimpleName()
            + (ex.getMessage() == null ? "" : ": " + firstLine(ex.getMessage()))
            + (verbose ? "" : " (run again with --verbose for the stack trace)"));
    if (verbose) {
      ex.printStackTrace(err);
    }
    return ExitCode.UNEXPECTED.code();
  }

  private static boolean hasVerbose(CommandLine.ParseResult parsed) {
    for (CommandLine.ParseResult p = parsed; p != null; p = p.subcommand()) {
      if (p.hasMatchedOption("--verbose")) {
        return true;
      }
    }
    return false;
  }

  /** A RapportException may reach us wrapped (by Spark, by a thread pool). */
  private static RapportException findKnown(Throwable t) {
    for (Throwable c = t; c != null; c = c.getCause()) {
      if (c instanceof RapportException r) {
        return r;
      }
    }
    return null;
  }

  private static String firstLine(String s) {
    int nl = s.indexOf('\n');
    return nl < 0 ? s : s.substring(0, nl);
  }

  /** The progress stream of the command line {@code spec} belongs to. */
  static PrintWriter progressStream(CommandLine.Model.CommandSpec spec) {
    Object root = spec.root().userObject();
    PrintWriter p = root instanceof Main m ? m.progress : null;
    return p != null ? p : new PrintWriter(System.err, true);
  }

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }

  /** The code version: the jar's Implementation-Version, else the development marker. */
  public static final class Version implements CommandLine.IVersionProvider {
    @Override
    public String[] getVersion() {
      return new String[] {"rapport " + BuildInfo.version()};
    }
  }
}
