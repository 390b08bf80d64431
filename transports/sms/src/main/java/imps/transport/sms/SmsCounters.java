package imps.transport.sms;

/**
 * What a link to the SMS network has done since it started: messages received, submitted,
 * refused or failed at submission, delivery receipts that reported delivery or final failure, and
 * how many times it (re)connected.
 */
public record SmsCounters(long received, long submitted, long submitFailures, long delivered, long undeliverable,
                          long connects) {
}
