package rapport.config;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;

/**
 * How one contract column is read from a source file.
 *
 * @param column the contract column
 * @param sources the source column(s); two or more only with {@code combine = product}
 * @param constant a fixed value used for every row (no source column)
 * @param format for dates and timestamps: a pattern (Spark datetime syntax), {@code iso} or {@code
 *     excel_serial}; null = ISO
 * @param decimalSeparator for numbers: the decimal mark ({@code .} by default)
 * @param groupingSeparator for numbers: the thousands separator to strip ({@code ,} by default)
 * @param values source spellings (matched case-insensitively) mapped to contract values
 * @param combine {@code product} multiplies the sources (quantity × unit price); null otherwise
 * @param defaultValue the value used when the source is empty
 * @param scale numbers are multiplied by it (minutes to seconds: 60); null = 1
 * @param earliest dates and timestamps: the earliest plausible date; null = {@link
 *     #DEFAULT_EARLIEST}
 * @param latest dates and timestamps: the latest plausible date; null = the as-of date plus {@link
 *     #DEFAULT_YEARS_AHEAD} years
 * @param monthsBefore dates: the source is a whole number of months before this date (tenure in a
 *     contract snapshot); null otherwise
 */
public record ColumnMapping(
    String column,
    List<String> sources,
    String constant,
    String format,
    String decimalSeparator,
    String groupingSeparator,
    Map<String, String> values,
    String combine,
    String defaultValue,
    String scale,
    LocalDate earliest,
    LocalDate latest,
    LocalDate monthsBefore)
    implements java.io.Serializable {

  /** Earlier dates are placeholders (0001-01-01) or typos, not customers' history. */
  public static final LocalDate DEFAULT_EARLIEST = LocalDate.of(1900, 1, 1);

  /** Dates further after the as-of date are placeholders (9999-12-31) or typos. */
  public static final int DEFAULT_YEARS_AHEAD = 10;

  public static final String ISO = "iso";
  public static final String EXCEL_SERIAL = "excel_serial";
  public static final String PRODUCT = "product";

  /** The identity mapping: the source column has the contract name. */
  public static ColumnMapping identity(String column) {
    return new ColumnMapping(
        column,
        List.of(column),
        null,
        null,
        ".",
        ",",
        Map.of(),
        null,
        null,
        null,
        null,
        null,
        null);
  }

  /** The plausible range of a date or timestamp column as of {@code asOf}: [earliest, latest]. */
  public LocalDate[] dateRange(LocalDate asOf) {
    return new LocalDate[] {
      earliest == null ? DEFAULT_EARLIEST : earliest,
      latest == null ? asOf.plusYears(DEFAULT_YEARS_AHEAD) : latest
    };
  }

  public boolean isConstant() {
    return sources.isEmpty();
  }
}
