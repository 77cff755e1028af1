package rapport.touches;

import java.util.Set;

/**
 * Outcomes that say a person reached (or tried to reach) the customer on a conversation channel:
 * the call was answered, the visit happened, a voicemail was left. A dialler or a logging system
 * may write the row, but somebody spoke; bursts catch the dialler.
 */
final class Conversation {
  private Conversation() {}

  static final Set<String> HELD =
      Set.of("answered", "completed", "connected", "held", "met", "visited", "attended");
  static final Set<String> VOICEMAIL = Set.of("voicemail", "left_message", "left_voicemail");
  static final Set<String> ATTEMPT = Set.of("no_answer", "busy", "missed", "not_reached");

  enum Kind {
    NONE,
    ATTEMPT,
    VOICEMAIL,
    HELD
  }

  static Kind of(
      String channel, String direction, String outcome, Integer durationSeconds, TouchSettings s) {
    if (!"outbound".equals(direction) || channel == null) {
      return Kind.NONE;
    }
    if (!s.conversationChannels().contains(channel)) {
      return Kind.NONE;
    }
    if (outcome == null) {
      return durationSeconds != null && durationSeconds > 0 ? Kind.HELD : Kind.NONE;
    }
    if (HELD.contains(outcome)) {
      return Kind.HELD;
    }
    if (VOICEMAIL.contains(outcome)) {
      return Kind.VOICEMAIL;
    }
    return ATTEMPT.contains(outcome) ? Kind.ATTEMPT : Kind.NONE;
  }
}
