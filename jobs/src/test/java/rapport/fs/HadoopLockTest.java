package rapport.fs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import rapport.config.CommitMode;
import rapport.errors.ExitCode;
import rapport.errors.RapportException;
import rapport.run.RunFolder;

/**
 * The lock of a run on a Hadoop file system (here Hadoop's own local file system through the same
 * provider as HDFS and S3A, so that no process releases it): a lock left by a run that died on this
 * host is taken over; one held by a live run, by a run elsewhere, or in a form nobody wrote is
 * refused with a message naming its holder.
 */
class HadoopLockTest {
  private static final LocalDate AS_OF = LocalDate.parse("2026-06-30");
  @TempDir Path dir;

  private Path out() {
    return HadoopFileSystemProvider.INSTANCE.getPath(dir.resolve("out").toUri());
  }

  private Path lock() {
    return out().resolve(".lock-" + AS_OF);
  }

  private static String host() throws IOException {
    return java.net.InetAddress.getLocalHost().getHostName();
  }

  private static String namespace() throws IOException {
    return Files.readSymbolicLink(Path.of("/proc/self/ns/pid")).toString();
  }

  private void holder(long pid, String host, Instant since) throws IOException {
    Files.createDirectories(out());
    Files.writeString(
        lock(),
        "pid " + pid + " on " + host + " since " + since + ", pid namespace " + namespace());
  }

  private static long deadPid() throws Exception {
    Process p = new ProcessBuilder("true").start();
    assertTrue(p.waitFor(30, TimeUnit.SECONDS));
    return p.pid();
  }

  private String refused() {
    RapportException e =
        assertThrows(RapportException.class, () -> RunFolder.open(out(), AS_OF, CommitMode.MARKER));
    assertEquals(ExitCode.OUTPUT_COMMIT, e.exitCode(), e.getMessage());
    assertTrue(e.getMessage().contains("another run of as_of 2026-06-30"), e.getMessage());
    return e.getMessage();
  }

  @Test
  void theLockOfARunThatDiedOnThisHostIsTakenOver() throws Exception {
    assertFalse(Storage.isLocal(out()), "a Hadoop path, locked by its lock file");
    holder(deadPid(), host(), Instant.now().minusSeconds(60));
    try (RunFolder run = RunFolder.open(out(), AS_OF, CommitMode.MARKER)) {
      String held = Files.readString(lock());
      assertTrue(held.startsWith("pid " + ProcessHandle.current().pid() + " on "), held);
      assertTrue(refused().contains("held by pid " + ProcessHandle.current().pid()));
      run.discard();
    }
    assertFalse(Files.exists(lock()), "released");
  }

  @Test
  void aPidTakenByALaterProcessIsADeadHolder() throws Exception {
    // this process's pid, written by a run that started long before this process
    holder(ProcessHandle.current().pid(), host(), Instant.parse("2001-01-01T00:00:00Z"));
    try (RunFolder run = RunFolder.open(out(), AS_OF, CommitMode.MARKER)) {
      run.discard();
    }
  }

  @Test
  void aLiveHolderARunElsewhereAndAnUnknownLockAreRefused() throws Exception {
    Process live = new ProcessBuilder("sleep", "120").start();
    try {
      holder(live.pid(), host(), Instant.now());
      String m = refused();
      assertTrue(m.contains("held by pid " + live.pid() + " on " + host()), m);
    } finally {
      live.destroyForcibly();
      live.waitFor(30, TimeUnit.SECONDS);
    }
    // dead here, but it ran on another host: nobody here can tell
    holder(deadPid(), "another-host.example", Instant.now());
    String m = refused();
    assertTrue(m.contains("on another-host.example"), m);
    assertTrue(m.contains("remove " + lock() + " and run again"), m);
    // poison: a lock in a form rapport never wrote is kept
    Files.writeString(lock(), "locked by the night batch\n");
    assertTrue(refused().contains("held by locked by the night batch"));
    assertTrue(Files.exists(lock()));
  }
}
