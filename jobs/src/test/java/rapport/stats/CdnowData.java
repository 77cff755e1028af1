package rapport.stats;

import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.List;
import rapport.cli.StatsInput;

/** The CDNOW sample summarised as in Fader, Hardie &amp; Lee (2005). */
final class CdnowData {
  private CdnowData() {}

  static final LocalDate CALIBRATION_END = LocalDate.of(1997, 9, 30);

  /** Customers as of 1997-09-30, in weeks; the test is skipped when the file is absent. */
  static List<Rfm.Customer> customers() {
    StatsInput in =
        StatsInput.read(
            ReferenceData.shared("cdnow/CDNOW_sample.txt"), StatsInput.Delimiter.AUTO, false);
    Rfm.Builder b = Rfm.builder();
    DateTimeFormatter f = DateTimeFormatter.BASIC_ISO_DATE;
    for (String[] row : in.rows()) {
      b.add(row[0], LocalDate.parse(row[2], f), Double.parseDouble(row[4]));
    }
    return b.summarize(CALIBRATION_END, Rfm.TimeUnit.WEEK);
  }
}
