package imps.service.presence;

import imps.protocol.Element;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;

/**
 * A user's presence: the attributes each of the user's sessions published, merged into one
 * document (OMA-TS-IMPS_CSP-V1_3 §5.1.3). ClientInfo is per client, so every session's ClientInfo appears;
 * OnlineStatus is T while any session says T; every other attribute is the most recently
 * published value.
 */
public final class PresenceDocument implements Serializable {
    private static final long serialVersionUID = 1L;

    /** The attribute order of PresenceSubList (CSP 1.2; docs/services.md §4). */
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

    /** The merged PresenceSubList with every attribute published. */
    Element merged() {
        List<Element> out = new ArrayList<>();
        for (String name : ATTRIBUTES) {
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
        if (parts.isEmpty()) {
            out.add(offline());
        }
        return Element.of("PresenceSubList", out);
    }

    /** The merged presence of a user who may have no document at all (offline, or never published). */
    static Element mergedOf(PresenceDocument doc) {
        return doc == null ? new PresenceDocument().merged() : doc.merged();
    }

    /** The part of a merged PresenceSubList that shows only the attributes named in {@code shown}. */
    static Element only(Element subList, Collection<String> shown) {
        return Element.of("PresenceSubList", subList.children().stream().filter(a -> shown.contains(a.name())).toList());
    }

    /**
     * The attribute names a request's PresenceSubList asks for: its empty elements name them, and a
     * missing or empty list means every attribute (docs/services.md §4).
     */
    static List<String> named(Element subList) {
        if (subList == null || subList.children().isEmpty()) {
            return ATTRIBUTES;
        }
        return subList.children().stream().map(Element::name).distinct().toList();
    }

    /** A PresenceSubList of empty elements naming {@code attributes}; null when they are all of them. */
    static Element naming(List<String> attributes) {
        if (attributes.containsAll(ATTRIBUTES)) {
            return null;
        }
        return Element.of("PresenceSubList", attributes.stream().map(Element::empty).toList());
    }

    static Element offline() {
        return Element.of("OnlineStatus", Element.leaf("Qualifier", "T"), Element.leaf("PresenceValue", "F"));
    }

}
