package rapport.generate.text;

import java.util.ArrayList;
import java.util.List;

/**
 * What was talked about with one customer, in order: later notes follow up on earlier topics, as a
 * rep who remembers the last conversation does.
 */
public final class Memory {
  private final List<String> topics = new ArrayList<>();

  public void remember(String topic) {
    topics.add(topic);
    if (topics.size() > 6) {
      topics.remove(0);
    }
  }

  /** The most recent topic, or null before the first conversation. */
  public String last() {
    return topics.isEmpty() ? null : topics.get(topics.size() - 1);
  }

  /** True if the topic came up recently: a rep does not tell the same news twice. */
  public boolean recalls(String topic) {
    return topics.contains(topic);
  }

  public boolean isEmpty() {
    return topics.isEmpty();
  }
}
