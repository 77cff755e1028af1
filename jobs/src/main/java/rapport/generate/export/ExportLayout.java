package rapport.generate.export;

import java.nio.file.Path;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.commons.csv.CSVFormat;

/**
 * One CRM's export layout: the files its users download, written from a canonical world, and the
 * rapport.yaml that reads them back. Canonical ids become the system's record ids; {@link
 * #interactionId} keeps the translation of touches for the truth labels.
 */
abstract class ExportLayout {
  static final DateTimeFormatter UTC_MILLIS =
      DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'", Locale.ROOT);
  static final DateTimeFormatter LOCAL_MINUTES =
      DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm", Locale.ROOT);

  /** Records are created in office hours; a date becomes this local time where a CRM wants one. */
  static final int CREATED_HOUR = 9;

  final Path out;
  final ZoneId zone;
  private final List<ExportFile> files = new ArrayList<>();
  private final Map<String, String> interactionIds = new HashMap<>();

  ExportLayout(Path out, ZoneId zone) {
    this.out = out;
    this.zone = zone;
  }

  /** The names of the files this layout writes, so that a rerun removes a stale one first. */
  abstract List<String> fileNames();

  /** Writes every file from the canonical world. */
  abstract void write(CanonicalWorld world);

  /** The rapport.yaml that reads these files. */
  abstract String config(LocalDate asOf);

  /** The files written, with their row counts. */
  final List<ExportFile> files() {
    return List.copyOf(files);
  }

  /** The export id of a canonical interaction, or null when the layout left it out. */
  final String interactionId(String canonical) {
    return interactionIds.get(canonical);
  }

  final void exported(String canonical, String exportId) {
    interactionIds.put(canonical, exportId);
  }

  final ExportFile open(String name, CSVFormat format, List<String> header) {
    ExportFile f = new ExportFile(out, name, format, header);
    files.add(f);
    return f;
  }

  final String utc(String isoOffset) {
    return OffsetDateTime.parse(isoOffset).withOffsetSameInstant(ZoneOffset.UTC).format(UTC_MILLIS);
  }

  final String local(String isoOffset) {
    return OffsetDateTime.parse(isoOffset).atZoneSameInstant(zone).format(LOCAL_MINUTES);
  }

  final LocalDate localDate(String isoOffset) {
    return OffsetDateTime.parse(isoOffset).atZoneSameInstant(zone).toLocalDate();
  }

  /** A date as the moment a record was created on it (office hours, local time). */
  final OffsetDateTime createdOn(String isoDate) {
    return LocalDate.parse(isoDate).atTime(CREATED_HOUR, 0).atZone(zone).toOffsetDateTime();
  }

  static String nz(String s) {
    return s == null ? "" : s;
  }

  static String country(String code) {
    return "DE".equals(code) ? "Germany" : nz(code);
  }
}
