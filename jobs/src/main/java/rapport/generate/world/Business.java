package rapport.generate.world;

/** The two businesses of the world, with their different rhythms. */
public enum Business {
  /** A car dealership: rare vehicle purchases, service visits, recalls, a personal salesperson. */
  DEALERSHIP("dealership", "Autohaus Lindner"),
  /** A coffee shop: frequent app orders picked up in store, baristas at the counter. */
  COFFEE("coffee", "Kaffeebar Lindner");

  private final String key;
  private final String brand;

  Business(String key, String brand) {
    this.key = key;
    this.brand = brand;
  }

  public String key() {
    return key;
  }

  public String brand() {
    return brand;
  }
}
