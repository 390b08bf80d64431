package imps.bench.jmh;

import imps.auth.UserAddress;
import imps.protocol.CspVersion;
import imps.protocol.Element;
import imps.protocol.primitive.ClientCapabilityRequest;
import imps.protocol.primitive.LoginRequest;
import imps.protocol.primitive.ServiceRequest;
import imps.session.CapabilityNegotiation;
import imps.session.cir.CirBinding;
import imps.session.cir.CirOffer;
import imps.session.ImplementedLeaves;
import imps.session.ClientCapabilities;
import imps.session.KeepAlivePolicy;
import imps.protocol.SecureIds;
import imps.session.ServiceNegotiation;
import imps.protocol.ServiceTree;
import imps.session.SessionContext;
import imps.session.SessionSnapshot;
import imps.session.SessionSnapshotCodec;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.util.EnumMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;

/**
 * What replication writes for every change of a session: {@link SessionContext#snapshot} encoded by
 * {@link SessionSnapshotCodec} ({@code snapshotAndEncode}), the decoding a takeover does
 * ({@code decode}), and the revision read the store's SaveIfNewer does on the stored replica
 * ({@code revisionOf}). The baseline is the form replicas had before: Java serialization of the same
 * snapshot ({@code snapshotAndSerialize}, {@code deserialize}). The session is a real client's after
 * login, capability negotiation (STCP agreed, with a CIR binding) and service negotiation, subscribed
 * to one user's presence. Its queue is not part of the snapshot: it is replicated on its own
 * ({@link OutboundQueueBench}). The sizes of both forms are printed once per trial.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 2, time = 1)
@Measurement(iterations = 3, time = 1)
@Fork(value = 1, jvmArgsAppend = {"-Xms1g", "-Xmx1g"})
@State(Scope.Thread)
public class SessionSnapshotBench {
    private SessionContext session;
    private byte[] serialized;
    private byte[] encoded;
    private long nowNanos;
    private long nowMillis;

    @Setup
    public void setUp() throws IOException {
        nowNanos = System.nanoTime();
        nowMillis = System.currentTimeMillis();
        session = realSession(nowNanos);
        serialized = javaSerialize(session.snapshot(nowNanos, nowMillis));
        encoded = SessionSnapshotCodec.encode(session.snapshot(nowNanos, nowMillis));
        System.out.printf("%nsnapshot: %d bytes Java-serialized, %d bytes in the replica form%n",
                serialized.length, encoded.length);
    }

    /** A session as the relay benchmark's receivers have it, built with the gateway's own negotiation. */
    private static SessionContext realSession(long nowNanos) {
        String dir = "scenarios-csp1.2_cir-tcp/";
        LoginRequest login = LoginRequest.of(
                Inputs.decode(Inputs.request(dir + "0015-B-C2S-Login-Request.http")).first().primitive());
        String sessionId = SecureIds.next();
        SessionContext s = new SessionContext(sessionId, UserAddress.canonical(login.userId(), "imps.local"),
                login.clientId(), CspVersion.V1_2, "XML", login.sessionCookie(),
                new KeepAlivePolicy(600, 30, 3600).forLogin(login.timeToLive()), ClientCapabilities.defaults(30),
                nowNanos);
        s.capabilityRequested(true);
        Element capabilities = ClientCapabilityRequest.of(Inputs.decode(
                Inputs.request(dir + "0017-B-C2S-ClientCapability-Request.http")).first().primitive()).capabilityList();
        s.capabilitiesNegotiated(new CapabilityNegotiation(30, 65536, List.of("HTTP"), 5).agree(CspVersion.V1_2,
                capabilities, new CirOffer(List.of("STCP"), "127.0.0.1", 7000, null), sessionId, null));
        ServiceRequest services = ServiceRequest.of(Inputs.decode(
                Inputs.request(dir + "0019-B-C2S-Service-Request.http")).first().primitive());
        Set<String> implemented = new LinkedHashSet<>();
        ServiceTree.forVersion(CspVersion.V1_2).forEach(f -> f.functions().values().forEach(implemented::addAll));
        Map<CspVersion, Set<String>> byVersion = new EnumMap<>(CspVersion.class);
        byVersion.put(CspVersion.V1_2, implemented);
        s.agreedFunctions(new ServiceNegotiation(new ImplementedLeaves(byVersion))
                .negotiate(CspVersion.V1_2, services.functions(), services.allFunctionsRequest()).agreed());
        s.cirBinding(CirBinding.tcp("node-" + SecureIds.next().substring(0, 8), SecureIds.next()));
        s.presenceSubscriptions(Set.of("alice"));
        return s;
    }

    @Benchmark
    public SessionSnapshot snapshot() {
        return session.snapshot(nowNanos, nowMillis);
    }

    @Benchmark
    public byte[] snapshotAndSerialize() throws IOException {
        return javaSerialize(session.snapshot(nowNanos, nowMillis));
    }

    @Benchmark
    public Object deserialize() throws IOException, ClassNotFoundException {
        try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(serialized))) {
            return in.readObject();
        }
    }

    @Benchmark
    public byte[] snapshotAndEncode() {
        return SessionSnapshotCodec.encode(session.snapshot(nowNanos, nowMillis));
    }

    @Benchmark
    public SessionSnapshot decode() {
        return SessionSnapshotCodec.decode(session.sessionId(), encoded);
    }

    @Benchmark
    public long revisionOf() {
        return SessionSnapshotCodec.revisionOf(encoded);
    }

    private static byte[] javaSerialize(SessionSnapshot snapshot) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(4096);
        try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
            out.writeObject(snapshot);
        }
        return bytes.toByteArray();
    }
}
