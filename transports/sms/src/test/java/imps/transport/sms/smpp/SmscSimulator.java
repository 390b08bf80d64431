package imps.transport.sms.smpp;

import imps.transport.sms.GsmAlphabet;
import imps.transport.sms.UserDataHeader;
import imps.transport.sms.UserDataHeader.Concatenation;
import org.jsmpp.InvalidResponseException;
import org.jsmpp.PDUException;
import org.jsmpp.PDUStringException;
import org.jsmpp.SMPPConstant;
import org.jsmpp.bean.BroadcastSm;
import org.jsmpp.bean.CancelBroadcastSm;
import org.jsmpp.bean.CancelSm;
import org.jsmpp.bean.DataSm;
import org.jsmpp.bean.ESMClass;
import org.jsmpp.bean.EnquireLink;
import org.jsmpp.bean.OptionalParameter;
import org.jsmpp.bean.QueryBroadcastSm;
import org.jsmpp.bean.QuerySm;
import org.jsmpp.bean.RawDataCoding;
import org.jsmpp.bean.RegisteredDelivery;
import org.jsmpp.bean.ReplaceSm;
import org.jsmpp.bean.SubmitMulti;
import org.jsmpp.bean.SubmitSm;
import org.jsmpp.extra.NegativeResponseException;
import org.jsmpp.extra.ProcessRequestException;
import org.jsmpp.extra.ResponseTimeoutException;
import org.jsmpp.extra.SessionState;
import org.jsmpp.session.BindRequest;
import org.jsmpp.session.BroadcastSmResult;
import org.jsmpp.session.DataSmResult;
import org.jsmpp.session.QueryBroadcastSmResult;
import org.jsmpp.session.QuerySmResult;
import org.jsmpp.session.SMPPServerSession;
import org.jsmpp.session.SMPPServerSessionListener;
import org.jsmpp.session.ServerMessageReceiverListener;
import org.jsmpp.session.Session;
import org.jsmpp.session.SubmitMultiResult;
import org.jsmpp.session.SubmitSmResult;
import org.jsmpp.session.connection.Connection;
import org.jsmpp.session.connection.ServerConnection;
import org.jsmpp.session.connection.ServerConnectionFactory;
import org.jsmpp.session.connection.socket.SocketConnection;
import org.jsmpp.util.MessageId;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
import java.util.function.Supplier;
import java.util.stream.IntStream;

/**
 * An SMSC for tests: an SMPP 3.4 server (jSMPP's server side) on a free loopback port that one ESME
 * at a time binds to, typically an {@link SmppSmsCenter}.
 *
 * <ul>
 *   <li>Binds: accepts binds with the system id and password it was started with; {@link
 *       #refuseBinds} makes it refuse every bind, {@link #goDown}/{@link #comeBack} make it
 *       unreachable and reachable again, {@link #dropConnections} and {@link #unbindAll} end the
 *       current sessions.</li>
 *   <li>Mobile-terminated traffic: every accepted submit_sm is recorded as a {@link Submitted}, which
 *       decodes its header, ports and text, or handed to a listener instead ({@link #forwardSubmits}).
 *       Submits can be refused with ESME_RTHROTTLED ({@link #throttleSubmits}) or, to one destination,
 *       with any status ({@link #refuseSubmitsTo}), or their responses held
 *       back and released one by one ({@link #holdSubmitResponses}).</li>
 *   <li>Mobile-originated traffic: the {@code deliver...} methods send a deliver_sm (or data_sm) to
 *       the bound ESME and return the command_status of its response, 0 when it took the message.
 *       {@link #sendReceipt} sends a delivery receipt for a recorded submit.</li>
 * </ul>
 *
 * The {@code await...} methods wait at most the given time and throw {@link AssertionError} when it
 * passes, so tests need no sleeps. Times recorded by the simulator are {@link System#nanoTime()} values.
 */
public final class SmscSimulator implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(SmscSimulator.class);
    private static final String SMSC_SYSTEM_ID = "smsc-sim";
    private static final long BIND_WAIT_MILLIS = 5_000;
    private static final long RESPONSE_TIMEOUT_MILLIS = 10_000;

    /**
     * A submit_sm the simulator accepted.
     *
     * @param messageId        the id the simulator gave it in its submit_sm_resp
     * @param source           source_addr
     * @param destinationTon   dest_addr_ton (1 is international)
     * @param destination      destination_addr
     * @param esmClass         esm_class (0x40: the short message starts with a user data header)
     * @param dataCoding       data_coding (0x00 GSM 7-bit, 0x04 8-bit, 0x08 UCS-2)
     * @param registeredDelivery registered_delivery (0x01: receipt on success and failure)
     * @param shortMessage     short_message as sent, header included
     * @param receivedNanos    when it arrived
     */
    public record Submitted(String messageId, String source, int destinationTon, String destination, int esmClass,
                            int dataCoding, int registeredDelivery, byte[] shortMessage, long receivedNanos) {

        /** The user data header, {@link UserDataHeader#NONE} when UDHI is not set. */
        public UserDataHeader header() {
            return hasHeader() ? UserDataHeader.parse(shortMessage).header() : UserDataHeader.NONE;
        }

        /** The short message after the header. */
        public byte[] userData() {
            return hasHeader() ? UserDataHeader.parse(shortMessage).body() : shortMessage;
        }

        public Integer destinationPort() {
            return header().destinationPort();
        }

        public Integer sourcePort() {
            return header().sourcePort();
        }

        /** The concatenation element of the header, null for a message that is not a part. */
        public Concatenation concatenation() {
            return header().concatenation();
        }

        /** The text of a GSM 7-bit (unpacked) or UCS-2 message. */
        public String text() {
            return decode(dataCoding, userData());
        }

        /** The text of a concatenated message from its parts, in any order (joined before decoding). */
        public static String joinedText(List<Submitted> parts) {
            List<Submitted> ordered = new ArrayList<>(parts);
            ordered.sort(Comparator.comparingInt(p -> p.concatenation() == null ? 1 : p.concatenation().part()));
            ByteArrayOutputStream userData = new ByteArrayOutputStream();
            ordered.forEach(p -> userData.writeBytes(p.userData()));
            return decode(ordered.get(0).dataCoding(), userData.toByteArray());
        }

        private boolean hasHeader() {
            return (esmClass & SMPPConstant.ESMCLS_UDHI_INDICATOR_SET) != 0;
        }

        private static String decode(int dataCoding, byte[] userData) {
            return switch (dataCoding) {
                case SMPPConstant.DC_DEFAULT -> GsmAlphabet.decode(userData);
                case SMPPConstant.DC_UCS2 -> new String(userData, StandardCharsets.UTF_16BE);
                default -> throw new IllegalStateException("data_coding " + dataCoding + " is not text");
            };
        }
    }

    private final String systemId;
    private final String password;
    private final int port;
    private final ExecutorService threads = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "smsc-simulator");
        t.setDaemon(true);
        return t;
    });
    private final Set<SMPPServerSession> sessions = ConcurrentHashMap.newKeySet();
    private final List<Long> bindAttemptTimes = new CopyOnWriteArrayList<>();
    private final List<Submitted> submits = new CopyOnWriteArrayList<>();
    private final List<Long> throttleTimes = new CopyOnWriteArrayList<>();
    private final AtomicInteger binds = new AtomicInteger();
    private final AtomicInteger enquireLinks = new AtomicInteger();
    private final AtomicLong messageIds = new AtomicLong();
    private final AtomicInteger references = new AtomicInteger();
    private final Object gate = new Object();
    private volatile SMPPServerSessionListener listener;
    private volatile boolean down;
    private volatile SMPPServerSession bound;
    private volatile Consumer<Submitted> submitListener;
    private volatile boolean refuseBinds;
    private volatile boolean throttle;
    private final Map<String, Integer> refusedDestinations = new ConcurrentHashMap<>();
    private boolean holding;
    private int releases;
    private int held;
    private int inProgress;
    private int maxInProgress;
    private boolean closed;

    private SmscSimulator(String systemId, String password, ServerSocket socket) throws IOException {
        this.systemId = systemId;
        this.password = password;
        this.port = socket.getLocalPort();
        listen(socket);
    }

    /** Starts an SMSC on a free loopback port that accepts binds with these credentials. */
    public static SmscSimulator start(String systemId, String password) throws IOException {
        return start(systemId, password, 0);
    }

    /** Starts an SMSC on this loopback port (0: a free one), for an ESME in another process that is told the port. */
    public static SmscSimulator start(String systemId, String password, int port) throws IOException {
        return new SmscSimulator(systemId, password, serverSocket(port));
    }

    public String host() {
        return InetAddress.getLoopbackAddress().getHostAddress();
    }

    public int port() {
        return port;
    }

    /** While set, every bind is answered with ESME_RBINDFAIL. */
    public void refuseBinds(boolean refuse) {
        refuseBinds = refuse;
    }

    /** Bind requests received, accepted or not. */
    public int bindAttempts() {
        return bindAttemptTimes.size();
    }

    /** When each bind request arrived. */
    public List<Long> bindAttemptTimes() {
        return List.copyOf(bindAttemptTimes);
    }

    /** Binds accepted. */
    public int binds() {
        return binds.get();
    }

    private boolean isBound() {
        SMPPServerSession s = bound;
        return s != null && s.getSessionState().isBound();
    }

    /** Waits until an ESME is bound. */
    public void awaitBound(Duration timeout) {
        await(this::isBound, timeout, () -> "an ESME bound");
    }

    /** Waits until no ESME is bound (after it unbound, or its session ended). */
    public void awaitUnbound(Duration timeout) {
        await(() -> !isBound(), timeout, () -> "no ESME bound");
    }

    /** Waits until ESMEs have sent at least {@code count} enquire_link requests. */
    public void awaitEnquireLinks(int count, Duration timeout) {
        await(() -> enquireLinks.get() >= count, timeout, () -> count + " enquire_link, got " + enquireLinks.get());
    }

    /** Closes every session's socket without unbinding, as a network failure or an SMSC crash would. */
    public void dropConnections() {
        sessions.forEach(SMPPServerSession::close);
    }

    /** Ends every bound session with an SMSC-initiated unbind (SMPP 3.4 §4.2). */
    public void unbindAll() {
        sessions.stream().filter(s -> s.getSessionState().isBound()).forEach(SMPPServerSession::unbindAndClose);
    }

    /**
     * Drops all connections, and connecting ESMEs are dropped too until {@link #comeBack}. The port
     * stays bound meanwhile: on a busy machine another process could take it in between.
     */
    public void goDown() {
        down = true;
        dropConnections();
    }

    /** Accepts ESMEs again after {@link #goDown}. */
    public void comeBack() {
        down = false;
    }

    /** Every accepted submit_sm so far, in arrival order. */
    public List<Submitted> submits() {
        return List.copyOf(submits);
    }

    /** Waits until at least {@code count} submit_sm were accepted and returns the first {@code count}. */
    public List<Submitted> awaitSubmits(int count, Duration timeout) {
        await(() -> submits.size() >= count, timeout, () -> count + " submit_sm, got " + submits.size());
        return List.copyOf(submits.subList(0, count));
    }

    /**
     * From now on every accepted submit_sm goes to {@code listener} as soon as it arrives, on the
     * simulator's thread and before its submit_sm_resp, and is no longer recorded: {@link #submits}
     * keeps what came before. For long runs, where a growing record would cost more than the traffic,
     * and for callers that must see each submit without polling.
     */
    public void forwardSubmits(Consumer<Submitted> listener) {
        submitListener = listener;
    }

    /** While set, every submit_sm is answered with ESME_RTHROTTLED and not recorded. */
    public void throttleSubmits(boolean throttled) {
        throttle = throttled;
    }

    /**
     * From now on every submit_sm to {@code destination} (destination_addr as sent) is answered with
     * {@code commandStatus}, e.g. ESME_RINVDSTADR, and not recorded.
     */
    public void refuseSubmitsTo(String destination, int commandStatus) {
        refusedDestinations.put(destination, commandStatus);
    }

    /** When each ESME_RTHROTTLED answer was given. */
    public List<Long> throttleTimes() {
        return List.copyOf(throttleTimes);
    }

    /** From now on a submit_sm is recorded on arrival but answered only once released. */
    public void holdSubmitResponses() {
        synchronized (gate) {
            holding = true;
        }
    }

    /** Lets {@code count} held (or future) submit_sm be answered. */
    public void releaseSubmitResponses(int count) {
        synchronized (gate) {
            releases += count;
            gate.notifyAll();
        }
    }

    /** Stops holding: every held and future submit_sm is answered at once. */
    public void releaseAllSubmitResponses() {
        synchronized (gate) {
            holding = false;
            gate.notifyAll();
        }
    }

    /** Waits until exactly {@code count} submit_sm are held unanswered. */
    public void awaitHeldSubmits(int count, Duration timeout) {
        await(() -> heldSubmits() == count, timeout, () -> count + " held submit_sm, got " + heldSubmits());
    }

    private int heldSubmits() {
        synchronized (gate) {
            return held;
        }
    }

    /** The most submit_sm that were ever being processed (awaiting their response) at the same time. */
    public int maxConcurrentSubmits() {
        synchronized (gate) {
            return maxInProgress;
        }
    }

    /** An 8-bit data message to {@code port} (16-bit port addressing header), as IMPS clients send PTS. */
    public int deliverData(String sender, String recipient, int port, byte[] payload) {
        return deliverRaw(sender, recipient, SMPPConstant.ESMCLS_UDHI_INDICATOR_SET, SMPPConstant.DC_BINARY,
                concat(UserDataHeader.ports(port, port).encode(), payload));
    }

    /** A plain text message: GSM 7-bit when every character has a GSM code, UCS-2 otherwise. */
    public int deliverText(String sender, String recipient, String text) {
        return deliverRaw(sender, recipient, SMPPConstant.ESMCLS_DEFAULT_MODE, textCoding(text), encodeText(text));
    }

    /**
     * A text message as a concatenated SMS of parts of {@code partChars} characters each, sent in
     * {@code order} (part numbers from 1; all parts in order when empty). Returns each part's status.
     */
    public List<Integer> deliverConcatenatedText(String sender, String recipient, String text, int partChars, int... order) {
        List<String> chunks = new ArrayList<>();
        for (int i = 0; i < text.length(); i += partChars) {
            chunks.add(text.substring(i, Math.min(text.length(), i + partChars)));
        }
        int reference = references.getAndIncrement() & 0xFF;
        int[] sequence = order.length > 0 ? order : IntStream.rangeClosed(1, chunks.size()).toArray();
        int coding = textCoding(text);
        List<Integer> statuses = new ArrayList<>();
        for (int part : sequence) {
            byte[] header = UserDataHeader.NONE.withConcatenation(new Concatenation(reference, chunks.size(), part)).encode();
            statuses.add(deliverRaw(sender, recipient, SMPPConstant.ESMCLS_UDHI_INDICATOR_SET, coding,
                    concat(header, coding == SMPPConstant.DC_DEFAULT
                            ? GsmAlphabet.encode(chunks.get(part - 1))
                            : chunks.get(part - 1).getBytes(StandardCharsets.UTF_16BE))));
        }
        return statuses;
    }

    /** An 8-bit data message as data_sm with destination_port/source_port and message_payload TLVs. */
    public int deliverDataSm(String sender, String recipient, int port, byte[] payload) {
        SMPPServerSession s = boundSession();
        SmppAddress from = SmppAddress.of(sender);
        SmppAddress to = SmppAddress.of(recipient);
        try {
            s.dataShortMessage("", from.ton(), from.npi(), from.address(), to.ton(), to.npi(), to.address(),
                    new ESMClass(0), new RegisteredDelivery(0), new RawDataCoding(SMPPConstant.DC_BINARY),
                    new OptionalParameter.Destination_port((short) port), new OptionalParameter.Source_port((short) port),
                    new OptionalParameter.Message_payload(payload));
            return SMPPConstant.STAT_ESME_ROK;
        } catch (NegativeResponseException e) {
            return e.getCommandStatus();
        } catch (PDUException | ResponseTimeoutException | InvalidResponseException | IOException e) {
            throw new IllegalStateException("data_sm failed", e);
        }
    }

    /** Any deliver_sm: esm_class, data_coding, short_message and TLVs exactly as given. */
    public int deliverRaw(String sender, String recipient, int esmClass, int dataCoding, byte[] shortMessage,
                          OptionalParameter... tlvs) {
        SMPPServerSession s = boundSession();
        SmppAddress from = SmppAddress.of(sender);
        SmppAddress to = SmppAddress.of(recipient);
        try {
            s.deliverShortMessage("", from.ton(), from.npi(), from.address(), to.ton(), to.npi(), to.address(),
                    new ESMClass(esmClass), (byte) 0, (byte) 0, new RegisteredDelivery(0),
                    new RawDataCoding((byte) dataCoding), shortMessage, tlvs);
            return SMPPConstant.STAT_ESME_ROK;
        } catch (NegativeResponseException e) {
            return e.getCommandStatus();
        } catch (PDUException | ResponseTimeoutException | InvalidResponseException | IOException e) {
            throw new IllegalStateException("deliver_sm failed", e);
        }
    }

    /**
     * A delivery receipt for {@code submitted} in the text format of SMPP 3.4 Appendix B, with
     * {@code state} as its stat field (DELIVRD, UNDELIV, EXPIRED, REJECTD, ...).
     */
    public int sendReceipt(Submitted submitted, String state) {
        String now = LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyMMddHHmm"));
        String text = String.format("id:%s sub:001 dlvrd:%s submit date:%s done date:%s stat:%s err:000 text:",
                submitted.messageId(), "DELIVRD".equals(state) ? "001" : "000", now, now, state);
        String phone = submitted.destinationTon() == 1 ? "+" + submitted.destination() : submitted.destination();
        return deliverRaw(phone, submitted.source(), SMPPConstant.ESMCLS_SMSC_DELIV_RECEIPT, SMPPConstant.DC_DEFAULT,
                text.getBytes(StandardCharsets.US_ASCII));
    }

    @Override
    public void close() throws IOException {
        synchronized (gate) {
            closed = true;
            gate.notifyAll();
        }
        listener.close();
        dropConnections();
        threads.shutdownNow();
    }

    private static ServerSocket serverSocket(int port) throws IOException {
        ServerSocket socket = new ServerSocket();
        socket.setReuseAddress(true);
        socket.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port));
        return socket;
    }

    private void listen(ServerSocket socket) throws IOException {
        SMPPServerSessionListener l = new SMPPServerSessionListener(port, new BoundSocket(socket, () -> down));
        // Enough processing threads that held submit responses never stall the session's other PDUs.
        l.setPduProcessorDegree(32);
        l.setMessageReceiverListener(new Receiver());
        listener = l;
        threads.execute(() -> acceptLoop(l));
    }

    private void acceptLoop(SMPPServerSessionListener l) {
        while (true) {
            SMPPServerSession session;
            try {
                session = l.accept();
            } catch (IOException e) {
                return;
            }
            session.setTransactionTimer(RESPONSE_TIMEOUT_MILLIS);
            sessions.add(session);
            session.addSessionStateListener((newState, oldState, source) -> {
                if (newState == SessionState.CLOSED) {
                    sessions.remove(session);
                }
            });
            threads.execute(() -> awaitBind(session));
        }
    }

    private void awaitBind(SMPPServerSession session) {
        try {
            BindRequest request = session.waitForBind(BIND_WAIT_MILLIS);
            bindAttemptTimes.add(System.nanoTime());
            if (refuseBinds) {
                request.reject(SMPPConstant.STAT_ESME_RBINDFAIL);
            } else if (!systemId.equals(request.getSystemId())) {
                request.reject(SMPPConstant.STAT_ESME_RINVSYSID);
            } else if (!password.equals(request.getPassword())) {
                request.reject(SMPPConstant.STAT_ESME_RINVPASWD);
            } else {
                request.accept(SMSC_SYSTEM_ID);
                bound = session;
                binds.incrementAndGet();
            }
        } catch (TimeoutException | IOException | PDUStringException | IllegalStateException e) {
            log.debug("No bind on session {}: {}", session.getSessionId(), e.getMessage());
            session.close();
        }
    }

    private SMPPServerSession boundSession() {
        SMPPServerSession s = bound;
        if (s == null || !s.getSessionState().isBound()) {
            throw new IllegalStateException("no ESME is bound");
        }
        return s;
    }

    private SubmitSmResult accept(SubmitSm submit) throws ProcessRequestException {
        synchronized (gate) {
            inProgress++;
            maxInProgress = Math.max(maxInProgress, inProgress);
        }
        try {
            if (throttle) {
                throttleTimes.add(System.nanoTime());
                throw new ProcessRequestException("throttled", SMPPConstant.STAT_ESME_RTHROTTLED);
            }
            Integer refused = refusedDestinations.get(submit.getDestAddress());
            if (refused != null) {
                throw new ProcessRequestException("refused destination", refused);
            }
            String id = Long.toHexString(messageIds.incrementAndGet());
            Submitted submitted = new Submitted(id, submit.getSourceAddr(), submit.getDestAddrTon(),
                    submit.getDestAddress(), submit.getEsmClass() & 0xFF, submit.getDataCoding() & 0xFF,
                    submit.getRegisteredDelivery() & 0xFF, submit.getShortMessage(), System.nanoTime());
            Consumer<Submitted> forward = submitListener;
            if (forward == null) {
                submits.add(submitted);
            } else {
                forward.accept(submitted);
            }
            waitForRelease();
            return new SubmitSmResult(new MessageId(id), new OptionalParameter[0]);
        } catch (PDUStringException e) {
            throw new ProcessRequestException("message id", SMPPConstant.STAT_ESME_RSYSERR, e);
        } finally {
            synchronized (gate) {
                inProgress--;
            }
        }
    }

    private void waitForRelease() {
        synchronized (gate) {
            held++;
            try {
                while (holding && releases == 0 && !closed) {
                    gate.wait();
                }
                if (holding && releases > 0) {
                    releases--;
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } finally {
                held--;
            }
        }
    }

    private static int textCoding(String text) {
        return GsmAlphabet.canEncode(text) ? SMPPConstant.DC_DEFAULT : SMPPConstant.DC_UCS2;
    }

    private static byte[] encodeText(String text) {
        return GsmAlphabet.canEncode(text) ? GsmAlphabet.encode(text) : text.getBytes(StandardCharsets.UTF_16BE);
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] joined = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, joined, a.length, b.length);
        return joined;
    }

    private static void await(BooleanSupplier condition, Duration timeout, Supplier<String> what) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("waited " + timeout.toMillis() + " ms for " + what.get());
            }
            try {
                Thread.sleep(10);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError("interrupted waiting for " + what.get(), e);
            }
        }
    }

    /**
     * Hands jSMPP's listener a server socket bound beforehand, to loopback and possibly to port 0.
     * Accepted connections send without Nagle's delay, as an ESME's should (see {@link SmppLink}):
     * otherwise a deliver_sm written right after a submit_sm_resp waits for the ESME's delayed ACK.
     */
    private record BoundSocket(ServerSocket socket, BooleanSupplier down) implements ServerConnectionFactory {
        @Override
        public ServerConnection listen(int port) {
            return new NoDelayServerConnection(socket, down);
        }

        @Override
        public ServerConnection listen(int port, int timeout) {
            return new NoDelayServerConnection(socket, down);
        }

        @Override
        public ServerConnection listen(int port, int timeout, int backlog) {
            return new NoDelayServerConnection(socket, down);
        }
    }

    /** While the network is down, a connection is closed as soon as it is accepted. */
    private record NoDelayServerConnection(ServerSocket socket, BooleanSupplier down) implements ServerConnection {
        @Override
        public Connection accept() throws IOException {
            while (true) {
                Socket accepted = socket.accept();
                if (!down.getAsBoolean()) {
                    accepted.setTcpNoDelay(true);
                    return new SocketConnection(accepted);
                }
                accepted.close();
            }
        }

        @Override
        public void setSoTimeout(int timeout) throws IOException {
            socket.setSoTimeout(timeout);
        }

        @Override
        public int getSoTimeout() throws IOException {
            return socket.getSoTimeout();
        }

        @Override
        public void close() throws IOException {
            socket.close();
        }
    }

    /** The SMSC's side of the traffic an ESME starts; only submit_sm and enquire_link are served. */
    private final class Receiver implements ServerMessageReceiverListener {
        @Override
        public SubmitSmResult onAcceptSubmitSm(SubmitSm submitSm, SMPPServerSession source) throws ProcessRequestException {
            return accept(submitSm);
        }

        @Override
        public void onAcceptEnquireLink(EnquireLink enquireLink, Session source) {
            enquireLinks.incrementAndGet();
        }

        @Override
        public SubmitMultiResult onAcceptSubmitMulti(SubmitMulti submitMulti, SMPPServerSession source)
                throws ProcessRequestException {
            throw unsupported();
        }

        @Override
        public QuerySmResult onAcceptQuerySm(QuerySm querySm, SMPPServerSession source) throws ProcessRequestException {
            throw unsupported();
        }

        @Override
        public void onAcceptReplaceSm(ReplaceSm replaceSm, SMPPServerSession source) throws ProcessRequestException {
            throw unsupported();
        }

        @Override
        public void onAcceptCancelSm(CancelSm cancelSm, SMPPServerSession source) throws ProcessRequestException {
            throw unsupported();
        }

        @Override
        public BroadcastSmResult onAcceptBroadcastSm(BroadcastSm broadcastSm, SMPPServerSession source)
                throws ProcessRequestException {
            throw unsupported();
        }

        @Override
        public void onAcceptCancelBroadcastSm(CancelBroadcastSm cancelBroadcastSm, SMPPServerSession source)
                throws ProcessRequestException {
            throw unsupported();
        }

        @Override
        public QueryBroadcastSmResult onAcceptQueryBroadcastSm(QueryBroadcastSm queryBroadcastSm,
                                                               SMPPServerSession source) throws ProcessRequestException {
            throw unsupported();
        }

        @Override
        public DataSmResult onAcceptDataSm(DataSm dataSm, Session source) throws ProcessRequestException {
            throw unsupported();
        }

        private ProcessRequestException unsupported() {
            return new ProcessRequestException("not supported by the simulator", SMPPConstant.STAT_ESME_RINVCMDID);
        }
    }
}
