package rapport.run;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;

/**
 * A small tmpfs to fill up: the real "No space left on device". Mounting needs root (CI runs as
 * root); where it is impossible the test is skipped, and says why.
 */
final class FullDisk implements AutoCloseable {
  private final Path dir;

  private FullDisk(Path dir) {
    this.dir = dir;
  }

  static FullDisk mount(Path dir, long bytes) throws Exception {
    Files.createDirectories(dir);
    int code = exec("mount", "-t", "tmpfs", "-o", "size=" + bytes, "tmpfs", dir.toString());
    Assumptions.assumeTrue(
        code == 0,
        "cannot mount a tmpfs at "
            + dir
            + " (exit "
            + code
            + "): a full disk needs root and mount; skipped on this machine");
    return new FullDisk(dir);
  }

  Path dir() {
    return dir;
  }

  /** Fills the disk until {@code free} bytes are left. */
  void fill(long free) throws IOException {
    long room = Files.getFileStore(dir).getUsableSpace() - free;
    byte[] block = new byte[4096];
    try (OutputStream out = Files.newOutputStream(dir.resolve("filler"))) {
      for (long n = 0; n + block.length <= room; n += block.length) {
        out.write(block);
      }
    }
  }

  @Override
  public void close() throws Exception {
    exec("umount", "-l", dir.toString()); // lazy: a file Spark left open must not keep it
  }

  private static int exec(String... cmd) throws Exception {
    Process p;
    try {
      p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
    } catch (IOException e) {
      return -1;
    }
    p.getInputStream().transferTo(OutputStream.nullOutputStream());
    return p.waitFor(60, TimeUnit.SECONDS) ? p.exitValue() : -1;
  }
}
