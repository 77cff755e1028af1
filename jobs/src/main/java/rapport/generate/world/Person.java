package rapport.generate.world;

/** A household member as others speak of them (a customer's spouse or child). */
public record Person(String firstName, boolean female, Role role) {
  public enum Role {
    SPOUSE,
    CHILD
  }

  /** "her husband Thomas", "his daughter Mia". */
  public String describedBy(boolean speakerFemale) {
    String pronoun = speakerFemale ? "her" : "his";
    String relation =
        switch (role) {
          case SPOUSE -> female ? "wife" : "husband";
          case CHILD -> female ? "daughter" : "son";
        };
    return pronoun + " " + relation + " " + firstName;
  }
}
