package imps.app;

import imps.protocol.CspVersion;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.WebDriverWait;

import java.io.File;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The operations page in a real browser: headless Chromium driven by ChromeDriver (Debian packages
 * chromium and chromium-driver, installed by .ci/run) loads the page from a running node with live
 * sessions, authenticated as a browser is (Basic, the token as password). The numbers it shows are
 * checked against the admin API; a user is searched, one of the sessions found is disconnected with
 * the page's button and disappears from the list (and the admin API says it ended with 601). A
 * screenshot is left in target/ops-page.png.
 */
class OpsPageBrowserTest {
    private static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    private static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");
    private static final Duration WAIT = Duration.ofSeconds(30);

    private static JsonObject api(TestNode node, String path) throws Exception {
        HttpResponse<String> r = TestNode.mgmtHttp().send(TestNode.mgmtRequest(node.mgmtUrl() + path).build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(200, r.statusCode(), r.body());
        return new JsonObject(r.body());
    }

    @Test
    void thePageShowsTheClusterAndDisconnectsASession() throws Exception {
        assumeTrue(Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER),
                "Chromium and ChromeDriver are not installed (apt-get install chromium chromium-driver; .ci/run does)");
        Path profile = Files.createTempDirectory("imps-chromium");
        try (TestNode node = TestNode.start()) {
            CspClient client = node.client();
            String ken1 = client.login(CspVersion.V1_2, "ken", "secret", "page-ken-1");
            String ken2 = client.login(CspVersion.V1_3, "ken", "secret", "page-ken-2");
            client.login(CspVersion.V1_2, "leo", "secret", "page-leo");
            client.login(CspVersion.V1_2, "mike", "secret", "page-mike");

            ChromeOptions options = new ChromeOptions().setBinary(CHROMIUM.toFile()).addArguments(
                    "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                    "--disable-background-networking", "--disable-component-update", "--disable-sync",
                    "--disable-dev-shm-usage", "--window-size=1280,1000", "--user-data-dir=" + profile);
            ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(CHROMEDRIVER.toFile())
                    .usingAnyFreePort().build();
            ChromeDriver browser = new ChromeDriver(service, options);
            try {
                // What a browser sends once its user typed the token into the Basic prompt.
                String basic = "Basic " + Base64.getEncoder().encodeToString(("ops:" + TestNode.MGMT_TOKEN)
                        .getBytes(StandardCharsets.UTF_8));
                browser.executeCdpCommand("Network.enable", Map.of());
                browser.executeCdpCommand("Network.setExtraHTTPHeaders", Map.of("headers", Map.of("Authorization", basic)));
                browser.get(node.mgmtUrl() + "/");
                WebDriverWait wait = new WebDriverWait(browser, WAIT);
                wait.until(d -> d.getCurrentUrl().endsWith("/ops/"));

                JsonObject cluster = api(node, "/admin/cluster");
                int live = cluster.getJsonArray("members").getJsonObject(0).getJsonObject("sessions").getInteger("live");
                assertEquals(4, live);
                wait.until(d -> d.findElement(By.id("live-total")).getText().equals(String.valueOf(live)));
                wait.until(d -> d.findElements(By.cssSelector("#nodes tbody tr")).size() == 1);
                WebElement nodeRow = browser.findElement(By.cssSelector("#nodes tbody tr"));
                assertEquals(node.node().nodeId(), nodeRow.getDomAttribute("data-node"));
                assertEquals(String.valueOf(live), nodeRow.findElement(By.className("live")).getText());
                assertTrue(nodeRow.getText().contains("ready"));
                assertEquals(node.node().nodeId(), browser.findElement(By.id("this-node")).getText());
                // Two refreshes give rates: logins/s is a number once the page has two scrapes.
                wait.until(d -> d.findElement(By.id("rate-logins")).getText().matches("[0-9.]+"));
                wait.until(d -> d.findElement(By.id("p99")).getText().matches("[0-9.]+|–"));

                browser.findElement(By.id("search-user")).sendKeys("ken");
                browser.findElement(By.id("search-go")).click();
                wait.until(d -> d.findElements(By.cssSelector("#results tbody tr")).size() == 2);
                List<String> shown = browser.findElements(By.cssSelector("#results tbody tr")).stream()
                        .map(r -> r.getDomAttribute("data-session")).sorted().toList();
                JsonArray apiKen = api(node, "/admin/sessions?user=ken").getJsonArray("sessions");
                assertEquals(apiKen.stream().map(o -> ((JsonObject) o).getString("sessionId")).sorted().toList(), shown);
                assertEquals(List.of(ken1, ken2).stream().sorted().toList(), shown);

                browser.findElement(By.cssSelector("#results tr[data-session='" + ken1 + "'] button.disconnect")).click();
                wait.until(d -> d.findElements(By.cssSelector("#results tbody tr")).size() == 1);
                assertEquals(ken2, browser.findElement(By.cssSelector("#results tbody tr")).getDomAttribute("data-session"));
                assertEquals(601, client.poll(CspVersion.V1_2, ken1).code(), "the session got Disconnect 601");
                assertEquals("retained", api(node, "/admin/sessions/" + ken1).getString("state"));
                wait.until(d -> d.findElement(By.id("live-total")).getText().equals("3"));

                File shot = ((TakesScreenshot) browser).getScreenshotAs(OutputType.FILE);
                Path target = Path.of("target", "ops-page.png");
                Files.createDirectories(target.getParent());
                Files.copy(shot.toPath(), target, StandardCopyOption.REPLACE_EXISTING);
                assertTrue(Files.size(target) > 1000, "a screenshot of the page");
            } finally {
                browser.quit();
            }
        } finally {
            try (var files = Files.walk(profile)) {
                files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }
}
