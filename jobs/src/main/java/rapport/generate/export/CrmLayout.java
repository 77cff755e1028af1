package rapport.generate.export;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;
import rapport.errors.RapportException;

/** The CRM whose export layout {@code rapport generate --crm} writes. */
public enum CrmLayout {
  SALESFORCE,
  HUBSPOT;

  /** The option's spelling: {@code salesforce} or {@code hubspot}. */
  public String optionName() {
    return name().toLowerCase(Locale.ROOT);
  }

  public static CrmLayout parse(String value) {
    for (CrmLayout l : values()) {
      if (l.optionName().equalsIgnoreCase(value)) {
        return l;
      }
    }
    throw RapportException.usage(
        "--crm is '%s'; allowed: %s",
        value,
        Arrays.stream(values()).map(CrmLayout::optionName).collect(Collectors.joining(", ")));
  }
}
