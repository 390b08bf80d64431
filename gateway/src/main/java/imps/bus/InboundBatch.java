package imps.bus;

import java.util.List;

/** Inband messages for sessions that one node owns, forwarded to it together, in the order they arrived. */
public record InboundBatch(List<InboundMessage> messages) {
}
