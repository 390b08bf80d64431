package imps.config;

import imps.tls.TlsFiles;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The node's whole configuration, bound from {@code conf/gateway.yaml} (the single place where the
 * defaults live), an optional file given with {@code --config}, and {@code IMPS_*} environment
 * variables (see {@link ConfigLoader}). Every key is documented in README.md.
 */
public record GatewayConfig(
        Node node,
        Http http,
        Mgmt mgmt,
        TcpCir tcpCir,
        UdpCir udpCir,
        Sms sms,
        Csp csp,
        Session session,
        Login login,
        Xml xml,
        Wbxml wbxml,
        Services services,
        Cluster cluster,
        Store store,
        Metrics metrics,
        Log log,
        String usersFile) {

    public GatewayConfig {
        // Two HTTP servers of one Vert.x instance given the same port share it and split its requests
        // between them (the CSP bearer would answer some requests with the management port's 401):
        // every listener must have a port of its own.
        Map<Integer, String> listeners = new HashMap<>();
        ownPort(listeners, "http.port", http.port());
        ownPort(listeners, "mgmt.port", mgmt.port());
        if (tcpCir.enabled()) {
            ownPort(listeners, "tcpCir.port", tcpCir.port());
        }
        ownPort(listeners, "cluster.port", cluster.port());
        ownPort(listeners, "cluster.eventBusPort", cluster.eventBusPort());
    }

    private static void ownPort(Map<Integer, String> listeners, String key, int port) {
        String other = port > 0 ? listeners.putIfAbsent(port, key) : null;
        if (other != null) {
            throw new IllegalArgumentException(key + " " + port + " is also " + other
                    + ": every listener needs a port of its own");
        }
    }

    /**
     * {@code id}: this node's name in the cluster; empty = generated at start. {@code eventLoops}: the
     * node's Vert.x event-loop threads; 0 = one per bearer and session-host instance
     * ({@link Http#instances}), so that a request, its session's actor and the answer stay on one
     * thread wherever they can, instead of being handed between threads (Vert.x's own default is two
     * per core).
     */
    public record Node(String id, int eventLoops) {
    }

    /**
     * The HTTP bearer. {@code idleTimeoutSeconds}: a connection that completes no request head for this
     * long (after it opened or after its previous answer) is closed, however slowly it trickles bytes;
     * {@code bodyTimeoutSeconds}: a request whose body is not complete this long after its head gets
     * 408. Per client address and node: at most {@code maxConnectionsPerSource} open connections and
     * {@code maxRequestsPerSecondPerSource} requests a second (0 = no limit). A request whose peer is
     * one of {@code trustedProxies} (addresses or CIDR ranges of load balancers) counts for the client
     * address the proxy put in X-Forwarded-For, for the rate and the login throttle. {@code advertisedScheme}:
     * the scheme of the standalone HTTP CIR URL told to clients; empty = {@code https} when this port
     * speaks TLS, else {@code http} (set {@code https} when a load balancer terminates TLS).
     */
    public record Http(String host, int port, String path, int maxBodyBytes, int idleTimeoutSeconds,
                       int bodyTimeoutSeconds, int instances, int maxConnectionsPerSource,
                       int maxRequestsPerSecondPerSource, List<String> trustedProxies, String advertisedScheme,
                       TlsFiles tls) {
        /** The scheme clients use to reach this bearer. */
        public String scheme() {
            return !advertisedScheme.isBlank() ? advertisedScheme : tls.enabled() ? "https" : "http";
        }
    }

    /**
     * The management port (docs/operations.md). Every route but the open ones needs a bearer token:
     * {@code tokens} may do everything, {@code readOnlyTokens} only read (GET). {@code healthOpen} and
     * {@code metricsOpen} let {@code /health/*} and {@code /metrics} be reached without a token (probes
     * and scrapers); with no token configured at all only those open routes answer. {@code tls}: HTTPS
     * on this port, as on the HTTP bearer.
     */
    public record Mgmt(String host, int port, List<String> tokens, List<String> readOnlyTokens, boolean healthOpen,
                       boolean metricsOpen, TlsFiles tls) {
        public Mgmt {
            tokens = tokens == null ? List.of() : tokens.stream().filter(t -> !t.isBlank()).toList();
            readOnlyTokens = readOnlyTokens == null ? List.of() : readOnlyTokens.stream().filter(t -> !t.isBlank()).toList();
        }
    }

    /** {@code enabled}: Micrometer metrics of the gateway, the JVM and Vert.x, served at {@code /metrics}. */
    public record Metrics(boolean enabled) {
    }

    /** {@code format}: {@code text} (one human-readable line per event) or {@code json} (one JSON object per line). */
    public record Log(String format) {
        public Log {
            if (!"text".equals(format) && !"json".equals(format)) {
                throw new IllegalArgumentException("log.format must be text or json, not " + format);
            }
        }

        public boolean json() {
            return "json".equals(format);
        }
    }

    /**
     * Standalone TCP CIR (OMA-TS-IMPS_CSP_Transport §6; README.md, "Bearers"). {@code advertisedHost} is the TCPAddress announced in
     * capability negotiation; empty = the host the client reached the HTTP bearer on. A connection
     * whose HELO is not accepted within {@code heloTimeoutSeconds} is closed; a client address holds
     * at most {@code maxConnectionsPerSource} connections on one node.
     */
    public record TcpCir(boolean enabled, String host, int port, String advertisedHost, int idleTimeoutSeconds,
                         int maxLineLength, int heloTimeoutSeconds, int maxConnectionsPerSource, TlsFiles tls) {
    }

    /**
     * Standalone UDP CIR: offered as SUDP when enabled; datagrams leave from {@code host:port} (0: any
     * free port), at most one per client address and {@code minIntervalSeconds}.
     */
    public record UdpCir(boolean enabled, String host, int port, int minIntervalSeconds) {
    }

    /**
     * The SMS bearer (docs/sms.md, docs/pts.md): PTS in port-addressed data SMS through an SMSC over
     * SMPP ({@code connector: smpp}) or through Kannel ({@code connector: kannel}). {@code address}
     * is the gateway's own number; {@code maxSegmentBytes} the payload of one data SMS, longer
     * primitives are split (docs/pts.md §8); incomplete ones are dropped after
     * {@code reassemblyTimeoutSeconds}, and a phone may have at most {@code maxPendingPerSender}
     * incomplete ones. A phone gets at most one SMS CIR per {@code cirMinIntervalSeconds}.
     */
    public record Sms(boolean enabled, String connector, String address, int dataPort, int cirPort,
                      int maxSegmentBytes, int reassemblyTimeoutSeconds, int maxPendingPerSender,
                      int cirMinIntervalSeconds, Smpp smpp, Kannel kannel) {
    }

    /**
     * The gateway as an ESME bound transceiver to the carrier's SMSC (SMPP 3.4). Reconnects with
     * exponential backoff between {@code reconnectMinSeconds} and {@code reconnectMaxSeconds}; at most
     * {@code window} submit_sm await their response and at most {@code maxSubmitsPerSecond} are sent.
     */
    public record Smpp(String host, int port, String systemId, String password, String systemType,
                       int enquireLinkSeconds, int reconnectMinSeconds, int reconnectMaxSeconds, int window,
                       int maxSubmitsPerSecond, int responseTimeoutMillis, boolean registeredDelivery) {
    }

    /**
     * Kannel as the SMS network: MT through its sendsms HTTP interface, MO from its smsbox, which
     * calls the gateway's {@code moHost:moPort/moPath} (an sms-service get-url), delivery reports on
     * the same listener.
     */
    public record Kannel(String sendsmsUrl, String username, String password, String moHost, int moPort,
                         String moPath) {
    }

    /**
     * {@code domain}: the home domain; User-IDs in it may be written with or without it
     * ({@code wv:alice}, {@code alice}, {@code wv:alice@domain} are one user).
     */
    public record Csp(List<String> versions, String domain, ServiceProvider serviceProvider) {
    }

    public record ServiceProvider(String name, String description, String url) {
    }

    /**
     * Session rules. {@code retention}: how long an ended session's context is kept — {@code auto}
     * (5 × its last KeepAliveTime, at least 10 minutes, at most 24 hours), {@code 0} (off),
     * a number of seconds, or {@code infinite}. A server transaction handed to the client and not
     * answered within {@code serverTransactionTimeoutSeconds} is handed out again with the same
     * Transaction-ID, at most {@code serverTransactionAttempts} times in all. Every
     * {@code sweepIntervalMillis} each session host looks at up to {@code sweepSessionsPerTick} of its
     * sessions for expiry and retention, so a host holding more completes a pass in several ticks.
     */
    public record Session(
            int keepAliveDefaultSeconds,
            int keepAliveMinSeconds,
            int keepAliveMaxSeconds,
            int expiryGraceSeconds,
            int maxSessions,
            int maxSessionsPerUser,
            int maxQueuedPrimitives,
            int serverTransactionTimeoutSeconds,
            int serverTransactionAttempts,
            int serverPollMinSeconds,
            boolean capabilityNegotiationRequired,
            String retention,
            int maxRetainedSessions,
            int sweepIntervalMillis,
            int sweepSessionsPerTick) {
        public Session {
            if (sweepIntervalMillis < 1 || sweepSessionsPerTick < 1) {
                throw new IllegalArgumentException("session.sweepIntervalMillis and session.sweepSessionsPerTick must be "
                        + "at least 1, not " + sweepIntervalMillis + " and " + sweepSessionsPerTick);
            }
        }
    }

    public record Login(List<String> digestSchemas, int nonceTtlSeconds, Throttle throttle, SystemMessage systemMessage) {
    }

    /**
     * Login throttling (docs/security.md): failed logins (409, 531) are counted cluster-wide in windows
     * of {@code windowSeconds}. An address (a phone number over SMS) with {@code maxFailuresPerSource}
     * failures is refused for every user; once a user has {@code maxFailuresPerUser} failures, an
     * address that already failed for that user is refused for it, while other addresses are still
     * checked. A refusal is 503 and the password is not looked at. An address gets at most
     * {@code maxNoncesPerSource} 4-way challenges per {@code nonceTtlSeconds}.
     */
    public record Throttle(boolean enabled, int windowSeconds, int maxFailuresPerSource, int maxFailuresPerUser,
                           int maxNoncesPerSource) {
    }

    /**
     * A message every CSP 1.3 login must answer before it is admitted (OMA-TS-IMPS_CSP-V1_3 §7.1): 436
     * until the System-Message-Response-List picks one of {@code acceptedOptions}; after
     * {@code maxNonConformantReplies} wrong answers the user gets 607 for {@code lockoutSeconds}.
     */
    public record SystemMessage(boolean enabled, String id, String text, List<AnswerOption> options,
                                List<String> acceptedOptions, int maxNonConformantReplies, int lockoutSeconds) {
    }

    public record AnswerOption(String id, String text) {
    }

    public record Xml(int maxDepth, int maxElements, int maxTextLength) {
    }

    /**
     * WBXML bounds beyond those of {@link Xml}, which apply to WBXML too: the string table a document
     * may declare (docs/wbxml.md). The document itself is bounded by {@code http.maxBodyBytes}.
     */
    public record Wbxml(int maxStringTableBytes) {
    }

    /**
     * Bounds of what users can make the services hold: contact lists (753, 754), instant messages
     * kept for offline users (count per user and age), the size of one message.
     */
    public record Services(int maxContactLists, int maxContactsPerList, int maxOfflineMessages,
                           int offlineMessageTtlSeconds, int maxMessageBytes) {
    }

    /**
     * Hazelcast membership. {@code members} empty = a one-member cluster on {@code host}; otherwise a
     * static TCP/IP member list ({@code host:port}). {@code kubernetesServiceDns}, when set, finds
     * the members through the DNS name of a headless Service instead (no Kubernetes API access
     * needed). {@code minimumClusterSize} (split-brain protection): below that many members a node
     * refuses to change session ownership or admit logins (503), so a minority partition cannot
     * diverge from the majority; 0 or 1 = off. {@code secret}: shared by the members; a member or
     * client that does not know it is refused when it joins (HazelcastSetup; docs/security.md).
     */
    public record Cluster(String name, String secret, String host, int port, List<String> members,
                          String kubernetesServiceDns, int minimumClusterSize, String eventBusHost, int eventBusPort) {
    }

    /**
     * The subscriber store (docs/store.md): accounts, contact lists, block and grant lists, presence
     * authorizations, groups, kept offline messages and pending delivery reports, written through
     * before a change is answered. {@code enabled} false keeps all of it in the cluster's memory only
     * and reads accounts from {@code usersFile}. {@code embedded}: an H2 database in {@code dataDir}
     * for a single node; otherwise {@code url} (PostgreSQL) with {@code user} / {@code password}.
     * {@code accounts}: {@code store} (provisionable) or {@code file} (the read-only users file).
     * {@code seedUsers}: the first start on a store that never held accounts imports {@code usersFile}.
     * Every statement is bounded by {@code queryTimeoutSeconds}, every connection wait by
     * {@code connectTimeoutMillis}; an unreachable store is retried with backoff between
     * {@code reconnectMinMillis} and {@code reconnectMaxMillis} and probed every
     * {@code healthCheckMillis}. {@code cacheEntriesPerNode}: entries of each stored map kept in a
     * node's memory (least recently used ones are evicted and read back on demand); 0 = no bound.
     */
    public record Store(boolean enabled, boolean embedded, String dataDir, String url, String user, String password,
                        int poolSize, int connectTimeoutMillis, int queryTimeoutSeconds, int reconnectMinMillis,
                        int reconnectMaxMillis, int healthCheckMillis, String accounts, boolean seedUsers,
                        int cacheEntriesPerNode) {
        /** Whether accounts are read from, and provisioned in, the store rather than the users file. */
        public boolean accountsInStore() {
            return enabled && "store".equals(accounts);
        }
    }
}
