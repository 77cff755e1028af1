package rapport.ingest;

import static org.apache.spark.sql.functions.*;

import java.sql.Timestamp;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import rapport.config.ColumnMapping;
import rapport.domain.ReasonCode;
import rapport.schema.Columns;
import rapport.schema.Contract;
import rapport.schema.Field;
import rapport.schema.FieldType;

/**
 * Types the raw table into the contract: trims ids, lower-cases e-mails and codes, reads booleans
 * in their usual spellings, numbers with the configured separators, dates and timestamps in the
 * configured format and zone. Each row gets the first reason (in {@link ReasonCode} order, then
 * column order) that keeps it out of the clean table.
 *
 * <p>Output: lineage columns, the contract columns typed, {@code reason_code} and {@code
 * reason_detail} (both null for a good row).
 */
public final class Normalize {
  private Normalize() {}

  private static final String TRUE_WORDS = "true|t|yes|y|1|x|on";
  private static final String FALSE_WORDS = "false|f|no|n|0|off";

  /** Offsets or zones that make a timestamp an instant rather than local time. */
  private static final String OFFSET_SUFFIX = "(Z|z|[+-]\\d{2}(:?\\d{2})?|UTC|GMT)$";

  /** Pattern letters that read an offset or zone. */
  private static final Pattern ZONE_LETTERS = Pattern.compile("[XxZOVz]");

  /** What a decoder writes for bytes it could not read; in a source it means data already lost. */
  private static final String REPLACEMENT_CHARACTER = "\uFFFD";

  private record Check(ReasonCode code, int order, Column failed, Column detail) {}

  private static String textCol(String field) {
    return "_text_" + field;
  }

  /**
   * Output column: the optional date columns of the row whose value lay outside its plausible range
   * and was read as empty (a CRM's 9999-12-31 for "no end"), for the quality report.
   */
  public static final String CLEARED = "_cleared";

  /**
   * @param asOf the as-of date, which ends the default plausible range of dates (plus {@link
   *     ColumnMapping#DEFAULT_YEARS_AHEAD} years)
   */
  public static Dataset<Row> apply(
      Dataset<Row> raw,
      Contract contract,
      Map<String, ColumnMapping> mappings,
      ZoneId zone,
      LocalDate asOf) {
    // Three projections (text, typed value, checks) keep each generated method small: the checks
    // refer to the typed columns by name instead of repeating their parse expressions.
    List<Column> texts = new ArrayList<>(lineage());
    texts.add(
        coalesce(
                col(SourceReader.MALFORMED),
                when(
                    col(Columns.RAW_RECORD).contains(REPLACEMENT_CHARACTER),
                    lit(
                        "holds U+FFFD, the mark of a character lost when the file was converted"
                            + " from another encoding; export it again from the source system")))
            .as(SourceReader.MALFORMED));
    for (Field f : contract.fields()) {
      ColumnMapping m = mappings.get(f.name());
      texts.add(text(f, m).as(textCol(f.name())));
      if (m != null && ColumnMapping.PRODUCT.equals(m.combine())) {
        for (int i = 0; i < m.sources().size(); i++) {
          texts.add(source(m, i).as(textCol(f.name()) + "__" + i));
        }
      }
    }
    List<Column> typed = new ArrayList<>(lineage());
    typed.add(col(SourceReader.MALFORMED));
    List<Check> checks = new ArrayList<>();
    checks.add(
        new Check(
            ReasonCode.MALFORMED_RECORD,
            -1,
            col(SourceReader.MALFORMED).isNotNull(),
            col(SourceReader.MALFORMED)));
    Map<String, Column> cleared = new java.util.LinkedHashMap<>();
    int order = 0;
    for (Field f : contract.fields()) {
      ColumnMapping m = mappings.get(f.name());
      Column text = col(textCol(f.name()));
      Column value = col(f.name());
      typed.add(text);
      Parse p = m == null ? Parse.none(f) : parse(f, m, text, zone);
      typed.add(p.value.cast(f.type().sparkType()).as(f.name()));
      if (f.required()) {
        checks.add(
            new Check(
                ReasonCode.MISSING_REQUIRED_VALUE,
                order,
                text.isNull().and(value.isNull()),
                lit(f.name() + " is empty")));
      }
      if (p.badCode != null) {
        checks.add(
            new Check(
                p.badCode,
                order,
                text.isNotNull().and(value.isNull()),
                concat(lit(f.name() + ": '"), shorten(text), lit("' "), p.badWhy)));
      }
      Column outOfRange = m == null ? null : outOfRange(f, m, value, zone, asOf);
      if (outOfRange != null && f.required()) {
        checks.add(
            new Check(
                ReasonCode.DATE_OUT_OF_RANGE,
                order,
                outOfRange,
                concat(
                    lit(f.name() + ": '"),
                    shorten(text),
                    lit(
                        "' is outside the plausible range "
                            + range(m, asOf)
                            + " (a placeholder?); if it is real, widen the range with earliest"
                            + " or latest under inputs."
                            + contract.name()
                            + ".columns."
                            + f.name()))));
      }
      if (outOfRange != null && !f.required()) {
        cleared.put(f.name(), outOfRange);
      }
      if (!f.allowed().isEmpty()) {
        checks.add(
            new Check(
                ReasonCode.INVALID_VALUE,
                order,
                value.isNotNull().and(not(value.isin(f.allowed().toArray()))),
                concat(
                    lit(f.name() + ": '"),
                    shorten(text),
                    lit(
                        "' is not one of "
                            + String.join(", ", f.allowed().stream().sorted().toList())))));
      }
      order++;
    }
    checks.sort(Comparator.comparing(Check::code).thenComparing(Check::order));
    Column code = lit(null).cast("string");
    Column detail = lit(null).cast("string");
    for (int i = checks.size() - 1; i >= 0; i--) {
      Check c = checks.get(i);
      code = when(c.failed, lit(c.code.name())).otherwise(code);
      detail = when(c.failed, c.detail).otherwise(detail);
    }
    List<Column> out = new ArrayList<>(lineage());
    List<Column> clearedNames = new ArrayList<>();
    for (Field f : contract.fields()) {
      Column oor = cleared.get(f.name());
      if (oor == null) {
        out.add(col(f.name()));
      } else {
        out.add(when(oor, lit(null)).otherwise(col(f.name())).as(f.name()));
        clearedNames.add(when(oor, lit(f.name())));
      }
    }
    out.add(
        clearedNames.isEmpty()
            ? array().cast("array<string>").as(CLEARED)
            : array_compact(array(clearedNames.toArray(Column[]::new))).as(CLEARED));
    out.add(code.as(Columns.REASON_CODE));
    out.add(detail.as(Columns.REASON_DETAIL));
    return raw.select(texts.toArray(Column[]::new))
        .select(typed.toArray(Column[]::new))
        .select(out.toArray(Column[]::new));
  }

  /**
   * True when a parsed date or timestamp lies outside the column's plausible range; null for other
   * columns.
   */
  private static Column outOfRange(
      Field f, ColumnMapping m, Column value, ZoneId zone, LocalDate asOf) {
    LocalDate[] r = m.dateRange(asOf);
    if (f.type() == FieldType.DATE) {
      return value
          .lt(lit(java.sql.Date.valueOf(r[0])))
          .or(value.gt(lit(java.sql.Date.valueOf(r[1]))));
    }
    if (f.type() == FieldType.TIMESTAMP) {
      Timestamp from = Timestamp.from(r[0].atStartOfDay(zone).toInstant());
      Timestamp until = Timestamp.from(r[1].plusDays(1).atStartOfDay(zone).toInstant());
      return value.lt(lit(from)).or(value.geq(lit(until)));
    }
    return null;
  }

  /** The plausible range of a date column as users read it: "1900-01-01 to 2036-06-30". */
  public static String range(ColumnMapping m, LocalDate asOf) {
    LocalDate[] r = m.dateRange(asOf);
    return r[0] + " to " + r[1];
  }

  private static List<Column> lineage() {
    return List.of(col(Columns.SOURCE_FILE), col(Columns.LINE_NUMBER), col(Columns.RAW_RECORD));
  }

  /** A parsed value and, when the text can fail to parse, the reason and words for it. */
  private record Parse(Column value, ReasonCode badCode, Column badWhy) {
    Parse(Column value, ReasonCode badCode, String badWhy) {
      this(value, badCode, badWhy == null ? null : lit(badWhy));
    }

    static Parse ok(Column value) {
      return new Parse(value, null, (Column) null);
    }

    static Parse none(Field f) {
      return ok(
          f.defaultValue() == null
              ? lit(null)
              : lit(
                  f.type() == FieldType.BOOLEAN
                      ? (Object) Boolean.valueOf(f.defaultValue())
                      : f.defaultValue()));
    }
  }

  /** The source text of a column: trimmed, spellings mapped, default applied. */
  private static Column text(Field f, ColumnMapping m) {
    if (m == null) {
      return lit(null).cast("string");
    }
    if (ColumnMapping.PRODUCT.equals(m.combine())) {
      List<Column> parts = new ArrayList<>();
      for (int i = 0; i < m.sources().size(); i++) {
        parts.add(source(m, i));
      }
      Column anyMissing = lit(false);
      for (Column p : parts) {
        anyMissing = anyMissing.or(p.isNull());
      }
      return when(not(anyMissing), concat_ws(" x ", parts.toArray(Column[]::new)));
    }
    Column text = m.isConstant() ? lit(m.constant()) : source(m, 0);
    if (!m.values().isEmpty()) {
      List<Column> kv = new ArrayList<>();
      m.values()
          .forEach(
              (k, v) -> {
                kv.add(lit(k));
                kv.add(lit(v));
              });
      Column spellings = map(kv.toArray(Column[]::new));
      // a spelling mapped to "" is an empty value ({No: ""} on closed_at), not unparseable text
      text =
          when(
                  map_contains_key(spellings, lower(text)),
                  nullif(try_element_at(spellings, lower(text)), lit("")))
              .otherwise(text);
    }
    if (m.defaultValue() != null) {
      text = coalesce(text, lit(m.defaultValue()));
    }
    if (f.defaultValue() != null) {
      text = coalesce(text, lit(f.defaultValue()));
    }
    return text;
  }

  private static Parse parse(Field f, ColumnMapping m, Column text, ZoneId zone) {
    if (ColumnMapping.PRODUCT.equals(m.combine())) {
      return product(f, m);
    }
    return switch (f.type()) {
      case ID, STRING -> Parse.ok(text);
      case EMAIL, CODE -> Parse.ok(lower(text));
      case BOOLEAN -> bool(text);
      case INTEGER -> integer(text, m);
      case DECIMAL ->
          new Parse(scaled(decimal(text, m), m), ReasonCode.NOT_A_NUMBER, notANumber(text, m, ""));
      case DATE -> date(text, m, zone);
      case TIMESTAMP -> timestamp(text, m, zone);
    };
  }

  /** Trimmed of all Unicode white space; empty becomes null. */
  static Column clean(Column c) {
    Column t = regexp_replace(c, "(?U)^\\s+|\\s+$", "");
    return when(t.equalTo(""), lit(null).cast("string")).otherwise(t);
  }

  private static Column shorten(Column text) {
    return when(length(text).gt(60), concat(substring(text, 1, 60), lit("..."))).otherwise(text);
  }

  private static Column source(ColumnMapping m, int i) {
    return clean(col(ReadPlan.rawNames(m).get(i)));
  }

  private static Parse bool(Column text) {
    Column l = lower(text);
    Column v =
        when(l.rlike("^(" + TRUE_WORDS + ")$"), lit(true))
            .when(l.rlike("^(" + FALSE_WORDS + ")$"), lit(false));
    return new Parse(
        v,
        ReasonCode.INVALID_BOOLEAN,
        "is not true or false (allowed: true/false, yes/no, y/n, 1/0)");
  }

  private static Parse integer(Column text, ColumnMapping m) {
    Column d = scaled(decimal(text, m), m);
    // 360.0 from a spreadsheet is a whole number; 12.5 is not
    Column v = when(d.equalTo(floor(d)), d.cast("long"));
    Column why =
        when(d.isNotNull(), lit("is not a whole number")).otherwise(notANumber(text, m, " whole"));
    return new Parse(v, ReasonCode.NOT_A_NUMBER, why);
  }

  /**
   * A number as finance exports write it: currency signs and codes dropped, accounting parentheses
   * made a minus sign, thousands separators removed and the decimal mark made a point.
   *
   * <p>The separators must fit the column's marks exactly, or the value is not a number: thousands
   * groups have three digits (a space between groups is accepted too, as French and Swiss exports
   * write them) and there is at most one decimal mark, after the groups. So with the defaults
   * ({@code .} decimal, {@code ,} thousands) {@code 1,234.50}, {@code $1,234} and {@code (12.00)}
   * read as usual, but {@code 12,50} and {@code 1.234,50} (a European export read with the wrong
   * marks) are refused instead of becoming 1250 and 1.2345.
   */
  static Column decimal(Column text, ColumnMapping m) {
    Column t = regexp_replace(text, "[$€£¥]|\\b(EUR|USD|GBP|CHF)\\b", "");
    t = regexp_replace(t, "(?U)^\\s+|\\s+$", "");
    Column negative = t.rlike("^\\(.*\\)$");
    t = regexp_replace(t, "(?U)^\\(\\s*(.*?)\\s*\\)$", "$1");
    Column fits = t.rlike(numberPattern(m.decimalSeparator(), m.groupingSeparator()));
    t = regexp_replace(t, "(?U)\\s", "");
    if (!m.groupingSeparator().isEmpty()) {
      t = regexp_replace(t, Pattern.quote(m.groupingSeparator()), "");
    }
    if (!m.decimalSeparator().equals(".")) {
      t = regexp_replace(t, Pattern.quote(m.decimalSeparator()), ".");
    }
    Column v = when(fits, try_cast(t, "decimal(38,10)"));
    v = when(negative, v.multiply(lit(-1))).otherwise(v);
    return try_cast(v, "decimal(20,4)");
  }

  /** The shapes a number may take with these marks (see {@link #decimal}). */
  static String numberPattern(String decimalMark, String groupingMark) {
    List<String> whole = new ArrayList<>();
    if (!groupingMark.isEmpty()) {
      whole.add("\\d{1,3}(?:" + Pattern.quote(groupingMark) + "\\d{3})+");
    }
    whole.add("\\d{1,3}(?:\\s\\d{3})+");
    whole.add("\\d+");
    String d = Pattern.quote(decimalMark);
    return "(?U)^[-+]?(?:(?:"
        + String.join("|", whole)
        + ")(?:"
        + d
        + "\\d*)?|"
        + d
        + "\\d+)(?:[eE][-+]?\\d+)?$";
  }

  /** Why a value is not a number: wrong separators (with the marks in use), or not one at all. */
  private static Column notANumber(Column text, ColumnMapping m, String kind) {
    String marks =
        "decimal mark '"
            + m.decimalSeparator()
            + "'"
            + (m.groupingSeparator().isEmpty()
                ? " and no thousands separator"
                : " and thousands separator '" + m.groupingSeparator() + "'");
    Column onlyDigitsAndMarks = text.rlike("(?U)^[(\\s$€£¥+-]*\\d[\\d\\s.,']*[)\\s$€£¥]*$");
    return when(
            onlyDigitsAndMarks,
            lit(
                "is not a"
                    + kind
                    + " number with "
                    + marks
                    + ": its separators are ambiguous or misplaced; set decimal_separator and"
                    + " grouping_separator for this column to the export's"))
        .otherwise(lit("is not a" + kind + " number"));
  }

  private static Column scaled(Column number, ColumnMapping m) {
    return m.scale() == null
        ? number
        : try_cast(number.multiply(lit(new java.math.BigDecimal(m.scale()))), "decimal(20,4)");
  }

  private static Column try_cast(Column c, String type) {
    return c.try_cast(type);
  }

  /** Quantity x unit price and the like: the product of the parts, each read as a number. */
  private static Parse product(Field f, ColumnMapping m) {
    Column value = lit(1).cast("decimal(38,10)");
    for (int i = 0; i < m.sources().size(); i++) {
      value =
          value.multiply(try_cast(decimal(col(textCol(f.name()) + "__" + i), m), "decimal(38,10)"));
    }
    return new Parse(
        try_cast(value, "decimal(20,4)"), ReasonCode.NOT_A_NUMBER, "is not a product of numbers");
  }

  private static Parse date(Column text, ColumnMapping m, ZoneId zone) {
    String fmt = m.format() == null ? ColumnMapping.ISO : m.format();
    Column v;
    String why;
    if (m.monthsBefore() != null) {
      v = monthsBefore(text, m);
      why = "is not a whole number of months before " + m.monthsBefore();
    } else if (fmt.equalsIgnoreCase(ColumnMapping.ISO)) {
      // A date-time in a date column (CreatedDate exports) must be a valid instant or local
      // time; an instant is cut into a date in the configured zone.
      Column withTime = text.rlike("^\\d{4}-\\d{1,2}-\\d{1,2}[ T]\\d");
      Column asTimestamp = try_cast(text, "timestamp");
      v =
          when(text.rlike("^\\d{4}-\\d{1,2}-\\d{1,2}$"), try_cast(text, "date"))
              .when(
                  withTime.and(text.rlike(OFFSET_SUFFIX)),
                  to_date(from_utc_timestamp(asTimestamp, zone.getId())))
              .when(withTime, to_date(asTimestamp));
      why = "is not a date (expected yyyy-MM-dd)";
    } else if (fmt.equalsIgnoreCase(ColumnMapping.EXCEL_SERIAL)) {
      v =
          when(
              text.rlike("^\\d+(\\.\\d+)?$"),
              date_add(
                  lit(java.sql.Date.valueOf("1899-12-30")),
                  floor(text.cast("double")).cast("int")));
      why = "is not an Excel date serial number";
    } else {
      v = to_date(try_to_timestamp(text, lit(fmt)));
      why = "is not a date in the format " + fmt;
    }
    return new Parse(v, ReasonCode.UNPARSEABLE_DATE, why);
  }

  /** Tenure in a contract snapshot: the date so many whole months before the snapshot day. */
  private static Column monthsBefore(Column text, ColumnMapping m) {
    return when(
        text.rlike("^\\d{1,5}(\\.0*)?$"),
        add_months(
            lit(java.sql.Date.valueOf(m.monthsBefore())),
            floor(text.cast("double")).cast("int").multiply(-1)));
  }

  private static Parse timestamp(Column text, ColumnMapping m, ZoneId zone) {
    String fmt = m.format() == null ? ColumnMapping.ISO : m.format();
    String tz = zone.getId();
    Column v;
    String why;
    if (m.monthsBefore() != null) {
      // midnight of that day in the configured zone
      v = to_utc_timestamp(monthsBefore(text, m).cast("timestamp"), tz);
      why = "is not a whole number of months before " + m.monthsBefore();
    } else if (fmt.equalsIgnoreCase(ColumnMapping.ISO)) {
      Column iso = text.rlike("^\\d{4}-\\d{1,2}-\\d{1,2}([ T]\\d{1,2}:\\d{2}.*)?$");
      Column parsed = try_cast(text, "timestamp");
      v = when(iso.and(text.rlike(OFFSET_SUFFIX)), parsed).when(iso, to_utc_timestamp(parsed, tz));
      why = "is not an ISO-8601 timestamp (expected e.g. 2026-03-14T09:12:00+01:00)";
    } else if (fmt.equalsIgnoreCase(ColumnMapping.EXCEL_SERIAL)) {
      Column seconds = text.cast("double").minus(25569).multiply(86400);
      v =
          when(
              text.rlike("^\\d+(\\.\\d+)?$"),
              to_utc_timestamp(timestamp_seconds(round(seconds, 0).cast("long")), tz));
      why = "is not an Excel date serial number";
    } else {
      Column parsed = try_to_timestamp(text, lit(fmt));
      v =
          ZONE_LETTERS.matcher(fmt.replaceAll("'[^']*'", "")).find()
              ? parsed
              : to_utc_timestamp(parsed, tz);
      why = "is not a timestamp in the format " + fmt;
    }
    return new Parse(v, ReasonCode.UNPARSEABLE_DATE, why);
  }
}
