package rapport.generate.text;

import java.text.Normalizer;

/** Names, places and things the world's people and notes are made of. */
public final class Vocabulary {
  private Vocabulary() {}

  public static final String[] FEMALE_NAMES = {
    "Anna",
    "Lena",
    "Marie",
    "Sophie",
    "Laura",
    "Julia",
    "Sarah",
    "Katrin",
    "Sabine",
    "Petra",
    "Monika",
    "Claudia",
    "Andrea",
    "Nicole",
    "Stefanie",
    "Birgit",
    "Ayşe",
    "Elif",
    "Zeynep",
    "Agnieszka",
    "Magdalena",
    "Joanna",
    "Olena",
    "Iryna",
    "Chiara",
    "Giulia",
    "Fatima",
    "Amira",
    "Ingrid",
    "Heike",
    "Ute",
    "Maren",
    "Jana",
    "Leonie",
    "Emma",
    "Mia",
    "Hannah",
    "Clara",
    "Greta",
    "Ida",
    "Nora",
    "Paula",
    "Frieda",
    "Lotte",
    "Ines",
    "Carla",
    "Lucía",
    "Marta",
    "Ewa",
    "Dagmar"
  };

  public static final String[] MALE_NAMES = {
    "Thomas",
    "Michael",
    "Andreas",
    "Stefan",
    "Frank",
    "Jürgen",
    "Klaus",
    "Peter",
    "Markus",
    "Christian",
    "Tobias",
    "Jan",
    "Lukas",
    "Felix",
    "Jonas",
    "Maximilian",
    "Mehmet",
    "Emre",
    "Can",
    "Piotr",
    "Tomasz",
    "Andrii",
    "Dmytro",
    "Luca",
    "Marco",
    "Omar",
    "Karim",
    "Sven",
    "Henrik",
    "Ole",
    "Matthias",
    "Dirk",
    "Uwe",
    "Ralf",
    "Bernd",
    "Paul",
    "Leon",
    "Noah",
    "Elias",
    "Finn",
    "Anton",
    "Emil",
    "Theo",
    "Jakob",
    "Moritz",
    "Rafael",
    "João",
    "Miguel",
    "Pavel",
    "Hans"
  };

  public static final String[] LAST_NAMES = {
    "Müller",
    "Schmidt",
    "Schneider",
    "Fischer",
    "Weber",
    "Meyer",
    "Wagner",
    "Becker",
    "Schulz",
    "Hoffmann",
    "Koch",
    "Richter",
    "Klein",
    "Wolf",
    "Schröder",
    "Neumann",
    "Schwarz",
    "Braun",
    "Zimmermann",
    "Krüger",
    "Hartmann",
    "Lange",
    "Werner",
    "Krause",
    "Lehmann",
    "Köhler",
    "Yılmaz",
    "Kaya",
    "Demir",
    "Nowak",
    "Kowalski",
    "Wiśniewska",
    "Kovalenko",
    "Shevchenko",
    "Rossi",
    "Esposito",
    "Haddad",
    "Nasser",
    "Jensen",
    "Andersen",
    "Silva",
    "Santos",
    "Novák",
    "Horvath",
    "Vogel",
    "Friedrich",
    "Keller",
    "Günther",
    "Frank",
    "Berger",
    "Roth",
    "Beck",
    "Lorenz",
    "Baumann",
    "Franke",
    "Albrecht",
    "Schuster",
    "Simon",
    "Ludwig",
    "Böhm",
    "Winter"
  };

  /** City and region where customers live, near the shops. */
  public static final String[][] CITIES = {
    {"Berlin", "Berlin"}, {"Potsdam", "Brandenburg"}, {"Falkensee", "Brandenburg"},
    {"Teltow", "Brandenburg"}, {"Bernau", "Brandenburg"}, {"Oranienburg", "Brandenburg"},
    {"Königs Wusterhausen", "Brandenburg"}, {"Kleinmachnow", "Brandenburg"}
  };

  /** Where people come from: the salesman asks about the weather back home. */
  public static final String[] HOMETOWNS = {
    "Hamburg",
    "Munich",
    "Cologne",
    "Dresden",
    "Leipzig",
    "Rostock",
    "Kraków",
    "Gdańsk",
    "Izmir",
    "Ankara",
    "Kyiv",
    "Lviv",
    "Porto",
    "Naples",
    "Bologna",
    "Vienna",
    "Zürich",
    "Aarhus",
    "Glasgow",
    "Beirut",
    "Stuttgart",
    "Kiel",
    "Freiburg",
    "the Harz",
    "the Allgäu",
    "Rügen"
  };

  public static final String[] CAR_MODELS = {
    "Golf",
    "Passat Variant",
    "Tiguan",
    "ID.4",
    "Polo",
    "T-Roc",
    "Touran",
    "Octavia Combi",
    "Superb",
    "Kodiaq",
    "Fabia",
    "Enyaq",
    "Arteon",
    "ID.3",
    "Caddy",
    "Multivan",
    "Karoq",
    "Up!"
  };

  public static final String[] PLACES = {
    "Potsdam", "the Müggelsee", "Werder", "Wannsee", "Spreewald", "the Havel lakes", "Lübars",
    "Grunewald", "Beelitz", "Bad Saarow", "the Oderbruch", "Kladow", "Tempelhofer Feld", "Usedom"
  };

  public static final String[] PETS = {
    "dog", "puppy", "old labrador", "dachshund", "cat", "tomcat", "rescue dog", "beagle"
  };

  public static final String[] PET_NAMES = {
    "Bruno", "Luna", "Balu", "Emma", "Paul", "Kira", "Oskar", "Mila", "Lotte", "Charly", "Nala"
  };

  public static final String[] JOBS = {
    "the hospital",
    "a new job in Mitte",
    "the school",
    "the bakery",
    "the university",
    "a start-up",
    "the Bundestag",
    "the airport",
    "the fire brigade",
    "a law firm",
    "the bank"
  };

  /** A pastime, with what a barista notices and what happens in it. */
  public record Hobby(String name, String item, String[] events) {}

  public static final Hobby[] HOBBIES = {
    new Hobby(
        "cycling",
        "bike helmet",
        new String[] {"the ride to %s", "a century ride", "the gravel race"}),
    new Hobby(
        "running",
        "running shoes",
        new String[] {"the half marathon", "the 10k in %s", "a trail run"}),
    new Hobby(
        "sailing",
        "sailing jacket",
        new String[] {"the regatta", "a weekend on %s", "the boat's new sail"}),
    new Hobby(
        "football",
        "club scarf",
        new String[] {"Saturday's match", "the derby", "the youth tournament"}),
    new Hobby(
        "choir",
        "sheet music",
        new String[] {"the Christmas concert", "the choir trip to %s", "rehearsals"}),
    new Hobby(
        "gardening",
        "seed catalogue",
        new String[] {"the allotment", "the tomato harvest", "the new greenhouse"}),
    new Hobby(
        "photography",
        "camera bag",
        new String[] {"the photo walk in %s", "the exhibition", "the new lens"}),
    new Hobby(
        "climbing",
        "chalk bag",
        new String[] {"the bouldering gym", "the trip to the Elbsandstein", "a new route"}),
    new Hobby(
        "tennis",
        "racket",
        new String[] {"the club championship", "doubles on Sunday", "the new coach"}),
    new Hobby(
        "chess",
        "chess clock",
        new String[] {"the club tournament", "the online league", "a blitz evening"}),
    new Hobby(
        "fishing",
        "tackle box",
        new String[] {"the morning at %s", "the pike season", "the new rod"}),
    new Hobby(
        "pottery",
        "clay-stained apron",
        new String[] {"the pottery course", "the kiln firing", "the market stall"}),
    new Hobby(
        "swimming",
        "swim bag",
        new String[] {"the open-water swim at %s", "the lido", "early lanes"}),
    new Hobby(
        "birdwatching",
        "binoculars",
        new String[] {"the cranes at %s", "the spring count", "the new scope"})
  };

  /** An e-mail-safe ASCII form of a name (ü to u, ş to s). */
  public static String ascii(String s) {
    String n = Normalizer.normalize(s.replace("ß", "ss").replace("ı", "i"), Normalizer.Form.NFD);
    return n.replaceAll("\\p{M}", "").replaceAll("[^A-Za-z0-9.-]", "");
  }
}
