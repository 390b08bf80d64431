package imps.service.groups;

import imps.protocol.Element;

import java.io.Serializable;
import java.util.LinkedHashMap;

/**
 * One discussion group as kept in the shared map: its owner, properties (Name, Accesstype, Topic, …),
 * welcome note, and the sessions that joined it with their screen names.
 */
public final class Group implements Serializable {
    private static final long serialVersionUID = 1L;

    /**
     * A joined session: its user, screen name, whether it wants GroupChangeNotices, and its CSP
     * version (the notices' layout depends on it).
     */
    public record Member(String userId, String screenName, boolean notices, String version) implements Serializable {
        Member withNotices(boolean on) {
            return new Member(userId, screenName, on, version);
        }
    }

    final String owner;
    final LinkedHashMap<String, String> properties = new LinkedHashMap<>();
    Element welcomeNote;
    final LinkedHashMap<String, Member> joined = new LinkedHashMap<>();

    Group(String owner) {
        this.owner = owner;
    }

    boolean restricted() {
        return "restricted".equalsIgnoreCase(properties.get("Accesstype"));
    }

    boolean screenNameTaken(String screenName, String exceptSession) {
        return joined.entrySet().stream().anyMatch(e -> !e.getKey().equals(exceptSession)
                && e.getValue().screenName().equalsIgnoreCase(screenName));
    }
}
