package imps.auth;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.vertx.core.Future;
import org.yaml.snakeyaml.LoaderOptions;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Accounts from a YAML file {@code users: [{userId, password, enabled?, displayName?}]}. A relative path that does
 * not exist on disk is looked up on the classpath, so the jar's embedded demo users work from any
 * directory.
 */
public final class YamlUserDirectory implements UserDirectory {
    /**
     * The operator's own file, read as a stream: without SnakeYAML's default limit of 3 Mi code points
     * per document, which a users file of about 75 000 accounts reaches (import-users takes millions).
     */
    private static final ObjectMapper YAML = new ObjectMapper(YAMLFactory.builder().loaderOptions(unlimited()).build());
    private final Map<String, Account> accounts;

    private static LoaderOptions unlimited() {
        LoaderOptions options = new LoaderOptions();
        options.setCodePointLimit(Integer.MAX_VALUE);
        return options;
    }

    private YamlUserDirectory(Map<String, Account> accounts) {
        this.accounts = Map.copyOf(accounts);
    }

    public static YamlUserDirectory load(String location, String homeDomain) {
        Map<String, Account> map = new HashMap<>();
        forEach(location, homeDomain, a -> map.put(a.userId(), a));
        return new YamlUserDirectory(map);
    }

    /**
     * Reads the file's accounts one at a time, without holding them all (an import of millions of
     * accounts streams through this).
     */
    public static void forEach(String location, String homeDomain, Consumer<Account> each) {
        try (InputStream in = open(location); JsonParser parser = YAML.createParser(in)) {
            JsonToken root = parser.nextToken();
            if (root == null) {
                return;
            }
            if (root != JsonToken.START_OBJECT) {
                throw new IllegalArgumentException("users file " + location + ": not a mapping with a users list");
            }
            while (parser.nextToken() == JsonToken.FIELD_NAME) {
                String field = parser.currentName();
                JsonToken value = parser.nextToken();
                if (!"users".equals(field) || value != JsonToken.START_ARRAY) {
                    parser.skipChildren();
                    continue;
                }
                for (JsonToken entry = parser.nextToken(); entry != JsonToken.END_ARRAY; entry = parser.nextToken()) {
                    if (entry != JsonToken.START_OBJECT) {
                        throw new IllegalArgumentException("users file " + location + ": every user is a mapping");
                    }
                    each.accept(account(YAML.readTree(parser), location, homeDomain));
                }
            }
            // Read to the end, so that a file broken after its users is refused rather than half read.
            while (parser.nextToken() != null) {
                parser.skipChildren();
            }
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot read users file " + location + ": " + e.getMessage(), e);
        }
    }

    private static Account account(JsonNode u, String location, String homeDomain) {
        String id = UserAddress.canonical(u.path("userId").asText(null), homeDomain);
        String password = u.path("password").asText(null);
        if (id == null || password == null) {
            throw new IllegalArgumentException("users file " + location + ": every user needs userId and password");
        }
        return new Account(id, password, u.path("enabled").asBoolean(true), u.path("displayName").asText(null), null, null);
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
