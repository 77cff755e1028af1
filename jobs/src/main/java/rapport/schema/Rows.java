package rapport.schema;

import org.apache.spark.sql.Row;

/**
 * Reads a row's fields by name, so that a reader does not depend on the order of a {@code select}
 * or a {@code struct}. Nullable fields come back as null; a field the row does not have is an error
 * naming the field and the fields there are.
 */
public final class Rows {
  private Rows() {}

  public static String string(Row r, String field) {
    return r.getString(index(r, field));
  }

  public static boolean bool(Row r, String field) {
    return r.getBoolean(index(r, field));
  }

  public static int integer(Row r, String field) {
    return r.getInt(index(r, field));
  }

  public static long longValue(Row r, String field) {
    return r.getLong(index(r, field));
  }

  public static double number(Row r, String field) {
    return r.getDouble(index(r, field));
  }

  public static Integer optionalInteger(Row r, String field) {
    int i = index(r, field);
    return r.isNullAt(i) ? null : r.getInt(i);
  }

  public static Double optionalNumber(Row r, String field) {
    int i = index(r, field);
    return r.isNullAt(i) ? null : r.getDouble(i);
  }

  public static Long optionalLong(Row r, String field) {
    int i = index(r, field);
    return r.isNullAt(i) ? null : r.getLong(i);
  }

  public static Boolean optionalBool(Row r, String field) {
    int i = index(r, field);
    return r.isNullAt(i) ? null : r.getBoolean(i);
  }

  /** A nullable double read as {@code otherwise} when null. */
  public static double number(Row r, String field, double otherwise) {
    Double d = optionalNumber(r, field);
    return d == null ? otherwise : d;
  }

  private static int index(Row r, String field) {
    if (r.schema() == null) {
      throw new IllegalArgumentException("a row without a schema cannot be read by field name");
    }
    try {
      return r.fieldIndex(field);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(
          "no field '"
              + field
              + "' in a row of "
              + String.join(", ", r.schema().fieldNames())
              + ": select it before reading it",
          e);
    }
  }
}
