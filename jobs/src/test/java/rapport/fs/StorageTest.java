package rapport.fs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** Locations as paths: local ones stay java.nio's own, URIs become paths on their file system. */
class StorageTest {
  @Test
  void plainPathsAndFileUrisAreLocal() {
    assertEquals(Path.of("out"), Storage.path("out"));
    assertEquals(Path.of("/data/rapport"), Storage.path("file:///data/rapport"));
    assertTrue(Storage.isLocal(Storage.path("file:/data/rapport")));
    assertEquals("file", Storage.scheme(Storage.path("out")));
    // a Windows drive letter is not a scheme
    assertTrue(Storage.isLocal(Storage.path("C:/not-a-scheme")));
  }

  @Test
  void uriPathsPrintAsTheirUriAndResolveOnTheirFileSystem() {
    Path out = Storage.path("hdfs://namenode:8020/rapport/out");
    assertFalse(Storage.isLocal(out));
    assertEquals("hdfs", Storage.scheme(out));
    assertEquals("hdfs://namenode:8020/rapport/out", out.toString());
    Path run = out.resolve("2026-06-30");
    assertEquals("hdfs://namenode:8020/rapport/out/2026-06-30", run.toString());
    assertEquals(out, run.getParent());
    assertEquals("2026-06-30", run.getFileName().toString());
    assertEquals(URI.create("hdfs://namenode:8020/rapport/out/2026-06-30"), run.toUri());
    Path table = run.resolve("tables/orders");
    assertEquals("tables/orders", run.relativize(table).toString());
    assertEquals(
        "../../../runs/x", table.relativize(run.resolve("../runs/x").normalize()).toString());
    assertEquals(run, table.getParent().getParent());
    assertTrue(table.startsWith(out));
    assertFalse(table.startsWith(Path.of("/rapport/out")), "another file system");
    assertFalse(out.startsWith(Storage.path("hdfs://other:8020/rapport/out")));
    assertEquals(out.resolve("x"), Storage.path("hdfs://namenode:8020/rapport/out/x"));
    assertNull(out.getRoot().getFileName());
  }

  @Test
  void aValueIsResolvedAgainstItsBaseUnlessItIsAUri() {
    Path base = Storage.path("s3a://bucket/config");
    assertEquals("s3a://bucket/config/orders.csv", Storage.resolve(base, "orders.csv").toString());
    assertEquals(
        "hdfs://nn:8020/in/orders.csv",
        Storage.resolve(base, "hdfs://nn:8020/in/orders.csv").toString());
    assertEquals(Path.of("/conf/orders.csv"), Storage.resolve(Path.of("/conf"), "orders.csv"));
    assertEquals(Path.of("/in/orders.csv"), Storage.resolve(Path.of("/conf"), "/in/orders.csv"));
    assertFalse(
        Storage.isLocal(Storage.resolve(Path.of("/conf"), "abfs://c@a.dfs.core.windows.net/x")));
  }
}
