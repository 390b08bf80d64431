package imps.bench;

import imps.transport.sms.smpp.SmppOptions;
import imps.transport.sms.MobileOriginated;
import imps.transport.sms.MobileTerminated;
import imps.transport.sms.smpp.SmppSmsCenter;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.Vertx;

import java.util.concurrent.atomic.AtomicLong;

/**
 * The baseline of the SMS benchmark: the gateway's own SMPP link ({@link SmppSmsCenter}), bound to
 * an SMSC as the gateway binds, with an inbound handler that submits every mobile-originated message
 * straight back to its sender, to the same port, with the same bytes. No PTS, no router, no session:
 * what one SMS round trip costs through this link and SMSC, so the gateway's figures are reported as
 * a ratio to it. The link is configured as the benchmark configures the gateway's (same window, rate
 * limit, time-outs and delivery receipts asked for).
 *
 * <p>Usage: {@code java -cp imps-bench.jar imps.bench.SmsEcho <smsc-host> <smsc-port> <window> <max-submits-per-second>}
 */
public final class SmsEcho extends VerticleBase {
    /** The gateway's default number: the echo answers from the number the phones write to. */
    private static final String ADDRESS = "3590";
    private static final int ENQUIRE_LINK_SECONDS = 30;
    private static final int RESPONSE_TIMEOUT_MILLIS = 10_000;
    private static final long REPORTED_FAILURES = 5;

    private final SmppOptions options;
    private final AtomicLong failures = new AtomicLong();
    private SmppSmsCenter center;

    private SmsEcho(SmppOptions options) {
        this.options = options;
    }

    @Override
    public Future<?> start() {
        center = new SmppSmsCenter(vertx, options, ADDRESS);
        return center.start(this::echo);
    }

    @Override
    public Future<?> stop() {
        return center.stop();
    }

    private void echo(MobileOriginated mo) {
        Integer port = mo.destinationPort();
        center.submit(new MobileTerminated(mo.sender(), port, mo.payload(), port != null)).onFailure(err -> {
            // The phone sees a time-out; the first few causes say why.
            if (failures.incrementAndGet() <= REPORTED_FAILURES) {
                System.err.println("echo to " + mo.sender() + " not submitted: " + err.getMessage());
            }
        });
    }

    public static void main(String[] args) {
        if (args.length != 4) {
            System.err.println("usage: SmsEcho <smsc-host> <smsc-port> <window> <max-submits-per-second>");
            System.exit(2);
        }
        // Bind retried every second, so the echo may start before the SMSC listens.
        SmppOptions options = new SmppOptions(args[0], Integer.parseInt(args[1]), "imps", "secret", "",
                ENQUIRE_LINK_SECONDS, 1, 1, Integer.parseInt(args[2]), Integer.parseInt(args[3]),
                RESPONSE_TIMEOUT_MILLIS, true);
        Vertx vertx = Vertx.vertx();
        vertx.deployVerticle(new SmsEcho(options))
                .onSuccess(id -> System.out.println("SMS echo binding to " + args[0] + ":" + args[1]))
                .onFailure(err -> {
                    err.printStackTrace();
                    System.exit(1);
                });
    }
}
