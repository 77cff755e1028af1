package rapport.testing;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.yarn.conf.YarnConfiguration;
import org.apache.hadoop.yarn.server.MiniYARNCluster;

/**
 * A real YARN cluster in this JVM (Hadoop's MiniYARNCluster: a ResourceManager and one NodeManager
 * whose containers are processes of their own on this machine), with the configuration folder a
 * client reads ({@code HADOOP_CONF_DIR}: yarn-site.xml and core-site.xml written from the running
 * cluster). The file system of the applications is the local disk, which the containers share with
 * the client on one machine. {@link #close} stops the cluster and every container it launched.
 */
public final class YarnCluster implements AutoCloseable {
  private final MiniYARNCluster yarn;
  private final Path confDir;

  private YarnCluster(MiniYARNCluster yarn, Path confDir) {
    this.yarn = yarn;
    this.confDir = confDir;
  }

  /** Starts the cluster under {@code dir} and waits until its NodeManager has registered. */
  public static YarnCluster start(Path dir, int memoryMb, int cores) throws IOException {
    YarnConfiguration conf = new YarnConfiguration();
    conf.set("fs.defaultFS", "file:///");
    conf.set(YarnConfiguration.RM_HOSTNAME, "127.0.0.1");
    conf.set(YarnConfiguration.NM_ADDRESS, "127.0.0.1:0");
    conf.setInt(YarnConfiguration.NM_PMEM_MB, memoryMb);
    conf.setInt(YarnConfiguration.NM_VCORES, cores);
    conf.setInt(YarnConfiguration.RM_SCHEDULER_MINIMUM_ALLOCATION_MB, 128);
    conf.setInt(YarnConfiguration.RM_SCHEDULER_MAXIMUM_ALLOCATION_MB, memoryMb);
    conf.setBoolean(YarnConfiguration.NM_PMEM_CHECK_ENABLED, false);
    conf.setBoolean(YarnConfiguration.NM_VMEM_CHECK_ENABLED, false);
    // a nearly full disk must not mark the only node unhealthy
    conf.setFloat(YarnConfiguration.NM_MAX_PER_DISK_UTILIZATION_PERCENTAGE, 100.0f);
    conf.setInt(YarnConfiguration.RM_AM_MAX_ATTEMPTS, 1);
    // one queue, first come first served (the capacity scheduler wants a queue file)
    conf.set(
        YarnConfiguration.RM_SCHEDULER,
        "org.apache.hadoop.yarn.server.resourcemanager.scheduler.fifo.FifoScheduler");
    // the NodeManager's folders go under test.build.data
    System.setProperty("test.build.data", dir.toString());
    MiniYARNCluster yarn = new MiniYARNCluster("rapport", 1, 1, 1);
    yarn.init(conf);
    yarn.start();
    try {
      Instant end = Instant.now().plus(Duration.ofMinutes(2));
      while (yarn.getResourceManager().getRMContext().getRMNodes().isEmpty()) {
        if (Instant.now().isAfter(end)) {
          throw new IllegalStateException("the NodeManager did not register within 2 minutes");
        }
        Thread.sleep(200);
      }
      Path confDir = Files.createDirectories(dir.resolve("conf"));
      Configuration running = new Configuration(yarn.getConfig());
      // the daemons listen on 127.0.0.1, but publish "localhost", which may resolve to ::1
      for (Map.Entry<String, String> e : yarn.getConfig()) {
        if (e.getKey().startsWith("yarn.") && e.getValue().startsWith("localhost:")) {
          running.set(e.getKey(), "127.0.0.1" + e.getValue().substring("localhost".length()));
        }
      }
      try (OutputStream out = Files.newOutputStream(confDir.resolve("yarn-site.xml"))) {
        running.writeXml(out);
      }
      Configuration core = new Configuration(false);
      core.set("fs.defaultFS", "file:///");
      try (OutputStream out = Files.newOutputStream(confDir.resolve("core-site.xml"))) {
        core.writeXml(out);
      }
      return new YarnCluster(yarn, confDir);
    } catch (IOException | RuntimeException e) {
      yarn.stop();
      throw e;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      yarn.stop();
      throw new IllegalStateException(e);
    }
  }

  /** The environment a YARN client process needs: the configuration folder. */
  public Map<String, String> environment() {
    return Map.of("HADOOP_CONF_DIR", confDir.toString(), "YARN_CONF_DIR", confDir.toString());
  }

  /** Where the NodeManager keeps the containers' logs (for a failing test's message). */
  public String logs() {
    return yarn.getConfig().get(YarnConfiguration.NM_LOG_DIRS);
  }

  @Override
  public void close() {
    yarn.stop();
  }
}
