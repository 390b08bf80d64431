package imps.app;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A node that cannot open one of its ports does not start, and its failure names the listener, the
 * address and the reason (here: another process holds the port), so an operator who starts a second
 * gateway with the same settings on one host sees at once what is wrong.
 */
class StartupFailureTest {
    @ParameterizedTest
    @CsvSource({"IMPS_HTTP_PORT, HTTP bearer", "IMPS_MGMT_PORT, management port", "IMPS_TCP_CIR_PORT, TCP CIR listener"})
    void aTakenPortIsNamedInTheFailure(String variable, String listener) throws Exception {
        try (ServerSocket taken = new ServerSocket(0, 50, InetAddress.getByName("127.0.0.1"))) {
            String port = Integer.toString(taken.getLocalPort());
            IllegalStateException failed = assertThrows(IllegalStateException.class,
                    () -> TestNode.startOnce(Map.of(variable, port)).close());
            String why = String.valueOf(failed.getCause());
            assertTrue(why.contains(listener + " cannot listen on 127.0.0.1:" + port), why);
            assertTrue(why.toLowerCase(java.util.Locale.ROOT).contains("address already in use"), why);
        }
    }
}
