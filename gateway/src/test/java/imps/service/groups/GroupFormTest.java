package imps.service.groups;

import imps.protocol.Element;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A group's stored form keeps what outlives sessions and leaves its joined sessions out. */
class GroupFormTest {
    @Test
    void ownerPropertiesAndWelcomeNoteAreKeptJoinedMembersAreNot() {
        Group g = new Group("alice");
        g.properties.put("Name", "Chess");
        g.properties.put("Topic", null);
        g.welcomeNote = Element.of("WelcomeNote", Element.leaf("ContentType", "text/plain"), Element.leaf("ContentData", "hi"));
        g.joined.put("session-1", new Group.Member("carol", "Knight", true, "1.2"));
        String stored = GroupForm.INSTANCE.encode(g);
        assertFalse(stored.contains("Knight") || stored.contains("session-1"), stored);
        Group back = GroupForm.INSTANCE.decode(stored);
        assertEquals("alice", back.owner);
        assertEquals(g.properties, back.properties);
        assertEquals(g.welcomeNote, back.welcomeNote);
        assertTrue(back.joined.isEmpty(), "nobody is joined to a group read back from the store");
        assertEquals("alice", GroupForm.INSTANCE.owner(back));
        assertEquals(stored, GroupForm.INSTANCE.encode(back));
    }
}
