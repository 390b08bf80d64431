package imps.service.presence;

import imps.protocol.Element;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;

/**
 * A user's presence: the attributes each of the user's sessions published, merged into one
 * document (seed 002 §5.1.3). ClientInfo is per client, so every session's ClientInfo appears;
 * OnlineStatus is T while any session says T; every other attribute is the most recently
 * published value.
 */
public final class PresenceDocument implements Serializable {
    private static final long serialVersionUID = 1L;

    /** The attribute order of PresenceSubList (services.md §2.2). */
    static final List<String> ATTRIBUTES = List.of("OnlineStatus", "Registration", "ClientInfo", "TimeZone",
            "GeoLocation", "Address", "FreeTextLocation", "PLMN", "CommCap", "UserAvailability", "PreferredContacts",
            "PreferredLanguage", "StatusText", "StatusMood", "Alias", "StatusContent", "ContactInfo", "InfoLink");

    private record Part(long sequence, LinkedHashMap<String, Element> attributes) implements Serializable {
    }

    private final LinkedHashMap<String, Part> parts = new LinkedHashMap<>();
    private long sequence;

    /** Merges the attributes of one update into the session's part. */
    void publish(String sessionId, List<Element> attributes) {
        Part old = parts.get(sessionId);
        LinkedHashMap<String, Element> merged = old == null ? new LinkedHashMap<>() : new LinkedHashMap<>(old.attributes());
        attributes.forEach(a -> merged.put(a.name(), a));
        parts.put(sessionId, new Part(++sequence, merged));
    }

    /** Removes a session's part; true when it had one. */
    boolean withdraw(String sessionId) {
        return parts.remove(sessionId) != null;
    }

    boolean isEmpty() {
        return parts.isEmpty();
    }

    /** The merged PresenceSubList, limited to {@code wanted} attribute names (empty = all). */
    Element merged(List<String> wanted) {
        List<Element> out = new ArrayList<>();
        for (String name : ATTRIBUTES) {
            if (!wanted.isEmpty() && !wanted.contains(name)) {
                continue;
            }
            if (name.equals("ClientInfo")) {
                parts.values().forEach(p -> {
                    if (p.attributes().containsKey(name)) {
                        out.add(p.attributes().get(name));
                    }
                });
                continue;
            }
            Element chosen = null;
            long newest = -1;
            for (Part p : parts.values()) {
                Element a = p.attributes().get(name);
                if (a != null && p.sequence() > newest) {
                    chosen = a;
                    newest = p.sequence();
                }
            }
            if (name.equals("OnlineStatus")) {
                for (Part p : parts.values()) {
                    Element a = p.attributes().get(name);
                    if (a != null && "T".equalsIgnoreCase(a.childText("PresenceValue"))) {
                        chosen = a;
                    }
                }
            }
            if (chosen != null) {
                out.add(chosen);
            }
        }
        if (parts.isEmpty() && (wanted.isEmpty() || wanted.contains("OnlineStatus"))) {
            out.add(offline());
        }
        return Element.of("PresenceSubList", out);
    }

    static Element offline() {
        return Element.of("OnlineStatus", Element.leaf("Qualifier", "T"), Element.leaf("PresenceValue", "F"));
    }

}
