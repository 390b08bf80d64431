package imps.auth;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class YamlUserDirectoryTest {
    private static final String DOMAIN = "imps.local";

    @TempDir
    Path dir;

    private YamlUserDirectory load(String yaml) throws IOException {
        Path file = dir.resolve("users.yaml");
        Files.writeString(file, yaml);
        return YamlUserDirectory.load(file.toString(), DOMAIN);
    }

    @Test
    void everyUserOfTheListIsRead() throws IOException {
        YamlUserDirectory users = load("""
                other: [1, 2]
                users:
                  - userId: alice
                    password: a
                  - {userId: wv:bob@imps.local, password: b, enabled: false, displayName: Bob}
                """);
        assertEquals("a", users.find("alice").result().password());
        Account bob = users.find("bob").result();
        assertNotNull(bob);
        assertEquals(false, bob.enabled());
        assertEquals("Bob", bob.displayName());
    }

    /**
     * Found by fuzzing the streaming reader: an entry that is not a mapping ended the list silently, so
     * the users after it and a broken end of the file went unread; now the file is refused.
     */
    @Test
    void aFileThatIsNotAllReadableIsRefusedNotHalfRead() {
        IllegalArgumentException notAMapping = assertThrows(IllegalArgumentException.class, () -> load("""
                users:
                  - bob
                  - {userId: alice, password: a}
                """));
        assertTrue(notAMapping.getMessage().contains("every user is a mapping"), notAMapping.getMessage());
        assertThrows(IllegalArgumentException.class, () -> load("""
                users: [{userId: alice, password: a}]
                more: [1, 2'
                """));
        assertThrows(IllegalArgumentException.class, () -> load("""
                # users:
                  - {userId: alice, password: a}
                """), "a list where the mapping should be");
    }
}
