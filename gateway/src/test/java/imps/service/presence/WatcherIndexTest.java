package imps.service.presence;

import imps.service.SerializingSharedMap;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The index from a watched user to the sessions watching them, and for whom they watch. */
class WatcherIndexTest {
    private final WatcherIndex index = new WatcherIndex(new SerializingSharedMap<>());

    @Test
    void sessionsAreListedWithTheirUsersInTheOrderTheySubscribed() {
        index.add("alice", "S2", "carol");
        index.add("alice", "S1", "bob");
        index.add("bob", "S3", "alice");
        assertEquals(Map.of("S2", "carol", "S1", "bob"), index.sessions("alice").result());
        assertEquals(List.of("S2", "S1"), List.copyOf(index.sessions("alice").result().keySet()));
    }

    @Test
    void removingTheLastSessionForgetsTheWatchedUser() {
        index.add("alice", "S1", "bob");
        index.remove("alice", "S1");
        index.remove("alice", "S9");
        assertTrue(index.sessions("alice").result().isEmpty());
    }
}
