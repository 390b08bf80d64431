package imps.app;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import imps.protocol.CspVersion;
import imps.protocol.Element;
import imps.transport.sms.smpp.SmscSimulator;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Every query of the Grafana dashboard in k8s/monitoring names only metrics a node really exports:
 * a node with the SMS bearer and the subscriber store on serves some traffic, and the metric names of
 * its scrape are compared with those the dashboard's expressions use.
 */
class GrafanaDashboardTest {
    private static final Pattern METRIC = Pattern.compile("\\b((?:imps|jvm|vertx|process)_[a-zA-Z0-9_]+)");

    @Test
    void everyQueryNamesAnExportedMetric() throws Exception {
        Path root = Files.isDirectory(Path.of("k8s")) ? Path.of(".") : Path.of("..");
        JsonNode dashboard = new ObjectMapper().readTree(root.resolve("k8s/monitoring/grafana-dashboard.json").toFile());
        List<String> expressions = new ArrayList<>();
        dashboard.path("panels").forEach(p -> p.path("targets").forEach(t -> expressions.add(t.path("expr").asText())));
        assertTrue(expressions.size() > 20, "the dashboard has its queries: " + expressions.size());
        Set<String> used = new TreeSet<>();
        for (String expr : expressions) {
            Matcher m = METRIC.matcher(expr);
            boolean any = false;
            while (m.find()) {
                used.add(m.group(1));
                any = true;
            }
            assertTrue(any, "a query that names no metric: " + expr);
        }

        Path data = Files.createTempDirectory("imps-dashboard");
        try (SmscSimulator smsc = SmscSimulator.start("imps", "secret");
             TestNode node = TestNode.start(Map.of("IMPS_SMS_ENABLED", "true", "IMPS_SMS_SMPP_HOST", smsc.host(),
                     "IMPS_SMS_SMPP_PORT", Integer.toString(smsc.port()), "IMPS_STORE_ENABLED", "true",
                     "IMPS_STORE_DATA_DIR", data.toString()))) {
            smsc.awaitBound(Duration.ofSeconds(20));
            CspClient client = node.client();
            String sid = client.login(CspVersion.V1_2, "alice", "secret", "dash");
            assertEquals(200, client.request(CspVersion.V1_2, sid, Element.empty("KeepAlive-Request")).code());
            System.gc();
            Thread.sleep(500);
            Set<String> exported = Scrape.of(node).names();
            List<String> missing = used.stream().filter(n -> !exported.contains(n)).toList();
            assertTrue(missing.isEmpty(), "the dashboard queries metrics no node exports: " + missing);
            assertFalse(used.isEmpty());
        }
    }
}
