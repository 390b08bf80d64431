package imps.config;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Loads {@link GatewayConfig}: the embedded {@code conf/gateway.yaml}, then an optional file merged
 * over it, then environment overrides. Each key path maps to one variable: {@code IMPS_} followed by
 * the path in upper snake case ({@code http.port} → {@code IMPS_HTTP_PORT},
 * {@code tcpCir.port} → {@code IMPS_TCP_CIR_PORT}, {@code usersFile} → {@code IMPS_USERS_FILE}).
 * List values are comma-separated. Unknown keys in a file are an error, so a typo does not pass
 * silently.
 */
public final class ConfigLoader {
    public static final String DEFAULTS_RESOURCE = "conf/gateway.yaml";
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory())
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
            // the defaults name every key, so a missing one means an IMPS_* value replaced a section by less
            .enable(DeserializationFeature.FAIL_ON_MISSING_CREATOR_PROPERTIES);

    private ConfigLoader() {
    }

    public static GatewayConfig load(Path file, Map<String, String> env) {
        ObjectNode tree = defaults();
        if (file != null) {
            try {
                JsonNode overlay = YAML.readTree(file.toFile());
                if (overlay instanceof ObjectNode o) {
                    merge(tree, o);
                } else if (overlay != null && !overlay.isMissingNode() && !overlay.isNull()) {
                    throw new IllegalArgumentException("configuration " + file + " must be a mapping of keys");
                }
            } catch (IOException e) {
                throw new IllegalArgumentException("cannot read configuration " + file + ": " + e.getMessage(), e);
            }
        }
        applyEnvironment(tree, "IMPS", env);
        refuseNulls(tree, "");
        try {
            return YAML.treeToValue(tree, GatewayConfig.class);
        } catch (IOException e) {
            throw new IllegalArgumentException("invalid configuration: " + e.getMessage(), e);
        }
    }

    /** The variable names this configuration understands, for documentation and checks. */
    public static List<String> environmentVariables() {
        List<String> names = new ArrayList<>();
        collectNames(defaults(), "IMPS", names);
        return names;
    }

    private static ObjectNode defaults() {
        try (InputStream in = ConfigLoader.class.getClassLoader().getResourceAsStream(DEFAULTS_RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException(DEFAULTS_RESOURCE + " is missing from the classpath");
            }
            return (ObjectNode) YAML.readTree(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void merge(ObjectNode base, ObjectNode overlay) {
        Iterator<Map.Entry<String, JsonNode>> it = overlay.fields();
        while (it.hasNext()) {
            Map.Entry<String, JsonNode> e = it.next();
            JsonNode existing = base.get(e.getKey());
            if (existing instanceof ObjectNode eo && e.getValue() instanceof ObjectNode vo) {
                merge(eo, vo);
            } else {
                base.set(e.getKey(), e.getValue());
            }
        }
    }

    private static void applyEnvironment(ObjectNode node, String prefix, Map<String, String> env) {
        Iterator<Map.Entry<String, JsonNode>> it = node.fields();
        List<Map.Entry<String, JsonNode>> fields = new ArrayList<>();
        it.forEachRemaining(fields::add);
        for (Map.Entry<String, JsonNode> field : fields) {
            String name = prefix + "_" + upperSnake(field.getKey());
            JsonNode value = field.getValue();
            String override = env.get(name);
            if (override != null) {
                node.set(field.getKey(), parseOverride(override, value));
            } else if (value instanceof ObjectNode child) {
                applyEnvironment(child, name, env);
            }
        }
    }

    /**
     * A key written without a value ({@code node: {id: ~}}, {@code members: [~]}) would reach the node
     * as a null it never expects; it is refused like a wrong type.
     */
    private static void refuseNulls(JsonNode node, String path) {
        if (node.isNull()) {
            throw new IllegalArgumentException("invalid configuration: " + path + " has no value");
        }
        if (node.isObject()) {
            node.fields().forEachRemaining(f -> refuseNulls(f.getValue(), path.isEmpty() ? f.getKey() : path + "." + f.getKey()));
        } else if (node.isArray()) {
            for (int i = 0; i < node.size(); i++) {
                refuseNulls(node.get(i), path + "[" + i + "]");
            }
        }
    }

    private static void collectNames(ObjectNode node, String prefix, List<String> out) {
        node.fields().forEachRemaining(field -> {
            String name = prefix + "_" + upperSnake(field.getKey());
            if (field.getValue() instanceof ObjectNode child) {
                collectNames(child, name, out);
            } else {
                out.add(name);
            }
        });
    }

    private static JsonNode parseOverride(String raw, JsonNode current) {
        String trimmed = raw.trim();
        boolean structured = current == null || current.isArray() || current.isObject();
        if (structured && (trimmed.startsWith("{") || trimmed.startsWith("["))) {
            try {
                return YAML.readTree(trimmed);
            } catch (IOException e) {
                throw new IllegalArgumentException("cannot parse environment value " + raw, e);
            }
        }
        if (current != null && current.isArray()) {
            ArrayNode array = JsonNodeFactory.instance.arrayNode();
            for (String part : trimmed.split(",")) {
                if (!part.isBlank()) {
                    array.add(part.trim());
                }
            }
            return array;
        }
        return JsonNodeFactory.instance.textNode(raw);
    }

    static String upperSnake(String camel) {
        StringBuilder sb = new StringBuilder(camel.length() + 4);
        for (int i = 0; i < camel.length(); i++) {
            char c = camel.charAt(i);
            if (Character.isUpperCase(c) && i > 0) {
                sb.append('_');
            }
            sb.append(Character.toUpperCase(c));
        }
        return sb.toString().toUpperCase(Locale.ROOT);
    }
}
