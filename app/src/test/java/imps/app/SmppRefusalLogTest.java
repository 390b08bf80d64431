package imps.app;

import imps.transport.sms.smpp.SmscSimulator;
import org.jsmpp.SMPPConstant;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Any phone can send an SMS the gateway cannot read; each must cost the operator's log one WARN line,
 * not an ERROR with a stack trace. The node runs as its own process with the logging configuration of
 * the runnable jar, so what is asserted is the log an operator would see.
 */
class SmppRefusalLogTest {
    @Test
    void aRefusedDeliverSmIsOneWarnLineWithoutStackTrace() throws Exception {
        ProcessCluster cluster = null;
        try (SmscSimulator smsc = SmscSimulator.start("imps", "secret", 0)) {
            cluster = new ProcessCluster(Map.of("IMPS_SMS_ENABLED", "true", "IMPS_SMS_ADDRESS", "3590",
                    "IMPS_SMS_SMPP_HOST", smsc.host(), "IMPS_SMS_SMPP_PORT", Integer.toString(smsc.port())), List.of());
            ProcessCluster.GatewayProcess node = cluster.start("smpp-log", 0);
            smsc.awaitBound(Duration.ofSeconds(30));
            byte[] headerLongerThanMessage = {0x20, 0x05, 0x04, 0x0e, 0x06, 0x00, 0x00, 't', 'e', 'x', 't'};
            byte[] partThreeOfTwo = {0x05, 0x00, 0x03, 0x07, 0x02, 0x03, 'p', 'a', 'r', 't'};
            assertEquals(SMPPConstant.STAT_ESME_RX_P_APPN, smsc.deliverRaw("+4917000077", "3590", 0x40, 0x04,
                    headerLongerThanMessage));
            assertEquals(SMPPConstant.STAT_ESME_RX_P_APPN, smsc.deliverRaw("+4917000077", "3590", 0x40, 0x04,
                    partThreeOfTwo));
            assertEquals(200, node.status("/health/sms"), "the link is still up");

            String log = awaitLines(node, "Malformed deliver_sm", 2);
            List<String> lines = log.lines().toList();
            assertEquals(2, lines.stream().filter(l -> l.contains("Malformed deliver_sm")).count(), log);
            assertTrue(lines.stream().filter(l -> l.contains("Malformed deliver_sm")).allMatch(l -> l.contains(" WARN ")), log);
            assertTrue(lines.stream().noneMatch(l -> l.contains(" ERROR ")), "no ERROR:\n" + log);
            assertTrue(lines.stream().noneMatch(l -> l.startsWith("\tat ")), "no stack trace:\n" + log);
        } finally {
            if (cluster != null) {
                cluster.destroyAll();
            }
        }
    }

    /** The node's log once it holds {@code count} lines with {@code marker} (the log is written asynchronously). */
    private static String awaitLines(ProcessCluster.GatewayProcess node, String marker, int count) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        String log = node.log();
        while (log.lines().filter(l -> l.contains(marker)).count() < count && System.nanoTime() < deadline) {
            Thread.sleep(100);
            log = node.log();
        }
        return log;
    }
}
