package imps.config;

import imps.tls.TlsFiles;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ConfigLoaderTest {

    @Test
    void smsIsOffByDefaultAndTheShippedExamplesLoad() {
        assertFalse(ConfigLoader.load(null, Map.of()).sms().enabled(), "the embedded default needs no SMSC");
        Path examples = imps.TestData.root().resolve("../conf/examples");
        GatewayConfig smpp = ConfigLoader.load(examples.resolve("sms-smpp.yaml"), Map.of());
        assertTrue(smpp.sms().enabled());
        assertEquals("smpp", smpp.sms().connector());
        assertEquals("smsc.carrier.internal", smpp.sms().smpp().host());
        assertEquals(3590, smpp.sms().dataPort(), "keys the example leaves out keep their defaults");
        GatewayConfig kannel = ConfigLoader.load(examples.resolve("sms-kannel.yaml"), Map.of("IMPS_SMS_KANNEL_MO_PORT", "9000"));
        assertEquals("kannel", kannel.sms().connector());
        assertEquals(9000, kannel.sms().kannel().moPort(), "environment overrides reach nested SMS keys");
    }

    @Test
    void defaultsLoadFromTheEmbeddedGatewayYaml() {
        GatewayConfig c = ConfigLoader.load(null, Map.of());
        assertEquals(8080, c.http().port());
        assertEquals("/imps", c.http().path());
        assertEquals(65536, c.http().maxBodyBytes());
        assertEquals(9090, c.mgmt().port());
        assertEquals("127.0.0.1", c.mgmt().host(), "the management port listens on loopback unless told otherwise");
        assertEquals(List.of(), c.mgmt().tokens(), "no token: the admin API lets nobody in");
        assertTrue(c.mgmt().healthOpen() && c.mgmt().metricsOpen());
        assertTrue(c.metrics().enabled());
        assertEquals("text", c.log().format());
        assertTrue(c.tcpCir().enabled(), "the TCP CIR channel is on by default");
        assertEquals(7000, c.tcpCir().port());
        assertEquals(List.of("1.1", "1.2", "1.3"), c.csp().versions());
        assertEquals("imps.local", c.csp().domain());
        assertEquals(600, c.session().keepAliveDefaultSeconds());
        assertEquals(30, c.session().serverPollMinSeconds());
        assertEquals("auto", c.session().retention());
        assertEquals(List.of("MD5", "SHA"), c.login().digestSchemas());
        assertEquals("Please accept the terms of service.", c.login().systemMessage().text());
        assertEquals(2, c.login().systemMessage().options().size());
        assertEquals(new GatewayConfig.Xml(32, 4096, 65536), c.xml());
        assertEquals(List.of(), c.cluster().members());
        assertEquals("conf/users.yaml", c.usersFile());
    }

    @Test
    void hardeningDefaults() {
        GatewayConfig c = ConfigLoader.load(null, Map.of());
        assertEquals(new TlsFiles(false, "", ""), c.http().tls(), "TLS is off until files are given");
        assertEquals(new TlsFiles(false, "", ""), c.mgmt().tls());
        assertEquals(new TlsFiles(false, "", ""), c.tcpCir().tls());
        assertEquals("http", c.http().scheme());
        assertEquals(new GatewayConfig.Throttle(true, 300, 30, 10, 30), c.login().throttle());
        assertEquals("", c.cluster().secret());
        assertEquals(List.of(), c.http().trustedProxies());
        GatewayConfig tls = ConfigLoader.load(null, Map.of("IMPS_HTTP_TLS_ENABLED", "true",
                "IMPS_HTTP_TRUSTED_PROXIES", "10.0.0.1,10.1.0.0/16"));
        assertEquals("https", tls.http().scheme(), "the HTTP CIR URL follows TLS");
        assertEquals(List.of("10.0.0.1", "10.1.0.0/16"), tls.http().trustedProxies());
        assertEquals("https", ConfigLoader.load(null, Map.of("IMPS_HTTP_ADVERTISED_SCHEME", "https")).http().scheme(),
                "a load balancer terminating TLS is announced with advertisedScheme");
    }

    @Test
    void environmentOverridesScalarsByUpperSnakeKeyPath() {
        GatewayConfig c = ConfigLoader.load(null, Map.of(
                "IMPS_HTTP_PORT", "18080",
                "IMPS_MGMT_PORT", "19090",
                "IMPS_TCP_CIR_PORT", "17000",
                "IMPS_TCP_CIR_ENABLED", "true",
                "IMPS_USERS_FILE", "/etc/imps/users.yaml",
                "IMPS_LOGIN_SYSTEM_MESSAGE_TEXT", "Hello, world"));
        assertEquals(18080, c.http().port());
        assertEquals(19090, c.mgmt().port());
        assertEquals(17000, c.tcpCir().port());
        assertTrue(c.tcpCir().enabled());
        assertEquals("/etc/imps/users.yaml", c.usersFile());
        assertEquals("Hello, world", c.login().systemMessage().text(), "a comma in a scalar is not a list separator");
        assertEquals("0.0.0.0", c.http().host(), "siblings keep their defaults");
    }

    @Test
    void environmentOverridesListsWithCommaSeparatedValues() {
        GatewayConfig c = ConfigLoader.load(null, Map.of("IMPS_CSP_VERSIONS", "1.2,1.3"));
        assertEquals(List.of("1.2", "1.3"), c.csp().versions());
        GatewayConfig spaced = ConfigLoader.load(null, Map.of("IMPS_LOGIN_DIGEST_SCHEMAS", " SHA , MD5 ,"));
        assertEquals(List.of("SHA", "MD5"), spaced.login().digestSchemas());
        GatewayConfig members = ConfigLoader.load(null, Map.of("IMPS_CLUSTER_MEMBERS", "10.0.0.1:5701,10.0.0.2:5701"));
        assertEquals(List.of("10.0.0.1:5701", "10.0.0.2:5701"), members.cluster().members());
    }

    @Test
    void environmentAcceptsYamlFlowValueForStructuredKeys() {
        GatewayConfig c = ConfigLoader.load(null, Map.of(
                "IMPS_LOGIN_SYSTEM_MESSAGE_OPTIONS", "[{id: \"1\", text: Agree}, {id: \"2\", text: \"Not now\"}, {id: \"3\", text: Later}]",
                "IMPS_CSP_VERSIONS", "[\"1.3\"]"));
        assertEquals(List.of(new GatewayConfig.AnswerOption("1", "Agree"), new GatewayConfig.AnswerOption("2", "Not now"),
                new GatewayConfig.AnswerOption("3", "Later")), c.login().systemMessage().options());
        assertEquals(List.of("1.3"), c.csp().versions());
    }

    @Test
    void environmentTextMayStartWithABracket() {
        GatewayConfig c = ConfigLoader.load(null, Map.of(
                "IMPS_LOGIN_SYSTEM_MESSAGE_TEXT", "[Maintenance] tonight",
                "IMPS_CSP_SERVICE_PROVIDER_NAME", "{IMPS} gateway"));
        assertEquals("[Maintenance] tonight", c.login().systemMessage().text());
        assertEquals("{IMPS} gateway", c.csp().serviceProvider().name());
    }

    @Test
    void unrelatedEnvironmentVariablesAreIgnored() {
        GatewayConfig c = ConfigLoader.load(null, Map.of("HTTP_PORT", "1", "IMPS_HTTP_PROT", "2", "PATH", "/bin"));
        assertEquals(8080, c.http().port());
    }

    @Test
    void invalidEnvironmentValueFailsLoudly() {
        assertThrows(IllegalArgumentException.class, () -> ConfigLoader.load(null, Map.of("IMPS_HTTP_PORT", "eighty")));
    }

    @Test
    void configFileMergesOverDefaults(@TempDir Path dir) throws IOException {
        Path file = Files.writeString(dir.resolve("gateway.yaml"), """
                http:
                  port: 8181
                csp:
                  domain: example.net
                  versions: ["1.3"]
                session:
                  retention: "0"
                """);
        GatewayConfig c = ConfigLoader.load(file, Map.of());
        assertEquals(8181, c.http().port());
        assertEquals("/imps", c.http().path(), "keys the file leaves out keep their defaults");
        assertEquals("example.net", c.csp().domain());
        assertEquals(List.of("1.3"), c.csp().versions());
        assertEquals("IMPS gateway", c.csp().serviceProvider().name());
        assertEquals("0", c.session().retention());
        assertEquals(600, c.session().keepAliveDefaultSeconds());
        assertEquals(9090, c.mgmt().port());
    }

    @Test
    void environmentWinsOverConfigFile(@TempDir Path dir) throws IOException {
        Path file = Files.writeString(dir.resolve("gateway.yaml"), "http:\n  port: 8181\n");
        assertEquals(9999, ConfigLoader.load(file, Map.of("IMPS_HTTP_PORT", "9999")).http().port());
    }

    @Test
    void unknownTopLevelKeyInFileIsAnError(@TempDir Path dir) throws IOException {
        Path file = Files.writeString(dir.resolve("gateway.yaml"), "htpp:\n  port: 8181\n");
        assertThrows(IllegalArgumentException.class, () -> ConfigLoader.load(file, Map.of()));
    }

    @Test
    void unknownNestedKeyInFileIsAnError(@TempDir Path dir) throws IOException {
        Path file = Files.writeString(dir.resolve("gateway.yaml"), "http:\n  prot: 8181\n");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> ConfigLoader.load(file, Map.of()));
        assertTrue(e.getMessage().contains("prot"), e.getMessage());
    }

    @Test
    void configFileThatIsNotAMappingIsAnError(@TempDir Path dir) throws IOException {
        Path list = Files.writeString(dir.resolve("list.yaml"), "- http:\n    port: 8181\n");
        assertThrows(IllegalArgumentException.class, () -> ConfigLoader.load(list, Map.of()));
        Path word = Files.writeString(dir.resolve("word.yaml"), "htpp\n");
        assertThrows(IllegalArgumentException.class, () -> ConfigLoader.load(word, Map.of()));
    }

    /**
     * Found by fuzzing: {@code node: {id: ~}} loaded with a null node id, on which the node's start
     * failed with a NullPointerException. A key without a value is refused, wherever it is.
     */
    @Test
    void keyWithoutValueIsAnError(@TempDir Path dir) throws IOException {
        for (String yaml : List.of("node: {id: ~}\n", "http:\n", "cluster: {members: [a:1, ~]}\n")) {
            Path file = Files.writeString(dir.resolve("gateway.yaml"), yaml);
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> ConfigLoader.load(file, Map.of()));
            assertTrue(e.getMessage().contains("has no value"), e.getMessage());
        }
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> ConfigLoader.load(null, Map.of("IMPS_LOGIN_SYSTEM_MESSAGE", "{text: ~}")));
        assertTrue(e.getMessage().contains("login.systemMessage.text"), e.getMessage());
    }

    /**
     * Found by fuzzing: {@code IMPS_CSP={versions: [1.2]}} replaced the whole csp section, and the
     * keys it left out (domain, serviceProvider) loaded as null.
     */
    @Test
    void environmentValueThatLeavesOutKeysOfASectionIsAnError() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> ConfigLoader.load(null, Map.of("IMPS_CSP", "{versions: [\"1.2\"]}")));
        assertTrue(e.getMessage().contains("domain"), e.getMessage());
    }

    @Test
    void missingConfigFileIsAnError(@TempDir Path dir) {
        assertThrows(IllegalArgumentException.class, () -> ConfigLoader.load(dir.resolve("nope.yaml"), Map.of()));
    }

    @Test
    void environmentVariablesListsEveryLeafKey() {
        List<String> names = ConfigLoader.environmentVariables();
        assertTrue(names.contains("IMPS_HTTP_PORT"), names.toString());
        assertTrue(names.contains("IMPS_MGMT_PORT"));
        assertTrue(names.contains("IMPS_TCP_CIR_PORT"));
        assertTrue(names.contains("IMPS_USERS_FILE"));
        assertTrue(names.contains("IMPS_CSP_VERSIONS"));
        assertTrue(names.contains("IMPS_LOGIN_SYSTEM_MESSAGE_TEXT"));
        assertTrue(names.contains("IMPS_CSP_SERVICE_PROVIDER_NAME"));
        assertFalse(names.contains("IMPS_HTTP"), "objects are not variables, their leaves are");
        assertEquals(names.size(), names.stream().distinct().count());
    }

    @Test
    void twoListenersOnOnePortAreRefusedNamingBoth() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> ConfigLoader.load(null, Map.of("IMPS_MGMT_PORT", "8080")));
        assertTrue(e.getMessage().contains("mgmt.port 8080 is also http.port"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> ConfigLoader.load(null, Map.of("IMPS_TCP_CIR_PORT", "5701")));
        assertEquals(8080, ConfigLoader.load(null, Map.of("IMPS_TCP_CIR_ENABLED", "false", "IMPS_TCP_CIR_PORT", "8080"))
                .http().port(), "a listener that is off takes no port");
    }
}
