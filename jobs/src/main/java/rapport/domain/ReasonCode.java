package rapport.domain;

/**
 * Why a row was quarantined. A row is checked in this order and carries the first reason that
 * applies, so that every row ends in exactly one place.
 */
public enum ReasonCode {
  /** The record could not be split into the header's fields (field count, quoting, JSON). */
  MALFORMED_RECORD,
  /** A required column is empty. */
  MISSING_REQUIRED_VALUE,
  /** A date or timestamp does not parse in the configured format. */
  UNPARSEABLE_DATE,
  /**
   * A required date or timestamp outside its column's plausible range (default 1900-01-01 to ten
   * years after the as-of date): placeholders such as 0001-01-01 and 9999-12-31. An optional
   * column's value is read as empty instead, and counted in the quality report.
   */
  DATE_OUT_OF_RANGE,
  /** A numeric column (amount, duration, capacity) is not a number. */
  NOT_A_NUMBER,
  /** A boolean column is not one of the usual spellings of true or false. */
  INVALID_BOOLEAN,
  /** A code column is outside its vocabulary (direction, status, author_type). */
  INVALID_VALUE,
  /** The same record as an earlier one. */
  DUPLICATE_RECORD,
  /** The same key as an earlier record with different content. */
  DUPLICATE_KEY,
  /** An order or interaction of a customer that is not in the customers input. */
  UNKNOWN_CUSTOMER
}
