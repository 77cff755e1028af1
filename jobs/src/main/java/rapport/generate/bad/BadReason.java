package rapport.generate.bad;

/**
 * The reason codes of SPEC §5.3, in the order ingestion checks a row (it reports the first that
 * applies). Every injected bad row has exactly one of these defects.
 */
public enum BadReason {
  MALFORMED_RECORD,
  MISSING_REQUIRED_VALUE,
  UNPARSEABLE_DATE,
  NOT_A_NUMBER,
  INVALID_BOOLEAN,
  INVALID_VALUE,
  DUPLICATE_RECORD,
  DUPLICATE_KEY,
  UNKNOWN_CUSTOMER
}
