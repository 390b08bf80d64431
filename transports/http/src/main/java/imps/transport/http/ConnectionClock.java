package imps.transport.http;

import io.vertx.core.http.HttpConnection;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;

/**
 * The deadline of one HTTP connection against slow senders. The socket idle time-out alone does not
 * stop a client that trickles a byte now and then; so, counted from the connection's opening and
 * from each answer, the next request head must be complete within {@code headNanos} (else the
 * connection is closed, without an answer: there is no request to answer), and a body within
 * {@code bodyNanos} of its head (else 408 and the connection is closed). While a complete request is
 * being processed no deadline runs. The clock only records the deadline; {@link ConnectionClocks}
 * checks it. Used on the connection's event loop only.
 */
final class ConnectionClock {
    private static final long NONE = Long.MIN_VALUE;
    private final HttpConnection connection;
    private final long headNanos;
    private final long bodyNanos;
    /** The request whose body is awaited, or null while a head is awaited or a request is processed. */
    private HttpServerRequest awaitingBody;
    private long deadline = NONE;

    ConnectionClock(HttpConnection connection, long headNanos, long bodyNanos, long nowNanos) {
        this.connection = connection;
        this.headNanos = headNanos;
        this.bodyNanos = bodyNanos;
        awaitHead(nowNanos);
    }

    /** A request head arrived: its body has {@code bodyNanos}; the next head is awaited once it is {@link #answered}. */
    void requestStarted(HttpServerRequest request, long nowNanos) {
        awaitingBody = request;
        deadline = bodyNanos > 0 ? nowNanos + bodyNanos : NONE;
    }

    /** The request was answered: the next head is awaited. */
    void answered(long nowNanos) {
        awaitHead(nowNanos);
    }

    void stop() {
        awaitingBody = null;
        deadline = NONE;
    }

    boolean expired(long nowNanos) {
        return deadline != NONE && nowNanos - deadline >= 0;
    }

    /** The deadline passed: a head never completed closes the connection, a body not received gets 408. */
    void expire() {
        HttpServerRequest request = awaitingBody;
        stop();
        if (request == null) {
            connection.close();
            return;
        }
        HttpServerResponse response = request.response();
        if (!request.isEnded() && !response.ended() && !response.closed()) {
            response.setStatusCode(408).putHeader(HttpHeaders.CONNECTION, "close")
                    .putHeader(HttpHeaders.CONTENT_TYPE, "text/plain; charset=UTF-8")
                    .end("Request body not received in time");
            connection.close();
        }
    }

    private void awaitHead(long nowNanos) {
        awaitingBody = null;
        deadline = headNanos > 0 ? nowNanos + headNanos : NONE;
    }
}
