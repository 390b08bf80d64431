package imps.transport.base;

import imps.tls.TlsFiles;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.net.NetServerOptions;
import io.vertx.core.net.ServerSSLOptions;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.Set;
import java.util.function.Function;

/**
 * TLS for one listening port (HTTP bearer, management port, TCP CIR) from {@link TlsFiles}:
 * the PEM certificate chain and key are read into the server options (not handed over as paths, so
 * that new file content makes new options), only TLS 1.2 and 1.3 are enabled, and the files are
 * checked again every {@link #CHECK_MILLIS} ms: changed content is applied to the running server
 * without dropping its connections. A pair that does not load or whose key does not belong to its
 * certificate (a renewal half written) leaves the current certificate in place and is tried again at
 * the next check.
 */
public final class ServerTls {
    /** TLS 1.0 and 1.1 are refused (RFC 8996). */
    public static final Set<String> PROTOCOLS = Set.of("TLSv1.2", "TLSv1.3");
    /** Kubernetes updates a mounted Secret within about a minute; a check costs two small file reads. */
    public static final long CHECK_MILLIS = 10_000;
    private static final Logger log = LoggerFactory.getLogger(ServerTls.class);

    private ServerTls() {
    }

    /**
     * {@code options} with TLS set when {@code tls} is enabled, the files read now; fails with an
     * explanation naming {@code listener} and the problem when they cannot be used.
     */
    public static <T extends NetServerOptions> Future<T> apply(Vertx vertx, String listener, TlsFiles tls,
                                                               T options) {
        if (!tls.enabled()) {
            return Future.succeededFuture(options);
        }
        try {
            PemPair pair = PemPair.read(listener, tls);
            pair.check(vertx);
            options.setSsl(true);
            options.setKeyCertOptions(pair.keyCert());
            options.setEnabledSecureTransportProtocols(PROTOCOLS);
            return Future.succeededFuture(options);
        } catch (IllegalArgumentException e) {
            return Future.failedFuture(e);
        }
    }

    /**
     * Checks the files of an enabled {@code tls} periodically and hands new content to {@code update}
     * (a server's {@code updateSSLOptions}). Nothing to do when TLS is off.
     */
    public static void keepCurrent(Vertx vertx, String listener, TlsFiles tls,
                                   Function<ServerSSLOptions, Future<Boolean>> update) {
        if (!tls.enabled()) {
            return;
        }
        Reloader reloader = new Reloader(vertx, listener, tls, PemPair.read(listener, tls), update);
        vertx.setPeriodic(CHECK_MILLIS, id -> vertx.executeBlocking(() -> PemPair.read(listener, tls), false)
                .onSuccess(reloader::changed)
                .onFailure(reloader::unreadable));
    }

    /** Applies file content that differs from what was last applied; remembers what failed, to log it once. */
    private static final class Reloader {
        private final Vertx vertx;
        private final String listener;
        private final TlsFiles tls;
        private final Function<ServerSSLOptions, Future<Boolean>> update;
        private PemPair applied;
        private PemPair refused;
        private boolean unreadableLogged;

        Reloader(Vertx vertx, String listener, TlsFiles tls, PemPair applied,
                 Function<ServerSSLOptions, Future<Boolean>> update) {
            this.vertx = vertx;
            this.listener = listener;
            this.tls = tls;
            this.applied = applied;
            this.update = update;
        }

        void unreadable(Throwable err) {
            if (!unreadableLogged) {
                log.warn("{}: TLS files not readable, keeping the current certificate: {}", listener, err.getMessage());
                unreadableLogged = true;
            }
        }

        void changed(PemPair current) {
            unreadableLogged = false;
            if (current.equals(applied) || current.equals(refused)) {
                return;
            }
            ServerSSLOptions options = new ServerSSLOptions().setKeyCertOptions(current.keyCert())
                    .setEnabledSecureTransportProtocols(PROTOCOLS);
            vertx.<Void>executeBlocking(() -> {
                current.check(vertx);
                return null;
            }, false).compose(v -> update.apply(options)).onComplete(ar -> {
                if (ar.succeeded()) {
                    applied = current;
                    if (ar.result()) {
                        log.info("{}: TLS certificate reloaded from {}", listener, tls.certFile());
                    }
                } else {
                    refused = current;
                    log.warn("{}: new TLS files {} / {} not applied, keeping the current certificate: {}", listener,
                            tls.certFile(), tls.keyFile(), ar.cause().getMessage());
                }
            });
        }
    }
}
