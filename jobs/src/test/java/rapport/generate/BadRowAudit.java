package rapport.generate;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.apache.commons.csv.CSVRecord;
import rapport.schema.Contract;
import rapport.schema.Field;
import rapport.schema.FieldType;

/**
 * An ingestion-like check of written rows, written apart from the generator's injector: it
 * classifies every record by the first failing check in the order of SPEC 5.3, so the test can
 * compare its counts with what parameters.json claims.
 */
final class BadRowAudit {
  final Map<String, Long> reasons = new TreeMap<>();
  final Set<String> validKeys = new HashSet<>();
  long valid;

  private final Set<List<String>> seenRecords = new HashSet<>();
  private final Set<String> seenKeys = new HashSet<>();

  BadRowAudit(
      Contract contract, List<String> header, List<CSVRecord> records, Set<String> customers) {
    for (CSVRecord r : records) {
      String reason = check(contract, header, r, customers);
      if (reason == null) {
        valid++;
        validKeys.add(r.get(contract.key()));
      } else {
        reasons.merge(reason, 1L, Long::sum);
      }
    }
  }

  private String check(Contract c, List<String> header, CSVRecord r, Set<String> customers) {
    if (r.size() != header.size()) {
      return "MALFORMED_RECORD";
    }
    for (Field f : c.fields()) {
      if (f.required() && r.get(f.name()).isEmpty()) {
        return "MISSING_REQUIRED_VALUE";
      }
    }
    for (Field f : c.fields()) {
      String v = r.get(f.name());
      if (!v.isEmpty() && !parses(f.type(), v, FieldType.DATE, FieldType.TIMESTAMP)) {
        return "UNPARSEABLE_DATE";
      }
    }
    for (Field f : c.fields()) {
      String v = r.get(f.name());
      if (!v.isEmpty() && !parses(f.type(), v, FieldType.DECIMAL, FieldType.INTEGER)) {
        return "NOT_A_NUMBER";
      }
    }
    for (Field f : c.fields()) {
      String v = r.get(f.name());
      if (f.type() == FieldType.BOOLEAN
          && !v.isEmpty()
          && !v.equals("true")
          && !v.equals("false")) {
        return "INVALID_BOOLEAN";
      }
    }
    for (Field f : c.fields()) {
      String v = r.get(f.name());
      if (!f.allowed().isEmpty() && !v.isEmpty() && !f.allowed().contains(v)) {
        return "INVALID_VALUE";
      }
    }
    List<String> values = r.toList();
    if (!seenRecords.add(values)) {
      return "DUPLICATE_RECORD";
    }
    if (!seenKeys.add(r.get(c.key()))) {
      return "DUPLICATE_KEY";
    }
    if (c.customerRef() != null && !customers.contains(r.get(c.customerRef()))) {
      return "UNKNOWN_CUSTOMER";
    }
    return null;
  }

  /** True unless the value is of one of the checked types and does not parse as it. */
  private static boolean parses(FieldType type, String v, FieldType a, FieldType b) {
    if (type != a && type != b) {
      return true;
    }
    try {
      switch (type) {
        case DATE -> LocalDate.parse(v);
        case TIMESTAMP -> OffsetDateTime.parse(v);
        case DECIMAL -> new BigDecimal(v);
        case INTEGER -> Long.parseLong(v);
        default -> {}
      }
      return true;
    } catch (RuntimeException e) {
      return false;
    }
  }
}
