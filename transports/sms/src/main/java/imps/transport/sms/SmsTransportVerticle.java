package imps.transport.sms;

import imps.bus.Bearer;
import imps.bus.CirCommand;
import imps.bus.EventBusAddresses;
import imps.codec.CspCodec;
import imps.codec.CspCodecs;
import imps.codec.pts.PtsLimits;
import imps.codec.pts.PtsReassembler;
import imps.codec.pts.PtsSegments;
import imps.protocol.CspVersion;
import imps.router.CirRequests;
import imps.transport.base.CspExchange;
import imps.transport.base.CirPacer;
import io.vertx.core.Future;
import imps.transport.base.BearerReadiness;
import imps.transport.base.BearerVerticle;
import io.vertx.core.json.JsonObject;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;

/**
 * The SMS bearer (docs/sms.md, docs/pts.md). It only moves bytes: a mobile-originated SMS on the
 * data port is reassembled (docs/pts.md §8), decoded from PTS and handed to the {@link CspRouter} with the
 * sender's phone number as the bearer address; the answer is encoded, split into SMS-sized segments
 * and sent back to that number the way the request came (port addressed data, or plain text). On
 * the CIR port a {@code HELO <Session-ID>} registers the phone for SMS CIR; the owner's CIRs
 * ({@link EventBusAddresses#SMS_CIR}) go out as {@code WVCI} text SMS, paced per phone.
 */
public final class SmsTransportVerticle extends BearerVerticle {
    private static final Logger LOG = LoggerFactory.getLogger(SmsTransportVerticle.class);

    private static final int SUBMIT_ATTEMPTS = 5;

    private final SmsOptions options;
    private final CspExchange exchange;
    private final CirRequests cir;
    private final SmsCenter center;
    private final CspCodec codec;
    private final PtsReassembler reassembler;
    private CirPacer cirPacer;

    /**
     * @param readiness where the verticle reports that it runs (as bearer {@code sms}); whether the
     *                  SMSC link is bound is {@link SmsCenter}'s to say, as a link comes and goes
     */
    public SmsTransportVerticle(SmsOptions options, CspExchange exchange, CirRequests cir, SmsCenter center,
                                BearerReadiness readiness) {
        super(readiness, "sms");
        this.options = options;
        this.exchange = exchange;
        this.cir = cir;
        this.center = center;
        PtsLimits limits = PtsLimits.DEFAULT;
        this.codec = CspCodecs.pts(new PtsLimits(options.maxSegmentBytes() * PtsSegments.MAX_SEGMENTS,
                limits.maxDepth(), limits.maxParameters(), limits.maxGroupMembers()));
        this.reassembler = new PtsReassembler(options.maxPendingPerSender(),
                TimeUnit.SECONDS.toMillis(options.reassemblyTimeoutSeconds()));
    }

    @Override
    protected Future<?> open() {
        cirPacer = new CirPacer(vertx, TimeUnit.SECONDS.toMillis(options.cirMinIntervalSeconds()), this::sendCir);
        vertx.setPeriodic(1000, id -> {
            int dropped = reassembler.purgeExpired(System.currentTimeMillis());
            if (dropped > 0) {
                LOG.debug("dropped {} incomplete split PTS messages", dropped);
            }
        });
        var cir = vertx.eventBus().<JsonObject>localConsumer(EventBusAddresses.SMS_CIR, msg -> {
            if (CirCommand.fromJson(msg.body()) instanceof CirCommand.Wake wake) {
                cirPacer.request(wake.channelId(), wake.line());
            }
        });
        return cir.completion().compose(v -> center.start(this::received));
    }

    @Override
    protected Future<?> close() {
        return center.stop();
    }

    private void received(MobileOriginated mo) {
        Integer port = mo.destinationPort();
        if (port != null && port == options.cirPort() || CirRegistration.isHelo(mo.payload())) {
            register(mo);
            return;
        }
        if (port != null && port != options.dataPort()) {
            LOG.debug("ignored an SMS from {} to application port {}", mo.sender(), port);
            return;
        }
        PtsReassembler.Outcome part = reassembler.accept(mo.sender(), mo.payload(), System.currentTimeMillis());
        if (part.status() != PtsReassembler.Status.COMPLETE) {
            return;
        }
        byte[] whole = part.message();
        ReplyPath reply = new ReplyPath(mo.sender(), port == null ? null : options.dataPort());
        // A PTS preamble the gateway does not speak is answered in CSP 1.2 (docs/pts.md §1).
        exchange.exchange(whole, codec, Bearer.sms(mo.sender()), CspVersion.V1_2, this::fits)
                .onSuccess(outcome -> answer(reply, mo.sender(), outcome))
                .onFailure(err -> LOG.warn("no answer for an SMS from {}", mo.sender(), err));
    }

    private void answer(ReplyPath reply, String sender, CspExchange.Outcome outcome) {
        if (outcome instanceof CspExchange.Outcome.NotCsp notCsp) {
            LOG.debug("ignored an SMS from {} that is not PTS: {}", sender, notCsp.reason());
            return;
        }
        CspExchange.Outcome.Answer answer = (CspExchange.Outcome.Answer) outcome;
        if (answer.tooLarge()) {
            LOG.info("an answer to {} does not fit in {} SMS; {}", reply.phone(), PtsSegments.MAX_SEGMENTS,
                    answer.isEmpty() ? "it stays queued for another bearer" : "answered 432");
        }
        if (!answer.isEmpty()) {
            for (byte[] segment : PtsSegments.split(answer.bytes(), options.maxSegmentBytes())) {
                submit(new MobileTerminated(reply.phone(), reply.port(), segment, reply.port() != null), 0);
            }
        }
    }

    /** {@code HELO <Session-ID>} on the CIR port: CIRs of that session go to this phone (docs/sms.md). */
    private void register(MobileOriginated mo) {
        String sessionId = CirRegistration.sessionId(mo.payload());
        if (sessionId == null) {
            LOG.debug("ignored an SMS CIR registration from {} without HELO", mo.sender());
            return;
        }
        cir.smsHelo(sessionId, mo.sender())
                .onSuccess(line -> {
                    if (line != null) {
                        cirPacer.request(mo.sender(), line);
                    }
                })
                .onFailure(err -> LOG.debug("SMS CIR registration from {} for an unknown session", mo.sender()));
    }

    /**
     * Submits, and when the SMS network refuses or is unreachable for a moment (throttling, a bind
     * being re-established) tries again after 1, 2, 4 … seconds, {@link #SUBMIT_ATTEMPTS} times in all.
     */
    private void submit(MobileTerminated mt, int attempt) {
        center.submit(mt).onFailure(err -> {
            if (attempt + 1 >= SUBMIT_ATTEMPTS) {
                LOG.warn("SMS to {} not submitted after {} attempts: {}", mt.recipient(), SUBMIT_ATTEMPTS, err.getMessage());
                return;
            }
            vertx.setTimer(1000L << attempt, id -> submit(mt, attempt + 1));
        });
    }

    /** Whether an encoded answer fits in the SMS a PTS message may take. */
    private boolean fits(byte[] encoded) {
        try {
            PtsSegments.split(encoded, options.maxSegmentBytes());
            return true;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    /** The CIR text goes as GSM 7-bit text to the phone's CIR port (docs/sms.md). */
    private void sendCir(String phone, String line) {
        submit(new MobileTerminated(phone, options.cirPort(), line.getBytes(StandardCharsets.UTF_8), false), 0);
    }

    /** Where an answer goes: the sender's number, port addressed when the request was. */
    private record ReplyPath(String phone, Integer port) {
    }
}
