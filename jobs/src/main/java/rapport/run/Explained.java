package rapport.run;

/**
 * A stage that keeps a plain-text account of how its results were made (formulas, fitted weights).
 * Its command gets {@code --explain}, which prints that file after the stage has run.
 */
public interface Explained {
  /** The file under the run folder, e.g. {@code scores/explain.txt}. */
  String explainFile();
}
