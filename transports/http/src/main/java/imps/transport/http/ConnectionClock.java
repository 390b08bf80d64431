package imps.transport.http;

import io.vertx.core.Vertx;
import io.vertx.core.http.HttpConnection;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;

/**
 * The deadlines of one HTTP connection against slow senders. The socket idle time-out alone does not
 * stop a client that trickles a byte now and then; so, counted from the connection's opening and
 * from each answer, the next request head must be complete within {@code headMillis} (else the
 * connection is closed, without an answer: there is no request to answer), and a body within
 * {@code bodyMillis} of its head (else 408 and the connection is closed). While a complete request is
 * being processed no deadline runs. Used on the connection's event loop only.
 */
final class ConnectionClock {
    private final Vertx vertx;
    private final HttpConnection connection;
    private final long headMillis;
    private final long bodyMillis;
    private long timer = -1;

    ConnectionClock(Vertx vertx, HttpConnection connection, long headMillis, long bodyMillis) {
        this.vertx = vertx;
        this.connection = connection;
        this.headMillis = headMillis;
        this.bodyMillis = bodyMillis;
        awaitHead();
    }

    /** A request head arrived: its body has {@code bodyMillis}; the next head is awaited once it is answered. */
    void requestStarted(HttpServerRequest request) {
        cancel();
        HttpServerResponse response = request.response();
        response.endHandler(v -> awaitHead());
        if (bodyMillis > 0) {
            timer = vertx.setTimer(bodyMillis, id -> {
                timer = -1;
                if (!request.isEnded() && !response.ended() && !response.closed()) {
                    response.setStatusCode(408).putHeader(HttpHeaders.CONNECTION, "close")
                            .putHeader(HttpHeaders.CONTENT_TYPE, "text/plain; charset=UTF-8")
                            .end("Request body not received in time");
                    connection.close();
                }
            });
        }
    }

    void stop() {
        cancel();
    }

    private void awaitHead() {
        cancel();
        if (headMillis > 0) {
            timer = vertx.setTimer(headMillis, id -> {
                timer = -1;
                connection.close();
            });
        }
    }

    private void cancel() {
        if (timer >= 0) {
            vertx.cancelTimer(timer);
            timer = -1;
        }
    }
}
