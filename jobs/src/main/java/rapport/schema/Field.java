package rapport.schema;

import java.util.Set;

/**
 * One column of an input contract.
 *
 * @param name contract column name (snake_case)
 * @param type value kind
 * @param required a row without a value here is quarantined as MISSING_REQUIRED_VALUE
 * @param allowed for CODE columns with a closed vocabulary, the values accepted; empty = any
 * @param defaultValue the value used when the source has none (null = stays missing)
 */
public record Field(
    String name, FieldType type, boolean required, Set<String> allowed, String defaultValue) {

  public static Field required(String name, FieldType type) {
    return new Field(name, type, true, Set.of(), null);
  }

  public static Field optional(String name, FieldType type) {
    return new Field(name, type, false, Set.of(), null);
  }

  public Field withDefault(String value) {
    return new Field(name, type, required, allowed, value);
  }

  public Field allowing(String... values) {
    return new Field(name, type, required, Set.of(values), defaultValue);
  }
}
