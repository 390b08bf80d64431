package imps.app;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.MissingNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import imps.auth.YamlUserDirectory;
import imps.config.ConfigLoader;
import imps.config.GatewayConfig;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * Keeps the Kustomize base in {@code k8s/} in step with the code: every file it names exists, every
 * {@code IMPS_*} variable is a configuration key, the ports, probes and Services agree with the
 * configuration the pods will actually load, the headless Service is the one Hazelcast looks up, and
 * every configuration file shipped in the ConfigMap (and the users file in the Secret) loads.
 * Reads the YAML only; no cluster is needed.
 */
class KubernetesManifestsTest {
    private static final YAMLMapper YAML = new YAMLMapper();
    private static final Pattern VAR_REF = Pattern.compile("\\$\\(([A-Za-z_][A-Za-z0-9_]*)\\)");
    /** What the downward API would give pod 0, to evaluate the env of the StatefulSet. */
    private static final String SAMPLE_NAMESPACE = "imps-test";
    private static final String SAMPLE_POD_IP = "10.1.2.3";

    private static Path k8s;
    private static JsonNode kustomization;
    /** Every document of every resource listed in kustomization.yaml, with the file it came from. */
    private static final List<Doc> docs = new ArrayList<>();
    private static JsonNode statefulSet;
    private static JsonNode container;
    /** The container's env as the kubelet would resolve it for pod 0 (null = not knowable here). */
    private static Map<String, String> env;
    /** The configuration the container loads (its --config file and its IMPS_* variables), or why it does not. */
    private static GatewayConfig effectiveConfig;
    private static Throwable effectiveError;

    private record Doc(String file, JsonNode node) {
        String kind() {
            return node.path("kind").asText();
        }

        String name() {
            return node.path("metadata").path("name").asText();
        }

        @Override
        public String toString() {
            return kind() + " " + name() + " (" + file + ")";
        }
    }

    @BeforeAll
    static void load() throws IOException {
        Path cwd = Path.of("").toAbsolutePath();
        Path root = Files.isDirectory(cwd.resolve("k8s")) ? cwd : cwd.getParent();
        k8s = root.resolve("k8s");
        Path kustomizationFile = k8s.resolve("kustomization.yaml");
        assertTrue(Files.isRegularFile(kustomizationFile), "missing " + kustomizationFile);
        kustomization = YAML.readTree(kustomizationFile.toFile());
        for (JsonNode resource : kustomization.path("resources")) {
            Path file = k8s.resolve(resource.asText());
            if (!Files.isRegularFile(file)) {
                continue; // reported by kustomizationListsOnlyExistingFiles
            }
            try (var parser = YAML.getFactory().createParser(file.toFile())) {
                var it = YAML.readValues(parser, JsonNode.class);
                while (it.hasNext()) {
                    JsonNode node = it.next();
                    if (node != null && !node.isNull() && !node.isMissingNode()) {
                        docs.add(new Doc(resource.asText(), node));
                    }
                }
            }
        }
        List<Doc> statefulSets = ofKind("StatefulSet");
        assertEquals(1, statefulSets.size(), "expected exactly one StatefulSet in the base, found " + statefulSets);
        statefulSet = statefulSets.get(0).node();
        JsonNode containers = statefulSet.path("spec").path("template").path("spec").path("containers");
        assertEquals(1, containers.size(), "the gateway pod should run exactly one container");
        container = containers.get(0);
        env = resolveEnv(container.path("env"));
        try {
            effectiveConfig = ConfigLoader.load(configFileOfContainer(), impsVariables());
        } catch (RuntimeException | AssertionError e) {
            effectiveError = e; // reported by every check that needs it, and by everyConfigFileInTheConfigMapLoads
        }
    }

    /** The configuration pod 0 would load: the --config file of the container and its IMPS_* variables. */
    private static GatewayConfig effective() {
        if (effectiveError != null) {
            fail("the configuration the pod loads (its --config file and IMPS_* variables) is invalid: "
                    + effectiveError.getMessage(), effectiveError);
        }
        return effectiveConfig;
    }

    // --- kustomization ---------------------------------------------------------------------------

    @Test
    void kustomizationListsOnlyExistingFiles() {
        List<String> missing = new ArrayList<>();
        for (String path : kustomizationFiles()) {
            if (!Files.exists(k8s.resolve(path))) {
                missing.add(path);
            }
        }
        assertTrue(missing.isEmpty(), "kustomization.yaml names files that do not exist in k8s/: " + missing);
    }

    @Test
    void everyManifestInK8sIsListedInTheKustomization() throws IOException {
        Set<String> listed = new HashSet<>();
        kustomization.path("resources").forEach(r -> listed.add(Path.of(r.asText()).normalize().toString()));
        List<String> unlisted;
        try (Stream<Path> files = Files.list(k8s)) {
            unlisted = files.map(p -> p.getFileName().toString())
                    .filter(n -> n.endsWith(".yaml") || n.endsWith(".yml"))
                    .filter(n -> !n.startsWith("kustomization."))
                    .filter(n -> !listed.contains(n))
                    .sorted().toList();
        }
        assertTrue(unlisted.isEmpty(), "manifests in k8s/ that kubectl apply -k would silently skip "
                + "(add them to resources in kustomization.yaml): " + unlisted);
    }

    // --- StatefulSet env and ports ---------------------------------------------------------------

    @Test
    void everyImpsVariableIsAConfigurationKey() {
        Set<String> known = new HashSet<>(ConfigLoader.environmentVariables());
        List<String> unknown = env.keySet().stream()
                .filter(n -> n.startsWith("IMPS_") && !known.contains(n)).sorted().toList();
        assertTrue(unknown.isEmpty(), "the StatefulSet sets IMPS_* variables that ConfigLoader does not know "
                + "(typo, or a key that was renamed): " + unknown + "; known: " + new TreeSet<>(known));
    }

    @Test
    void containerPortsAreTheConfiguredPorts() {
        Map<String, Integer> ports = containerPorts();
        assertEquals(ports.size(), new HashSet<>(ports.values()).size(), "two container ports share a number: " + ports);
        Map<String, Integer> expected = new LinkedHashMap<>();
        expected.put("http", effective().http().port());
        expected.put("mgmt", effective().mgmt().port());
        expected.put("cir", effective().tcpCir().port());
        expected.put("hazelcast", effective().cluster().port());
        expected.forEach((name, port) -> {
            assertTrue(ports.containsKey(name), "the container declares no port named '" + name + "'; ports: " + ports);
            assertEquals(port, ports.get(name), "container port '" + name + "' is " + ports.get(name)
                    + " but the node listens on " + port + " (default from conf/gateway.yaml, or the IMPS_* "
                    + "variable / --config file the StatefulSet sets)");
        });
        assertTrue(effective().tcpCir().enabled(), "tcpCir is disabled but the manifests expose a CIR port");
        if (ports.containsKey("eventbus")) {
            assertEquals(effective().cluster().eventBusPort(), ports.get("eventbus"),
                    "container port 'eventbus' must be the port set with IMPS_CLUSTER_EVENT_BUS_PORT");
        }
    }

    @Test
    void clusterAddressesAreThePodAddress() {
        String dns = effective().cluster().kubernetesServiceDns();
        assertFalse(dns.isBlank(), "IMPS_CLUSTER_KUBERNETES_SERVICE_DNS must be set: without it the pods do not find each other");
        assertEquals(SAMPLE_POD_IP, effective().cluster().eventBusHost(),
                "IMPS_CLUSTER_EVENT_BUS_HOST must come from status.podIP: the default 127.0.0.1 is unreachable from other pods");
        assertEquals(SAMPLE_POD_IP, effective().cluster().host(), "IMPS_CLUSTER_HOST must come from status.podIP");
        assertEquals(statefulSet.path("metadata").path("name").asText() + "-0", effective().node().id(),
                "IMPS_NODE_ID must come from metadata.name (the stable pod name)");
    }

    @Test
    void theJvmIsSizedFromTheContainerMemoryLimit() {
        String opts = env.getOrDefault("JAVA_TOOL_OPTIONS", "");
        assertTrue(opts.contains("-XX:MaxRAMPercentage="), "JAVA_TOOL_OPTIONS should size the heap from the memory limit: " + opts);
        assertTrue(opts.contains("-XX:+ExitOnOutOfMemoryError"), "JAVA_TOOL_OPTIONS should exit on OutOfMemoryError: " + opts);
        JsonNode resources = container.path("resources");
        assertFalse(resources.path("limits").path("memory").asText().isBlank(), "the container needs a memory limit");
        assertFalse(resources.path("requests").path("cpu").asText().isBlank(), "the container needs a CPU request (the HPA scales on it)");
    }

    // --- probes and lifecycle --------------------------------------------------------------------

    @Test
    void probesUseTheHealthEndpointsOnTheManagementPort() {
        assertProbe("livenessProbe", "/health/live");
        assertProbe("readinessProbe", "/health/ready");
        if (container.has("startupProbe")) {
            assertProbe("startupProbe", "/health/live");
        }
        JsonNode preStopHttp = container.path("lifecycle").path("preStop").path("httpGet");
        if (!preStopHttp.isMissingNode()) {
            assertEquals(effective().mgmt().port(), portNumber(preStopHttp.path("port")),
                    "the preStop httpGet should call the management port");
        }
    }

    private static void assertProbe(String probe, String path) {
        JsonNode http = container.path(probe).path("httpGet");
        assertFalse(http.isMissingNode(), probe + " must be an httpGet on the management port");
        assertEquals(path, http.path("path").asText(), probe + " path");
        assertEquals(effective().mgmt().port(), portNumber(http.path("port")),
                probe + " must target the management port " + effective().mgmt().port() + ", not " + http.path("port"));
    }

    // --- Services --------------------------------------------------------------------------------

    @Test
    void servicesSelectTheGatewayPodsAndTargetExposedPorts() {
        List<Doc> services = ofKind("Service");
        assertFalse(services.isEmpty(), "no Service in the base");
        Map<String, Integer> ports = containerPorts();
        JsonNode podLabels = statefulSet.path("spec").path("template").path("metadata").path("labels");
        for (Doc service : services) {
            JsonNode selector = service.node().path("spec").path("selector");
            assertTrue(selector.size() > 0, service + " has no selector");
            selector.fields().forEachRemaining(e -> assertEquals(e.getValue().asText(), podLabels.path(e.getKey()).asText(null),
                    service + " selects " + e.getKey() + "=" + e.getValue().asText() + " but the pods are labelled " + podLabels));
            for (JsonNode port : service.node().path("spec").path("ports")) {
                JsonNode target = port.has("targetPort") ? port.path("targetPort") : port.path("port");
                int number = portNumber(target);
                assertTrue(ports.containsValue(number), service + " port " + port.path("name").asText()
                        + " targets " + target.asText() + ", which the container does not expose; container ports: " + ports);
            }
        }
        assertTrue(targets("http", effective().http().port()), "no Service exposes the HTTP bearer (port " + effective().http().port() + ")");
        assertTrue(targets("cir", effective().tcpCir().port()), "no Service exposes the TCP CIR channel (port " + effective().tcpCir().port() + ")");
    }

    @Test
    void headlessServiceIsTheOneHazelcastLooksUp() {
        String dns = env.get("IMPS_CLUSTER_KUBERNETES_SERVICE_DNS");
        assertNotNull(dns, "the StatefulSet must set IMPS_CLUSTER_KUBERNETES_SERVICE_DNS");
        String serviceName = dns.split("\\.", 2)[0];
        Doc headless = ofKind("Service").stream().filter(d -> d.name().equals(serviceName)).findFirst()
                .orElseGet(() -> fail("IMPS_CLUSTER_KUBERNETES_SERVICE_DNS=" + dns + " names Service '" + serviceName
                        + "', which is not in the base; Services: " + ofKind("Service")));
        JsonNode spec = headless.node().path("spec");
        assertEquals("None", spec.path("clusterIP").asText(), headless + " must be headless (clusterIP: None) so its DNS name lists every pod");
        assertTrue(spec.path("publishNotReadyAddresses").asBoolean(false),
                headless + " needs publishNotReadyAddresses: true; a pod is Ready only after it joined the cluster");
        assertTrue(dns.equals(serviceName) || dns.startsWith(serviceName + "." + SAMPLE_NAMESPACE + "."),
                "IMPS_CLUSTER_KUBERNETES_SERVICE_DNS=" + dns + " should be the Service in the pod's own namespace");
        assertEquals(serviceName, statefulSet.path("spec").path("serviceName").asText(),
                "the StatefulSet's serviceName should be the headless Service");
        assertTrue(targets(serviceName, effective().cluster().port()),
                headless + " should carry the Hazelcast port " + effective().cluster().port());
    }

    // --- NetworkPolicy, cluster secret, TLS files -----------------------------------------------

    /**
     * The cluster ports carry session state and CSP messages between nodes: only the gateway pods may
     * reach them. The bearers face the handsets; the management port is not open to everyone; no
     * port the pods listen on is left unreachable.
     */
    @Test
    void theClusterPortsAreOpenOnlyToTheGatewayPods() {
        JsonNode podLabels = statefulSet.path("spec").path("template").path("metadata").path("labels");
        List<Doc> policies = ofKind("NetworkPolicy").stream()
                .filter(d -> selects(d.node().path("spec").path("podSelector"), podLabels)).toList();
        assertEquals(1, policies.size(), "one NetworkPolicy selects the gateway pods: " + ofKind("NetworkPolicy"));
        JsonNode spec = policies.get(0).node().path("spec");
        assertTrue(spec.path("policyTypes").toString().contains("Ingress"), "the policy restricts ingress");
        Map<Integer, List<JsonNode>> rulesByPort = new LinkedHashMap<>();
        for (JsonNode rule : spec.path("ingress")) {
            assertTrue(rule.has("ports"), "an ingress rule without ports opens every port: " + rule);
            for (JsonNode port : rule.path("ports")) {
                rulesByPort.computeIfAbsent(portNumber(port.path("port")), k -> new ArrayList<>()).add(rule);
            }
        }
        for (int port : List.of(effective().cluster().port(), effective().cluster().eventBusPort())) {
            List<JsonNode> rules = rulesByPort.getOrDefault(port, List.of());
            assertFalse(rules.isEmpty(), "cluster port " + port + " is not admitted at all: the pods could not form a cluster");
            for (JsonNode rule : rules) {
                assertTrue(rule.path("from").size() > 0, "cluster port " + port + " is open to everyone: " + rule);
                for (JsonNode peer : rule.path("from")) {
                    assertFalse(peer.has("ipBlock") || peer.has("namespaceSelector"),
                            "cluster port " + port + " admits more than the gateway pods: " + peer);
                    assertTrue(selects(peer.path("podSelector"), podLabels) && peer.path("podSelector").path("matchLabels")
                                    .equals(spec.path("podSelector").path("matchLabels")),
                            "cluster port " + port + " admits pods other than the gateway's: " + peer);
                }
            }
        }
        for (int port : List.of(effective().http().port(), effective().tcpCir().port())) {
            assertTrue(rulesByPort.getOrDefault(port, List.of()).stream().anyMatch(r -> !r.has("from")),
                    "bearer port " + port + " must be open to the clients");
        }
        List<JsonNode> mgmt = rulesByPort.getOrDefault(effective().mgmt().port(), List.of());
        assertFalse(mgmt.isEmpty(), "the management port is admitted from nowhere");
        assertTrue(mgmt.stream().allMatch(r -> r.path("from").size() > 0), "the management port is open to everyone");
        for (Map.Entry<String, Integer> port : containerPorts().entrySet()) {
            assertTrue(rulesByPort.containsKey(port.getValue()), "container port " + port + " is admitted by no rule");
        }
    }

    @Test
    void theClusterSecretComesFromASecretOfTheBase() {
        JsonNode ref = envEntry("IMPS_CLUSTER_SECRET").path("valueFrom").path("secretKeyRef");
        assertFalse(ref.isMissingNode(), "IMPS_CLUSTER_SECRET must come from a Secret, not a value in the manifest");
        String key = ref.path("key").asText();
        for (JsonNode g : kustomization.path("secretGenerator")) {
            if (!g.path("name").asText().equals(ref.path("name").asText())) {
                continue;
            }
            for (JsonNode env : g.path("envs")) {
                try {
                    for (String line : Files.readAllLines(k8s.resolve(env.asText()))) {
                        if (line.startsWith(key + "=") && line.length() > key.length() + 1) {
                            return;
                        }
                    }
                } catch (IOException e) {
                    fail("cannot read " + env.asText(), e);
                }
            }
        }
        fail("no secretGenerator of kustomization.yaml named " + ref.path("name").asText() + " defines key " + key);
    }

    /** The PEM files TLS is pointed at are on the volume of a Secret (imps-gateway-tls, optional while TLS is off). */
    @Test
    void tlsFilesAreOnASecretVolume() {
        List<String> files = env.keySet().stream().filter(n -> n.matches("IMPS_.*_TLS_(CERT|KEY)_FILE")).toList();
        assertFalse(files.isEmpty(), "the StatefulSet points no listener at TLS files");
        for (String name : files) {
            String path = env.get(name);
            JsonNode volume = volumeOf(path);
            assertTrue(volume.has("secret"), name + "=" + path + " is not on a Secret volume: " + volume);
            boolean enabled = "true".equals(env.get(name.replaceFirst("_(CERT|KEY)_FILE$", "_ENABLED")));
            assertTrue(enabled || volume.path("secret").path("optional").asBoolean(false),
                    "with TLS off the TLS Secret must be optional, or pods wait for a Secret nobody needs");
        }
    }

    private static JsonNode envEntry(String name) {
        for (JsonNode e : container.path("env")) {
            if (e.path("name").asText().equals(name)) {
                return e;
            }
        }
        return fail("the StatefulSet does not set " + name);
    }

    /** The pod volume mounted where {@code containerPath} lies. */
    private static JsonNode volumeOf(String containerPath) {
        for (JsonNode m : container.path("volumeMounts")) {
            String mountPath = m.path("mountPath").asText();
            if (containerPath.startsWith(mountPath.endsWith("/") ? mountPath : mountPath + "/")) {
                for (JsonNode v : statefulSet.path("spec").path("template").path("spec").path("volumes")) {
                    if (v.path("name").asText().equals(m.path("name").asText())) {
                        return v;
                    }
                }
            }
        }
        return fail(containerPath + " is on no volume mount of the container");
    }

    /** Whether a label selector's matchLabels all hold for {@code labels} (and it selects something). */
    private static boolean selects(JsonNode selector, JsonNode labels) {
        JsonNode match = selector.path("matchLabels");
        if (match.size() == 0) {
            return false;
        }
        boolean[] all = {true};
        match.fields().forEachRemaining(e -> all[0] &= e.getValue().asText().equals(labels.path(e.getKey()).asText(null)));
        return all[0];
    }

    // --- configuration files ---------------------------------------------------------------------

    @Test
    void everyConfigFileInTheConfigMapLoads() {
        String usersFile = env.get("IMPS_USERS_FILE");
        assertNotNull(usersFile, "the StatefulSet must set IMPS_USERS_FILE to the mounted users file");
        Path users = mountedFile(usersFile);
        List<Path> configFiles = generatedFiles("configMapGenerator");
        assertFalse(configFiles.isEmpty(), "the ConfigMap generator lists no files");
        for (Path file : configFiles) {
            if (file.equals(users)) {
                continue;
            }
            try {
                ConfigLoader.load(file, Map.of());
                ConfigLoader.load(file, impsVariables());
            } catch (RuntimeException e) {
                fail(k8s.relativize(file) + " in the ConfigMap does not load as gateway configuration: " + e.getMessage(), e);
            }
        }
        try {
            YamlUserDirectory.load(users.toString(), effective().csp().domain());
        } catch (RuntimeException e) {
            fail("the users file " + k8s.relativize(users) + " (IMPS_USERS_FILE=" + usersFile + ") does not load: " + e.getMessage(), e);
        }
    }

    @Test
    void configArgumentPointsAtAFileInTheConfigMap() {
        Path file = configFileOfContainer();
        assertNotNull(file, "the container should pass --config with the ConfigMap's gateway.yaml");
        assertTrue(generatedFiles("configMapGenerator").contains(file), "--config should name a file of the ConfigMap, not " + file);
    }

    // --- PodDisruptionBudget and HorizontalPodAutoscaler -----------------------------------------

    @Test
    void disruptionBudgetAndAutoscalerTargetTheStatefulSet() {
        String name = statefulSet.path("metadata").path("name").asText();
        JsonNode podLabels = statefulSet.path("spec").path("template").path("metadata").path("labels");
        for (Doc pdb : ofKind("PodDisruptionBudget")) {
            assertEquals(1, pdb.node().path("spec").path("maxUnavailable").asInt(-1), pdb + " maxUnavailable");
            pdb.node().path("spec").path("selector").path("matchLabels").fields().forEachRemaining(e ->
                    assertEquals(e.getValue().asText(), podLabels.path(e.getKey()).asText(null), pdb + " selects other pods"));
        }
        for (Doc hpa : ofKind("HorizontalPodAutoscaler")) {
            JsonNode ref = hpa.node().path("spec").path("scaleTargetRef");
            assertEquals("StatefulSet", ref.path("kind").asText(), hpa + " scaleTargetRef kind");
            assertEquals(name, ref.path("name").asText(), hpa + " scaleTargetRef name");
        }
    }

    /**
     * With split-brain protection a pod is Ready only among a quorum: ordered pod creation would never
     * start the second pod, and the autoscaler's minimum must keep the quorum while the disruption
     * budget takes one pod away.
     */
    @Test
    void theQuorumCanFormAndSurvivesOnePodBeingReplaced() {
        int quorum = effective().cluster().minimumClusterSize();
        assertTrue(quorum > 1, "the base runs with split-brain protection");
        assertEquals("Parallel", statefulSet.path("spec").path("podManagementPolicy").asText(),
                "OrderedReady would wait for a first pod that is not Ready until a second one joins");
        List<Doc> autoscalers = ofKind("HorizontalPodAutoscaler");
        assertFalse(autoscalers.isEmpty(), "an autoscaler sets the pod count");
        for (Doc hpa : autoscalers) {
            int min = hpa.node().path("spec").path("minReplicas").asInt();
            assertTrue(min - 1 >= quorum, hpa + ": " + min + " pods less one replaced are below the quorum " + quorum);
            assertTrue(quorum > min / 2, hpa + ": " + quorum + " is no majority of " + min + " pods");
        }
    }

    // --- helpers ---------------------------------------------------------------------------------

    private static List<Doc> ofKind(String kind) {
        return docs.stream().filter(d -> d.kind().equals(kind)).toList();
    }

    /** Every local path kustomization.yaml refers to: resources and generator files/envs. */
    private static List<String> kustomizationFiles() {
        List<String> out = new ArrayList<>();
        kustomization.path("resources").forEach(r -> out.add(r.asText()));
        for (String generator : List.of("configMapGenerator", "secretGenerator")) {
            for (JsonNode g : kustomization.path(generator)) {
                g.path("files").forEach(f -> out.add(sourceOf(f.asText())));
                g.path("envs").forEach(f -> out.add(f.asText()));
                if (g.has("env")) {
                    out.add(g.path("env").asText());
                }
            }
        }
        return out;
    }

    /** A generator {@code files} entry is {@code path} or {@code key=path}. */
    private static String sourceOf(String entry) {
        int eq = entry.indexOf('=');
        return eq < 0 ? entry : entry.substring(eq + 1);
    }

    private static String keyOf(String entry) {
        int eq = entry.indexOf('=');
        return eq < 0 ? Path.of(entry).getFileName().toString() : entry.substring(0, eq);
    }

    private static List<Path> generatedFiles(String generator) {
        List<Path> out = new ArrayList<>();
        for (JsonNode g : kustomization.path(generator)) {
            g.path("files").forEach(f -> out.add(k8s.resolve(sourceOf(f.asText())).normalize()));
        }
        return out;
    }

    /**
     * The local source of a file the container sees at {@code containerPath}: through its volume
     * mount, the ConfigMap or Secret volume (and its items), to the generator entry in
     * kustomization.yaml.
     */
    private static Path mountedFile(String containerPath) {
        JsonNode mount = null;
        String key = null;
        for (JsonNode m : container.path("volumeMounts")) {
            String mountPath = m.path("mountPath").asText();
            if (m.has("subPath") && containerPath.equals(mountPath)) {
                mount = m;
                key = m.path("subPath").asText();
            } else if (!m.has("subPath") && containerPath.startsWith(mountPath.endsWith("/") ? mountPath : mountPath + "/")) {
                mount = m;
                key = containerPath.substring(mountPath.length()).replaceFirst("^/", "");
            }
        }
        if (mount == null) {
            return fail(containerPath + " is on no volume mount of the container");
        }
        String volumeName = mount.path("name").asText();
        JsonNode volume = MissingNode.getInstance();
        for (JsonNode v : statefulSet.path("spec").path("template").path("spec").path("volumes")) {
            if (v.path("name").asText().equals(volumeName)) {
                volume = v;
            }
        }
        String generator;
        JsonNode source;
        if (volume.has("configMap")) {
            generator = "configMapGenerator";
            source = volume.path("configMap");
        } else if (volume.has("secret")) {
            generator = "secretGenerator";
            source = volume.path("secret");
        } else {
            return fail(containerPath + ": volume '" + volumeName + "' is neither a ConfigMap nor a Secret volume");
        }
        String objectName = source.has("secretName") ? source.path("secretName").asText() : source.path("name").asText();
        for (JsonNode item : source.path("items")) {
            if (item.path("path").asText().equals(key)) {
                key = item.path("key").asText();
            }
        }
        for (JsonNode g : kustomization.path(generator)) {
            if (!g.path("name").asText().equals(objectName)) {
                continue;
            }
            for (JsonNode f : g.path("files")) {
                if (keyOf(f.asText()).equals(key)) {
                    return k8s.resolve(sourceOf(f.asText())).normalize();
                }
            }
            return fail(containerPath + ": " + generator + " '" + objectName + "' has no key '" + key + "'");
        }
        return fail(containerPath + ": no " + generator + " named '" + objectName + "' in kustomization.yaml");
    }

    /** The local file behind the container's {@code --config} argument, or null without one. */
    private static Path configFileOfContainer() {
        List<String> args = new ArrayList<>();
        container.path("command").forEach(a -> args.add(a.asText()));
        container.path("args").forEach(a -> args.add(a.asText()));
        int i = args.indexOf("--config");
        if (i < 0) {
            return null;
        }
        assertTrue(i + 1 < args.size(), "--config without a file");
        return mountedFile(args.get(i + 1));
    }

    /** The container env for pod 0 of the StatefulSet, with $(VAR) references expanded like the kubelet does. */
    private static Map<String, String> resolveEnv(JsonNode list) {
        Map<String, String> out = new LinkedHashMap<>();
        String podName = statefulSet.path("metadata").path("name").asText() + "-0";
        for (JsonNode e : list) {
            String name = e.path("name").asText();
            String value;
            if (e.has("value")) {
                value = expand(e.path("value").asText(), out);
            } else {
                String field = e.path("valueFrom").path("fieldRef").path("fieldPath").asText("");
                value = switch (field) {
                    case "metadata.name" -> podName;
                    case "metadata.namespace" -> SAMPLE_NAMESPACE;
                    case "status.podIP" -> SAMPLE_POD_IP;
                    default -> null; // secretKeyRef, configMapKeyRef, other fields: not knowable here
                };
            }
            assertFalse(out.containsKey(name), "env variable " + name + " is set twice");
            out.put(name, value);
        }
        return out;
    }

    private static String expand(String value, Map<String, String> defined) {
        Matcher m = VAR_REF.matcher(value);
        StringBuilder sb = new StringBuilder();
        while (m.find()) {
            String ref = m.group(1);
            String replacement = defined.get(ref);
            assertNotNull(replacement, "'" + value + "' refers to $(" + ref + "), which is not defined before it "
                    + "(Kubernetes would pass the text through unexpanded)");
            m.appendReplacement(sb, Matcher.quoteReplacement(replacement));
        }
        m.appendTail(sb);
        return sb.toString();
    }

    private static Map<String, String> impsVariables() {
        return env.entrySet().stream().filter(e -> e.getKey().startsWith("IMPS_") && e.getValue() != null)
                .collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue));
    }

    private static Map<String, Integer> containerPorts() {
        Map<String, Integer> ports = new LinkedHashMap<>();
        for (JsonNode p : container.path("ports")) {
            ports.put(p.path("name").asText(), p.path("containerPort").asInt());
        }
        return ports;
    }

    /** A port given by number, or by the name of a container port. */
    private static int portNumber(JsonNode port) {
        if (port.isInt()) {
            return port.asInt();
        }
        Integer byName = containerPorts().get(port.asText());
        if (byName == null) {
            return fail("port '" + port.asText() + "' is not a named port of the container; ports: " + containerPorts());
        }
        return byName;
    }

    /** Whether some Service named {@code serviceOrPortName} or with a port of that name reaches container port {@code port}. */
    private static boolean targets(String serviceOrPortName, int port) {
        for (Doc service : ofKind("Service")) {
            for (JsonNode p : service.node().path("spec").path("ports")) {
                JsonNode target = p.has("targetPort") ? p.path("targetPort") : p.path("port");
                boolean named = service.name().equals(serviceOrPortName) || p.path("name").asText().equals(serviceOrPortName);
                if (named && portNumber(target) == port) {
                    return true;
                }
            }
        }
        return false;
    }
}
