package imps.transport.sms.smpp;

import imps.transport.sms.SmsCounters;

import java.util.concurrent.atomic.AtomicLong;

/** The link's running totals; updated on its context, read from anywhere. */
final class LinkCounters {
    private final AtomicLong received = new AtomicLong();
    private final AtomicLong submitted = new AtomicLong();
    private final AtomicLong submitFailures = new AtomicLong();
    private final AtomicLong delivered = new AtomicLong();
    private final AtomicLong undeliverable = new AtomicLong();
    private final AtomicLong connects = new AtomicLong();

    void received() {
        received.incrementAndGet();
    }

    void submitted() {
        submitted.incrementAndGet();
    }

    void submitFailed() {
        submitFailures.incrementAndGet();
    }

    void receipt(Receipt receipt) {
        if (receipt.delivered()) {
            delivered.incrementAndGet();
        } else if (receipt.undeliverable()) {
            undeliverable.incrementAndGet();
        }
    }

    void connected() {
        connects.incrementAndGet();
    }

    SmsCounters snapshot() {
        return new SmsCounters(received.get(), submitted.get(), submitFailures.get(), delivered.get(),
                undeliverable.get(), connects.get());
    }
}
