package rapport.run;

import java.util.List;

/** A stage that writes a file into the run and then fails: a crash in the middle of a run. */
final class CrashingStage implements Stage {
  static final String FILE = "crash/half.txt";

  @Override
  public String name() {
    return "crash";
  }

  @Override
  public List<String> needs() {
    return List.of();
  }

  @Override
  public Stage.Result run(RunContext ctx) {
    ctx.writeText(FILE, "written before the crash\n");
    throw new IllegalStateException("a crash in the middle of the run");
  }
}
