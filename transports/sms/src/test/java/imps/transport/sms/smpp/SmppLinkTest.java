package imps.transport.sms.smpp;

import io.vertx.core.Vertx;
import io.vertx.junit5.VertxExtension;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.List;

import static imps.transport.sms.smpp.TestEsme.WAIT;
import static imps.transport.sms.smpp.TestEsme.data;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The bind: keep-alive, losing it, getting it back. */
@ExtendWith(VertxExtension.class)
class SmppLinkTest {
    private static final long SECOND_NANOS = 1_000_000_000L;

    private SmscSimulator smsc;
    private Vertx vertx;

    @BeforeEach
    void setUp(Vertx vertx) throws Exception {
        this.vertx = vertx;
        smsc = SmscSimulator.start(TestEsme.SYSTEM_ID, TestEsme.PASSWORD);
    }

    @AfterEach
    void tearDown() throws Exception {
        smsc.close();
    }

    @Test
    void bindsAsTransceiverAndKeepsTheLinkAliveWithEnquireLink() throws Exception {
        try (TestEsme esme = TestEsme.start(vertx, TestEsme.options(smsc))) {
            smsc.awaitBound(WAIT);
            esme.awaitConnected(true);
            smsc.awaitEnquireLinks(2, WAIT);
            assertTrue(esme.center.connected(), "enquire_link is answered, the bind holds");
            assertEquals(1, esme.center.counters().connects());
            assertEquals(1, smsc.binds());
        }
    }

    @Test
    void startsWhileNoSmscListensAndSubmitsFailFastUntilBound() throws Exception {
        int closedPort;
        try (ServerSocket probe = new ServerSocket(0)) {
            closedPort = probe.getLocalPort();
        }
        try (TestEsme esme = TestEsme.start(vertx, TestEsme.options("127.0.0.1", closedPort, 10, 100, 10_000))) {
            assertFalse(esme.center.connected());
            Throwable refused = OnContext.failure(esme.submit(data("+447700900123", 3590, new byte[] {1})));
            assertTrue(refused.getMessage().contains("not bound"), refused.getMessage());
            assertEquals(1, esme.center.counters().submitFailures());
        }
    }

    @Test
    void rebindsAfterTheSmscDropsTheConnection() throws Exception {
        try (TestEsme esme = TestEsme.start(vertx, TestEsme.options(smsc))) {
            esme.awaitConnected(true);
            smsc.dropConnections();
            esme.awaitConnected(false);
            esme.awaitConnected(true);
            smsc.awaitBound(WAIT);
            assertEquals(2, esme.center.counters().connects());
            assertTrue(smsc.binds() >= 2);
            trafficFlowsBothWays(esme);
        }
    }

    @Test
    void rebindsAfterAnUnbindFromTheSmsc() throws Exception {
        try (TestEsme esme = TestEsme.start(vertx, TestEsme.options(smsc))) {
            esme.awaitConnected(true);
            smsc.unbindAll();
            esme.awaitConnected(false);
            esme.awaitConnected(true);
            smsc.awaitBound(WAIT);
            trafficFlowsBothWays(esme);
        }
    }

    @Test
    void bindsWhenTheSmscComesBackAfterAnOutage() throws Exception {
        try (TestEsme esme = TestEsme.start(vertx, TestEsme.options(smsc))) {
            esme.awaitConnected(true);
            smsc.goDown();
            esme.awaitConnected(false);
            Throwable refused = OnContext.failure(esme.submit(data("+447700900123", 3590, new byte[] {1})));
            assertTrue(refused.getMessage().contains("not bound"), refused.getMessage());
            smsc.comeBack();
            esme.awaitConnected(true);
            smsc.awaitBound(WAIT);
            trafficFlowsBothWays(esme);
        }
    }

    @Test
    void refusedBindsAreRetriedWithGrowingPausesUntilAccepted() throws Exception {
        smsc.refuseBinds(true);
        try (TestEsme esme = TestEsme.start(vertx, TestEsme.options(smsc))) {
            TestEsme.await(() -> smsc.bindAttempts() >= 4, "four bind attempts");
            assertFalse(esme.center.connected());
            List<Long> attempts = smsc.bindAttemptTimes();
            assertTrue(attempts.get(1) - attempts.get(0) >= SECOND_NANOS, "first pause: the 1 s minimum");
            assertTrue(attempts.get(2) - attempts.get(1) >= 2 * SECOND_NANOS, "then doubled");
            assertTrue(attempts.get(3) - attempts.get(2) >= 2 * SECOND_NANOS, "capped at the 2 s maximum");
            smsc.refuseBinds(false);
            esme.awaitConnected(true);
            assertEquals(1, esme.center.counters().connects());
        }
    }

    @Test
    void theConnectionToTheSmscSendsEachPduAtOnce() throws Exception {
        // With Nagle's algorithm the submit_sm that follows a deliver_sm_resp waited for the SMSC's
        // delayed ACK: about 40 ms per answered message on Linux (bench/sms.sh measured it).
        try (ServerSocket smscSide = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
             Socket socket = SmppLink.socket(smscSide.getInetAddress().getHostAddress(), smscSide.getLocalPort(), 5_000)) {
            assertTrue(socket.isConnected());
            assertTrue(socket.getTcpNoDelay(), "TCP_NODELAY");
        }
    }

    @Test
    void stopUnbinds() throws Exception {
        TestEsme esme = TestEsme.start(vertx, TestEsme.options(smsc));
        esme.awaitConnected(true);
        smsc.awaitBound(WAIT);
        esme.close();
        smsc.awaitUnbound(WAIT);
        assertFalse(esme.center.connected());
    }

    private void trafficFlowsBothWays(TestEsme esme) throws Exception {
        assertEquals(0, smsc.deliverData("+447700900123", "3590", 3590, new byte[] {42}));
        assertArrayEquals(new byte[] {42}, esme.nextMessage().payload());
        int before = smsc.submits().size();
        esme.submitted(data("+447700900123", 3590, new byte[] {43}));
        assertArrayEquals(new byte[] {43}, smsc.awaitSubmits(before + 1, WAIT).get(before).userData());
    }
}
