package imps.service.im;

import imps.protocol.Element;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;

/** The instant messages kept for one user who could not take them when they were sent. */
public final class StoredMessages implements Serializable {
    private static final long serialVersionUID = 1L;

    /** One kept message: its NewMessage primitive and when it was stored. */
    public record Stored(String messageId, Element newMessage, long storedAtMillis) implements Serializable {
    }

    final ArrayList<Stored> messages = new ArrayList<>();

    /** Drops messages older than {@code maxAgeMillis}. */
    void prune(long nowMillis, long maxAgeMillis) {
        messages.removeIf(m -> nowMillis - m.storedAtMillis() > maxAgeMillis);
    }

    Stored remove(String messageId) {
        for (int i = 0; i < messages.size(); i++) {
            if (messages.get(i).messageId().equals(messageId)) {
                return messages.remove(i);
            }
        }
        return null;
    }

    List<Stored> messages() {
        return messages;
    }
}
