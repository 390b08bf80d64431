package imps.auth;

import com.code_intelligence.jazzer.junit.FuzzTest;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import imps.fuzz.AllocationBudget;
import imps.fuzz.ScratchFile;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * Fuzz target (docs/security.md, Fuzzing): the users file ({@code usersFile}), on any bytes.
 * Invariants: loading ends in a directory or an IllegalArgumentException naming what is wrong; in a
 * file that loads, every user with a text {@code userId} and {@code password} has an account under
 * the canonical form of that User-ID ({@link UserAddress#canonical}); the allocation stays within
 * {@link #BUDGET}.
 */
class YamlUserDirectoryFuzzTest {
    private static final String DOMAIN = "imps.local";
    private static final AllocationBudget BUDGET = new AllocationBudget(32 << 20, 4096);
    private static final Path FILE = ScratchFile.create("users");
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

    /** The embedded demo users and the forms of User-ID the gateway accepts. */
    static Stream<byte[]> seeds() {
        try (InputStream in = YamlUserDirectory.class.getClassLoader().getResourceAsStream("conf/users.yaml")) {
            return Stream.of(in.readAllBytes(), ("users:\n  - userId: wv:Alice@imps.local\n    password: \"p:w\"\n"
                    + "  - {userId: bob@elsewhere.net, password: secret, enabled: false}\n  - [userId, password]\n")
                    .getBytes(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @MethodSource("seeds")
    @FuzzTest
    void load(byte[] input) {
        BUDGET.check(input, () -> loadChecked(input));
    }

    private static void loadChecked(byte[] input) {
        YamlUserDirectory directory;
        try {
            Files.write(FILE, input);
            directory = YamlUserDirectory.load(FILE.toString(), DOMAIN);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (IllegalArgumentException refused) {
            return;
        }
        for (JsonNode user : listedUsers(input)) {
            String id = UserAddress.canonical(user.get("userId").textValue(), DOMAIN);
            Account account = id == null ? null : directory.find(id).result();
            if (id != null && (account == null || !account.userId().equals(id) || account.password() == null)) {
                throw new AssertionError("user " + user + " of a file that loaded is not found as " + id);
            }
        }
    }

    /** The entries of {@code users} with a text userId and a text password, read on their own. */
    private static List<JsonNode> listedUsers(byte[] input) {
        JsonNode users;
        try {
            JsonNode root = YAML.readTree(input);
            users = root == null ? null : root.get("users");
        } catch (IOException e) {
            throw new AssertionError("the loader read a file that is no YAML", e);
        }
        List<JsonNode> listed = new ArrayList<>();
        if (users != null && users.isArray()) {
            for (JsonNode u : users) {
                if (u.path("userId").isTextual() && u.path("password").isTextual()) {
                    listed.add(u);
                }
            }
        }
        return listed;
    }
}
