package rapport.config;

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
    String scale)
    implements java.io.Serializable {

  public static final String ISO = "iso";
  public static final String EXCEL_SERIAL = "excel_serial";
  public static final String PRODUCT = "product";

  /** The identity mapping: the source column has the contract name. */
  public static ColumnMapping identity(String column) {
    return new ColumnMapping(
        column, List.of(column), null, null, ".", ",", Map.of(), null, null, null);
  }

  public boolean isConstant() {
    return sources.isEmpty();
  }
}
