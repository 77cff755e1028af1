import java.lang.reflect.Field;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.logging.LogManager;
import java.util.logging.Logger;
import org.rapaio.jupyter.kernel.MainApp;
import org.rapaio.jupyter.kernel.channels.Channels;
import org.rapaio.jupyter.kernel.core.ConnectionProperties;
import org.rapaio.jupyter.kernel.core.Transform;

/**
 * Starts the Java kernel (rapaio-jupyter-kernel 3.0.1) as its own main class does, with two
 * start-up faults worked around. Measured here on a busy 2-core machine, about one start in four
 * never answered:
 *
 * <ul>
 *   <li>The kernel reads its shell socket before it creates its map of message handlers. A client
 *       request that lands in between kills the shell thread with a NullPointerException. With an
 *       empty map in place first, such a request is only logged as unhandled, and the client's next
 *       one, a second later, is answered.
 *   <li>Now and then no message ever reaches the shell thread although the client is connected. The
 *       client asks for the kernel's info every second until it answers, so a silent shell socket
 *       for {@link #SILENT_SECONDS} after binding means this fault: the sockets are closed and
 *       bound again on the same ports, and the client reconnects by itself.
 * </ul>
 *
 * Run in source-file mode with the kernel jar on the class path (see kernel.json).
 */
public final class KernelLauncher {
  private KernelLauncher() {}

  private static final Logger LOG = Logger.getLogger(KernelLauncher.class.getSimpleName());
  private static final int SILENT_SECONDS = 8;
  private static final int BINDS = 5;

  public static void main(String[] args) throws Exception {
    if (args.length != 1) {
      throw new IllegalArgumentException("usage: KernelLauncher CONNECTION_FILE");
    }
    LogManager.getLogManager()
        .readConfiguration(
            MainApp.class.getClassLoader().getResourceAsStream("logging.properties"));
    ConnectionProperties connection =
        Transform.fromJson(Files.readString(Path.of(args[0])), ConnectionProperties.class);
    Field handlers = Channels.class.getDeclaredField("handlers");
    handlers.setAccessible(true);
    for (int bind = 1; ; bind++) {
      Channels channels = new Channels(connection);
      handlers.set(channels, new HashMap<>());
      channels.connect(MainApp.kernel);
      FirstLookup watched = new FirstLookup((Map<?, ?>) handlers.get(channels));
      handlers.set(channels, watched);
      if (bind == BINDS || watched.first.await(SILENT_SECONDS, TimeUnit.SECONDS)) {
        channels.joinUntilClose();
        return;
      }
      LOG.warning("no request reached the shell socket in " + SILENT_SECONDS + " s; binding again");
      channels.close();
    }
  }

  /** The kernel's handler map, noting the first look-up: a request reached the shell thread. */
  private static final class FirstLookup extends HashMap<Object, Object> {
    final CountDownLatch first = new CountDownLatch(1);

    FirstLookup(Map<?, ?> handlers) {
      super(handlers);
    }

    @Override
    public Object get(Object type) {
      first.countDown();
      return super.get(type);
    }
  }
}
