package rapport.generate.touch;

/** The true class of a touch, as written to truth/touch_labels.csv. */
public enum TouchKind {
  AUTOMATED,
  PERSONAL,
  INBOUND;

  public String label() {
    return name().toLowerCase();
  }
}
