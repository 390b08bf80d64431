package imps.transport.sms.kannel;

import imps.transport.sms.SmsCounters;

import java.util.concurrent.atomic.LongAdder;

/**
 * The counters of one Kannel link. MO requests, submit answers and delivery reports may complete
 * on different event loops, hence adders rather than plain fields.
 */
final class KannelCounters {
    private final LongAdder received = new LongAdder();
    private final LongAdder submitted = new LongAdder();
    private final LongAdder submitFailures = new LongAdder();
    private final LongAdder delivered = new LongAdder();
    private final LongAdder undeliverable = new LongAdder();
    private final LongAdder connects = new LongAdder();
    private final LongAdder rejectedRequests = new LongAdder();

    void received() {
        received.increment();
    }

    void submitted() {
        submitted.increment();
    }

    void submitFailed() {
        submitFailures.increment();
    }

    void report(DeliveryReport report) {
        if (report.delivered()) {
            delivered.increment();
        } else if (report.undeliverable()) {
            undeliverable.increment();
        }
    }

    void connected() {
        connects.increment();
    }

    void rejectedRequest() {
        rejectedRequests.increment();
    }

    long rejectedRequests() {
        return rejectedRequests.sum();
    }

    SmsCounters snapshot() {
        return new SmsCounters(received.sum(), submitted.sum(), submitFailures.sum(), delivered.sum(),
                undeliverable.sum(), connects.sum());
    }
}
