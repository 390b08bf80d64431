package imps.bus;

import java.util.List;

/** The owner's answers to an {@link InboundBatch}, one per message and in its order. */
public record OutboundBatch(List<Answer> answers) {

    /**
     * What the bearer sends back, or why the owner could not process the message: a failure code
     * ({@link EventBusAddresses#NOT_HERE} when it no longer holds the session) and its reason.
     */
    public record Answer(OutboundMessage message, int failureCode, String failure) {
        public static Answer of(OutboundMessage message) {
            return new Answer(message, 0, null);
        }

        public static Answer failed(int failureCode, String failure) {
            return new Answer(null, failureCode, failure);
        }

        public boolean isFailure() {
            return message == null;
        }
    }
}
