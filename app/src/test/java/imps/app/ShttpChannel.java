package imps.app;

import imps.app.CspBinding.Device;
import imps.protocol.Element;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

/**
 * Standalone HTTP CIR (OMA-TS-IMPS_CSP_Transport, SHTTP): the client GETs the URL the negotiation
 * agreed (CIRURL in CSP 1.2, CIRHTTPAddress in 1.3); 204 while nothing waits, 200 with the
 * {@code WVCI} line while something does.
 */
final class ShttpChannel implements ClientCirChannel {
    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();
    private static final Duration WAIT = Duration.ofSeconds(10);

    @Override
    public String method() {
        return "SHTTP";
    }

    @Override
    public void assertAgreed(Element agreed) {
        assertNotNull(url(agreed), "SHTTP is agreed with the URL to GET: " + agreed);
    }

    private static String url(Element agreed) {
        Element address = agreed.child("CIRHTTPAddress") != null ? agreed.child("CIRHTTPAddress") : agreed.child("CIRURL");
        return address == null ? null : address.childText("URL");
    }

    @Override
    public WakeUps open(Device device, String sessionId, Element agreed) {
        URI url = URI.create(url(agreed));
        return new WakeUps() {
            @Override
            public String awaitWakeUp() throws IOException, InterruptedException {
                long deadline = System.nanoTime() + WAIT.toNanos();
                while (true) {
                    HttpResponse<String> r = get(url);
                    if (r.statusCode() == 200) {
                        return r.body();
                    }
                    assertEquals(204, r.statusCode(), "the CIR URL answers 204 or 200: " + r.body());
                    if (System.nanoTime() > deadline) {
                        throw new AssertionError("the CIR URL still answered 204 after " + WAIT);
                    }
                    Thread.sleep(50);
                }
            }

            @Override
            public void assertQuiet() throws IOException, InterruptedException {
                HttpResponse<String> r = get(url);
                assertEquals(204, r.statusCode(), "nothing announced: " + r.body());
            }
        };
    }

    private static HttpResponse<String> get(URI url) throws IOException, InterruptedException {
        return HTTP.send(HttpRequest.newBuilder(url).timeout(WAIT).GET().build(), HttpResponse.BodyHandlers.ofString());
    }
}
