package rapport.generate.bad;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import rapport.domain.ReasonCode;
import rapport.generate.purchase.Rng;
import rapport.generate.write.CsvTable;
import rapport.schema.Contract;
import rapport.schema.Field;
import rapport.schema.FieldType;

/**
 * Writes an input table and, after every k-th clean row (k = 1/share), one extra bad row derived
 * from it, cycling through the reasons that apply to the table's contract. Bad rows are always
 * extra (the clean world stays whole, so the truth is unaffected) and carry exactly one defect:
 * those that are not about keys get a fresh key of their own, so that no later check fires too.
 */
public final class BadRowInjector {
  private static final String[] BAD_DATES = {
    "31/02/2026", "yesterday", "next Tuesday", "2026-03-14T25:99", "14.13.2025"
  };

  private static final String[] BAD_NUMBERS = {"twelve", "12.5O", "about 5 min", "--", "1e"};

  private static final String[] BAD_BOOLEANS = {"maybe", "2", "sometimes", "ja?"};

  private final CsvTable table;
  private final Contract contract;
  private final List<String> header;
  private final List<ReasonCode> reasons;
  private final long every;
  private final String freshPrefix;
  private final Rng rng;
  private final Map<ReasonCode, Long> counts = new EnumMap<>(ReasonCode.class);
  private long clean;
  private long fresh;
  private int next;

  /**
   * @param share bad rows per clean row (0 for none)
   * @param freshPrefix prefix of the made-up keys of bad rows, distinct from every real key
   */
  public BadRowInjector(
      CsvTable table, Contract contract, double share, String freshPrefix, long seed) {
    this.table = table;
    this.contract = contract;
    this.header = table.header();
    this.reasons = applicable(contract);
    this.every = share <= 0 ? Long.MAX_VALUE : Math.max(1, Math.round(1.0 / share));
    this.freshPrefix = freshPrefix;
    this.rng = Rng.of(seed, "bad-" + contract.name(), 0);
    for (ReasonCode r : reasons) {
      counts.put(r, 0L);
    }
  }

  /** The reasons a table of this contract can have, in check order. */
  public static List<ReasonCode> applicable(Contract c) {
    List<ReasonCode> out = new ArrayList<>();
    out.add(ReasonCode.MALFORMED_RECORD);
    out.add(ReasonCode.MISSING_REQUIRED_VALUE);
    if (c.fields().stream().anyMatch(f -> f.required() && isTemporal(f))) {
      out.add(ReasonCode.UNPARSEABLE_DATE);
    }
    if (c.fields().stream().anyMatch(BadRowInjector::isNumber)) {
      out.add(ReasonCode.NOT_A_NUMBER);
    }
    if (c.fields().stream().anyMatch(f -> f.type() == FieldType.BOOLEAN)) {
      out.add(ReasonCode.INVALID_BOOLEAN);
    }
    if (c.fields().stream().anyMatch(f -> !f.allowed().isEmpty())) {
      out.add(ReasonCode.INVALID_VALUE);
    }
    out.add(ReasonCode.DUPLICATE_RECORD);
    out.add(ReasonCode.DUPLICATE_KEY);
    if (c.customerRef() != null) {
      out.add(ReasonCode.UNKNOWN_CUSTOMER);
    }
    return List.copyOf(out);
  }

  private static boolean isTemporal(Field f) {
    return f.type() == FieldType.DATE || f.type() == FieldType.TIMESTAMP;
  }

  private static boolean isNumber(Field f) {
    return f.type() == FieldType.DECIMAL || f.type() == FieldType.INTEGER;
  }

  /** Writes a clean row, and a bad one after it when its turn has come. */
  public void write(String[] row) {
    table.write(row);
    clean++;
    if (clean % every == 0) {
      ReasonCode reason = reasons.get(next++ % reasons.size());
      table.write(corrupt(row, reason));
      counts.merge(reason, 1L, Long::sum);
    }
  }

  /** Bad rows written, by reason (every applicable reason present, zero if none). */
  public Map<ReasonCode, Long> counts() {
    return counts;
  }

  private String[] corrupt(String[] row, ReasonCode reason) {
    String[] bad = row.clone();
    switch (reason) {
      case MALFORMED_RECORD -> {
        freshKey(bad);
        String[] shorter = new String[bad.length - 1];
        System.arraycopy(bad, 0, shorter, 0, shorter.length);
        return rng.chance(0.5) ? shorter : append(bad, "extra");
      }
      case MISSING_REQUIRED_VALUE -> {
        freshKey(bad);
        bad[column(pickField(f -> f.required()))] = "";
      }
      case UNPARSEABLE_DATE -> {
        freshKey(bad);
        bad[column(pickField(f -> f.required() && isTemporal(f)))] = rng.pick(BAD_DATES);
      }
      case NOT_A_NUMBER -> {
        freshKey(bad);
        bad[column(pickField(BadRowInjector::isNumber))] = rng.pick(BAD_NUMBERS);
      }
      case INVALID_BOOLEAN -> {
        freshKey(bad);
        bad[column(pickField(f -> f.type() == FieldType.BOOLEAN))] = rng.pick(BAD_BOOLEANS);
      }
      case INVALID_VALUE -> {
        freshKey(bad);
        Field f = pickField(x -> !x.allowed().isEmpty());
        bad[column(f)] =
            rng.pick(new String[] {"unknown-" + f.name(), "pending", "outgoing", "bot"});
        if (f.allowed().contains(bad[column(f)])) {
          bad[column(f)] = "not-a-" + f.name();
        }
      }
      case DUPLICATE_RECORD -> {
        // An exact copy of the row just written.
      }
      case DUPLICATE_KEY -> alter(bad);
      case UNKNOWN_CUSTOMER -> {
        freshKey(bad);
        bad[column(contract.customerRef())] = String.format("CZ%07d", fresh);
      }
    }
    return bad;
  }

  private void freshKey(String[] row) {
    fresh++;
    row[column(contract.key())] = String.format("%s%07d", freshPrefix, fresh);
  }

  /** Same key, different content: change one optional text value that has no format. */
  private void alter(String[] row) {
    for (Field f : contract.fields()) {
      if (!f.required() && f.type() == FieldType.STRING) {
        int i = column(f);
        row[i] = row[i].isEmpty() ? "changed" : row[i] + " (changed)";
        return;
      }
    }
    // No optional text column: change an optional id column instead.
    for (Field f : contract.fields()) {
      if (!f.required() && f.type() == FieldType.ID) {
        int i = column(f);
        row[i] = row[i] + "-changed";
        return;
      }
    }
    throw new IllegalStateException("no column to alter in " + contract.name());
  }

  private Field pickField(Predicate<Field> p) {
    List<Field> options =
        contract.fields().stream().filter(p).filter(f -> !f.name().equals(contract.key())).toList();
    if (options.isEmpty()) {
      options = contract.fields().stream().filter(p).toList();
    }
    return rng.pick(options);
  }

  private int column(Field f) {
    return column(f.name());
  }

  private int column(String name) {
    return header.indexOf(name);
  }

  private static String[] append(String[] row, String value) {
    String[] longer = Arrays.copyOf(row, row.length + 1);
    longer[row.length] = value;
    return longer;
  }
}
