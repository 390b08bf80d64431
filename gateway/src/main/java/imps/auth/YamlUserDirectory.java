package imps.auth;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.vertx.core.Future;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;

/**
 * Accounts from a YAML file {@code users: [{userId, password, enabled?, displayName?}]}. A relative path that does
 * not exist on disk is looked up on the classpath, so the jar's embedded demo users work from any
 * directory.
 */
public final class YamlUserDirectory implements UserDirectory {
    private final Map<String, Account> accounts;

    private YamlUserDirectory(Map<String, Account> accounts) {
        this.accounts = Map.copyOf(accounts);
    }

    public static YamlUserDirectory load(String location, String homeDomain) {
        ObjectMapper yaml = new ObjectMapper(new YAMLFactory());
        JsonNode root;
        try (InputStream in = open(location)) {
            root = yaml.readTree(in);
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot read users file " + location + ": " + e.getMessage(), e);
        }
        Map<String, Account> map = new HashMap<>();
        JsonNode users = root == null ? null : root.get("users");
        if (users != null) {
            for (JsonNode u : users) {
                String id = UserAddress.canonical(u.path("userId").asText(null), homeDomain);
                String password = u.path("password").asText(null);
                if (id == null || password == null) {
                    throw new IllegalArgumentException("users file " + location + ": every user needs userId and password");
                }
                map.put(id, new Account(id, password, u.path("enabled").asBoolean(true), u.path("displayName").asText(null),
                        null, null));
            }
        }
        return new YamlUserDirectory(map);
    }

    private static InputStream open(String location) throws IOException {
        Path p = Path.of(location);
        if (Files.exists(p)) {
            return Files.newInputStream(p);
        }
        if (!p.isAbsolute()) {
            InputStream in = YamlUserDirectory.class.getClassLoader().getResourceAsStream(location);
            if (in != null) {
                return in;
            }
        }
        throw new IOException("not found");
    }

    @Override
    public Future<Account> find(String canonicalUserId) {
        return Future.succeededFuture(canonicalUserId == null ? null : accounts.get(canonicalUserId));
    }

    /** Every account of the file. */
    public Collection<Account> accounts() {
        return accounts.values();
    }
}
