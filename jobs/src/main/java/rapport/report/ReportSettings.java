package rapport.report;

import rapport.config.ConfigNode;

/**
 * The {@code report:} section of rapport.yaml.
 *
 * @param touchMonths completed calendar months shown in the touches-per-month chart (default 24)
 */
public record ReportSettings(int touchMonths) {
  public static final String SECTION = "report";

  public static ReportSettings read(ConfigNode n) {
    ReportSettings s = new ReportSettings((int) n.integer("touch_months", 24, 3, 120));
    n.finish();
    return s;
  }

  public static ReportSettings defaults() {
    return new ReportSettings(24);
  }
}
