package rapport.generate.world;

import java.util.List;
import rapport.generate.text.Vocabulary.Hobby;

/**
 * A customer and the facts about their life that personal notes refer to. {@code dealerSeat} is
 * null for coffee-only customers, {@code baristas} null for dealership-only customers.
 */
public record Customer(
    int index,
    String id,
    String householdId,
    String firstName,
    String lastName,
    boolean female,
    long birthDay,
    String email,
    String phone,
    String city,
    String region,
    long sinceDay,
    boolean doNotContact,
    Person spouse,
    List<Person> children,
    String carModel,
    String spouseCarModel,
    Hobby hobby,
    String hometown,
    String pet,
    String spouseJob,
    boolean newsletter,
    boolean eReceipts,
    boolean prefersSms,
    Seat dealerSeat,
    List<Seat> baristas) {

  public boolean dealership() {
    return dealerSeat != null;
  }

  public boolean coffee() {
    return baristas != null;
  }

  /** "dealership", "coffee" or "both". */
  public String segment() {
    return dealership() && coffee() ? "both" : dealership() ? "dealership" : "coffee";
  }

  /** The rep the CRM shows as the owner on a day: the salesperson, else the location's lead. */
  public Rep ownerOn(long day) {
    return (dealership() ? dealerSeat : baristas.get(0)).repOn(day);
  }

  public String pronoun() {
    return female ? "she" : "he";
  }

  public String possessive() {
    return female ? "her" : "his";
  }
}
