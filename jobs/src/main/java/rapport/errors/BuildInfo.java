package rapport.errors;

/**
 * The code version of this build: the jar's Implementation-Version, else the development marker.
 */
public final class BuildInfo {
  private BuildInfo() {}

  public static String version() {
    String v = BuildInfo.class.getPackage().getImplementationVersion();
    return v == null ? "dev" : v;
  }
}
