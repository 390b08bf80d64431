package imps.bench.jmh;

import imps.auth.UserAddress;
import imps.protocol.CspVersion;
import imps.protocol.Element;
import imps.protocol.primitive.ClientCapabilityRequest;
import imps.protocol.primitive.LoginRequest;
import imps.protocol.primitive.ServiceRequest;
import imps.session.CapabilityNegotiation;
import imps.session.CirBinding;
import imps.session.CirOffer;
import imps.session.ImplementedLeaves;
import imps.session.ClientCapabilities;
import imps.session.KeepAlivePolicy;
import imps.session.OutboundQueue;
import imps.session.SecureIds;
import imps.session.ServiceNegotiation;
import imps.protocol.ServiceTree;
import imps.session.SessionContext;
import imps.session.SessionSnapshot;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.util.Collection;
import java.util.EnumMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;

/**
 * What replication writes for every change of a session: {@link SessionContext#snapshot} and the Java
 * serialization of the {@link SessionSnapshot} (Hazelcast stores a Serializable value that way), and
 * the deserialization the store's SaveIfNewer does on the stored replica to compare revisions. The
 * session is a real client's after login, capability negotiation (STCP agreed, with a CIR binding)
 * and service negotiation, subscribed to one user's presence, with 0 or 1 NewMessage queued.
 *
 * <p>The baseline {@code compactWrite} takes the same snapshot and writes the same fields with a
 * DataOutputStream (no class descriptors): what a hand-written or Compact serializer would pay. The
 * sizes of both forms are printed once per trial.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 2, time = 1)
@Measurement(iterations = 3, time = 1)
@Fork(value = 1, jvmArgsAppend = {"-Xms1g", "-Xmx1g"})
@State(Scope.Thread)
public class SessionSnapshotBench {
    @Param({"0", "1"})
    public int queued;

    private SessionContext session;
    private byte[] serialized;
    private long nowNanos;
    private long nowMillis;

    @Setup
    public void setUp() throws IOException {
        nowNanos = System.nanoTime();
        nowMillis = System.currentTimeMillis();
        session = realSession(nowNanos);
        Element newMessage = Inputs.decode(Inputs.example("A6-02-s2c.xml")).first().primitive();
        for (int i = 0; i < queued; i++) {
            session.queue().offer(newMessage, true, true, 200);
        }
        serialized = javaSerialize(session.snapshot(nowNanos, nowMillis));
        byte[] compact = compact(session.snapshot(nowNanos, nowMillis));
        System.out.printf("%nsnapshot with %d queued: %d bytes Java-serialized, %d bytes in the compact form%n",
                queued, serialized.length, compact.length);
    }

    /** A session as the relay benchmark's receivers have it, built with the gateway's own negotiation. */
    private static SessionContext realSession(long nowNanos) {
        String dir = "scenarios-csp1.2_cir-tcp/";
        LoginRequest login = LoginRequest.of(
                Inputs.decode(Inputs.request(dir + "0015-B-C2S-Login-Request.http")).first().primitive());
        String sessionId = SecureIds.next();
        SessionContext s = new SessionContext(sessionId, UserAddress.canonical(login.userId(), "imps.local"),
                login.clientId(), login.clientId().toString(), CspVersion.V1_2, "XML", login.sessionCookie(),
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
    public byte[] compactWrite() throws IOException {
        return compact(session.snapshot(nowNanos, nowMillis));
    }

    private static byte[] javaSerialize(SessionSnapshot snapshot) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(4096);
        try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
            out.writeObject(snapshot);
        }
        return bytes.toByteArray();
    }

    private static byte[] compact(SessionSnapshot s) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(1024);
        DataOutputStream out = new DataOutputStream(bytes);
        out.writeLong(s.revision());
        string(out, s.sessionId());
        string(out, s.userId());
        element(out, s.clientId());
        string(out, s.clientKey());
        out.writeByte(s.version().ordinal());
        string(out, s.syntax());
        string(out, s.sessionCookie());
        out.writeInt(s.keepAliveSeconds());
        out.writeBoolean(s.capabilityRequested());
        ClientCapabilities c = s.capabilities();
        string(out, c.clientType());
        string(out, c.initialDeliveryMethod());
        strings(out, c.acceptedContentTypes());
        out.writeInt(c.parserSize());
        out.writeInt(c.multiTrans());
        strings(out, c.supportedBearers());
        strings(out, c.cirMethods());
        out.writeInt(c.serverPollMin());
        string(out, c.tcpAddress());
        out.writeInt(c.tcpPort() == null ? -1 : c.tcpPort());
        string(out, c.cirUrl());
        out.writeBoolean(s.capabilitiesNegotiated());
        strings(out, s.agreedFunctions());
        out.writeByte(s.state().ordinal());
        out.writeLong(s.endedAtMillis());
        strings(out, s.presenceSubscriptions());
        strings(out, s.notificationSubscriptions());
        strings(out, s.joinedGroups());
        out.writeBoolean(s.cirBinding() != null);
        if (s.cirBinding() != null) {
            string(out, s.cirBinding().nodeId());
            string(out, s.cirBinding().channelId());
        }
        OutboundQueue.State q = s.queue();
        out.writeShort(q.pending().size());
        for (OutboundQueue.ServerTransaction t : q.pending()) {
            transaction(out, t);
        }
        out.writeBoolean(q.inFlight() != null);
        if (q.inFlight() != null) {
            transaction(out, q.inFlight());
        }
        out.writeShort(q.nextId());
        out.flush();
        return bytes.toByteArray();
    }

    private static void transaction(DataOutputStream out, OutboundQueue.ServerTransaction t) throws IOException {
        string(out, t.transactionId());
        element(out, t.primitive());
        out.writeBoolean(t.expectsResponse());
    }

    private static void element(DataOutputStream out, Element e) throws IOException {
        string(out, e.name());
        string(out, e.text());
        out.writeShort(e.children().size());
        for (Element child : e.children()) {
            element(out, child);
        }
    }

    /** -1 for null: agreedFunctions is null until service negotiation, and that differs from none agreed. */
    private static void strings(DataOutputStream out, Collection<String> values) throws IOException {
        out.writeShort(values == null ? -1 : values.size());
        if (values != null) {
            for (String v : values) {
                string(out, v);
            }
        }
    }

    private static void string(DataOutputStream out, String s) throws IOException {
        out.writeBoolean(s != null);
        if (s != null) {
            out.writeUTF(s);
        }
    }
}
