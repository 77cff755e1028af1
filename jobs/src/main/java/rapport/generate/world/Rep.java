package rapport.generate.world;

/**
 * A representative (salesperson or barista) holding one seat from {@code startDay} to {@code
 * endDay} (exclusive; {@link Long#MAX_VALUE} when still there at the end of the world).
 */
public record Rep(
    String id,
    String firstName,
    String lastName,
    String email,
    String team,
    int weeklyCapacity,
    long startDay,
    long endDay) {

  public String name() {
    return firstName + " " + lastName;
  }

  public boolean activeOn(long day) {
    return day >= startDay && day < endDay;
  }
}
