package imps.transport.sms.kannel;

import imps.transport.sms.UserDataHeader;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.function.BooleanSupplier;
import java.util.function.Predicate;
import java.util.stream.Stream;

/**
 * A real Kannel on loopback for tests: bearerbox with a fake SMSC, smsbox with sendsms and an
 * sms-service that calls the gateway's MO listener, and Kannel's fakesmsc playing the phones. It
 * runs the installed Debian binaries ({@code apt-get install kannel kannel-extras}) as child
 * processes with a kannel.conf of its own in a temporary directory, never the system's Kannel
 * service or its configuration.
 *
 * <pre>{@code
 * int moPort = KannelFixture.freePort();
 * try (KannelFixture kannel = KannelFixture.start(moPort, "/kannel/mo")) {
 *     SmsCenter center = new KannelSmsCenter(vertx, kannel.options(), "3590");
 *     ...start it, then:
 *     kannel.injectData("4915100000001", "3590", UserDataHeader.ports(3590, 3590), pts);
 *     FakeSmscMessage mt = kannel.awaitMt(m -> m.receiver().equals("4915100000001"), Duration.ofSeconds(10));
 * }
 * }</pre>
 *
 * <p>Start one per test class: bearerbox, smsbox and fakesmsc take a second or two to come up. The
 * methods block and belong on the test thread, never on an event loop. Mobile-originated messages
 * reach the gateway through fakesmsc's interactive mode (one line on its standard input is one
 * message), so each inject method returns once fakesmsc has handed its message to bearerbox;
 * smsbox calls the gateway shortly after. Mobile-terminated messages are what fakesmsc prints as it
 * receives them, within about a second of Kannel taking them.
 */
public final class KannelFixture implements AutoCloseable {
    private static final Path BEARERBOX = Path.of("/usr/sbin/bearerbox");
    private static final Path SMSBOX = Path.of("/usr/sbin/smsbox");
    private static final Path FAKESMSC = Path.of("/usr/lib/kannel/test/fakesmsc");
    private static final Logger LOG = LoggerFactory.getLogger(KannelFixture.class);
    private static final Duration READY_TIMEOUT = Duration.ofSeconds(30);
    private static final Duration POLL = Duration.ofMillis(100);

    private final KannelConf conf;
    private final int moPort;
    private final String moPath;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();
    private Process bearerbox;
    private Process smsbox;
    private FakeSmsc fakeSmsc;

    private KannelFixture(KannelConf conf, int moPort, String moPath) {
        this.conf = conf;
        this.moPort = moPort;
        this.moPath = moPath;
    }

    /** A TCP port on 127.0.0.1 that was free a moment ago, e.g. for the gateway's MO listener. */
    public static int freePort() {
        return freePorts(1)[0];
    }

    /**
     * Starts Kannel with its sms-service calling {@code http://127.0.0.1:<moPort><moPath>} and
     * returns once bearerbox, smsbox and fakesmsc are connected and sendsms answers.
     *
     * @throws IllegalStateException when Kannel is not installed or does not come up (the message
     *                               names the directory with its logs)
     */
    public static KannelFixture start(int moPort, String moPath) {
        requireInstalled();
        Path directory;
        try {
            directory = Files.createTempDirectory("imps-kannel-");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        int[] ports = freePorts(4);
        KannelConf conf = new KannelConf(directory, ports[0], ports[1], ports[2], ports[3],
                "http://127.0.0.1:" + moPort + moPath, "imps", "sendsms-secret", "admin-secret");
        KannelFixture fixture = new KannelFixture(conf, moPort, moPath);
        try {
            Files.writeString(conf.file(), conf.render());
            fixture.boot();
        } catch (IOException | RuntimeException e) {
            fixture.stopProcesses();
            throw new IllegalStateException("Kannel did not start; its configuration and logs are in " + directory, e);
        }
        return fixture;
    }

    /** The gateway's {@code sms.kannel} settings for this Kannel, its MO listener on 127.0.0.1. */
    public KannelOptions options() {
        return new KannelOptions(conf.sendsmsUrl(), conf.username(), conf.password(), "127.0.0.1", moPort, moPath);
    }

    /** The temporary directory with kannel.conf and the logs of every box; deleted by {@link #close()}. */
    public Path directory() {
        return conf.directory();
    }

    /** A text message from a phone (7-bit, as Kannel hands GSM text on: UTF-8 with charset UTF-8). */
    public void injectText(String sender, String recipient, String text) {
        fakeSmsc.send(addresses(sender, recipient) + " text " + text);
    }

    /** A text message to an application port, like the {@code HELO} an Android client sends to the CIR port. */
    public void injectPortText(String sender, String recipient, int port, String text) {
        fakeSmsc.send(addresses(sender, recipient) + " udh-text "
                + QueryCodec.encode(UserDataHeader.ports(port, port).encode()) + " " + text);
    }

    /** An 8-bit data message with the given header, e.g. a PTS message to port 3590. */
    public void injectData(String sender, String recipient, UserDataHeader header, byte[] data) {
        String head = header.isEmpty() ? " data " : " udh " + QueryCodec.encode(header.encode()) + " ";
        fakeSmsc.send(addresses(sender, recipient) + head + QueryCodec.encode(data));
    }

    /**
     * The first message fakesmsc has received, now or within {@code timeout}, that matches: give
     * each test its own receiver or text, since earlier messages count too.
     *
     * @throws AssertionError naming every message received when none matches in time
     */
    public FakeSmscMessage awaitMt(Predicate<FakeSmscMessage> match, Duration timeout) {
        return fakeSmsc.await(match, timeout);
    }

    /** Every message fakesmsc has received so far, oldest first. */
    public List<FakeSmscMessage> mtMessages() {
        return fakeSmsc.received();
    }

    /** Stops smsbox, so that sendsms refuses connections; bearerbox keeps MO messages until {@link #startSmsbox()}. */
    public void stopSmsbox() {
        ProcessTrees.stop(smsbox);
        await(() -> !sendsmsAnswers(), "smsbox's sendsms port to close");
    }

    /** Starts smsbox again after {@link #stopSmsbox()} and returns once it is connected and sendsms answers. */
    public void startSmsbox() {
        smsbox = launch(SMSBOX, "smsbox.out");
        awaitConnected();
    }

    /** Stops fakesmsc, smsbox and bearerbox and deletes the directory. */
    @Override
    public void close() {
        stopProcesses();
        try (Stream<Path> files = Files.walk(conf.directory())) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            LOG.warn("Could not delete {}", conf.directory(), e);
        }
    }

    private void boot() throws IOException {
        bearerbox = launch(BEARERBOX, "bearerbox.out");
        awaitStatus("FAKE:" + conf.fakeSmscPort(), "bearerbox's fake SMSC to listen");
        fakeSmsc = FakeSmsc.start(FAKESMSC, conf.fakeSmscPort(), conf.directory().resolve("fakesmsc.out"));
        smsbox = launch(SMSBOX, "smsbox.out");
        awaitConnected();
        LOG.info("Kannel up in {}: sendsms {}, MO to {}", conf.directory(), conf.sendsmsUrl(), conf.moUrl());
    }

    private void awaitConnected() {
        awaitStatus("FAKE:" + conf.fakeSmscPort() + " (online", "fakesmsc to connect");
        awaitStatus("smsbox:", "smsbox to connect to bearerbox");
        await(this::sendsmsAnswers, "smsbox's sendsms to answer");
    }

    private Process launch(Path binary, String output) {
        try {
            return new ProcessBuilder(binary.toString(), "-v", "2", conf.file().toString())
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(conf.directory().resolve(output).toFile()))
                    .start();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot run " + binary, e);
        }
    }

    private void stopProcesses() {
        if (fakeSmsc != null) {
            fakeSmsc.close();
        }
        for (Process p : new Process[] {smsbox, bearerbox}) {
            if (p != null) {
                ProcessTrees.stop(p);
            }
        }
    }

    private void awaitStatus(String expected, String what) {
        await(() -> status().contains(expected), what);
    }

    private void await(BooleanSupplier condition, String what) {
        long deadline = System.nanoTime() + READY_TIMEOUT.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("timed out waiting for " + what + "; logs in " + conf.directory());
            }
            if (bearerbox != null && !bearerbox.isAlive()) {
                throw new IllegalStateException("bearerbox exited while waiting for " + what + "; logs in "
                        + conf.directory());
            }
            try {
                Thread.sleep(POLL.toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted waiting for " + what, e);
            }
        }
    }

    /** bearerbox's status page, or nothing while the admin port does not answer. */
    private String status() {
        return get(conf.statusUrl()).orElse("");
    }

    private boolean sendsmsAnswers() {
        return get(conf.sendsmsUrl()).isPresent();
    }

    private Optional<String> get(String url) {
        try {
            HttpRequest request = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(2)).build();
            return Optional.of(http.send(request, HttpResponse.BodyHandlers.ofString()).body());
        } catch (IOException e) {
            return Optional.empty();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.empty();
        }
    }

    private static String addresses(String sender, String recipient) {
        if (sender.isBlank() || recipient.isBlank() || (sender + recipient).chars().anyMatch(Character::isWhitespace)) {
            throw new IllegalArgumentException("fakesmsc needs numbers without blanks: '" + sender + "', '" + recipient + "'");
        }
        return sender + " " + recipient;
    }

    private static void requireInstalled() {
        for (Path binary : List.of(BEARERBOX, SMSBOX, FAKESMSC)) {
            if (!Files.isExecutable(binary)) {
                throw new IllegalStateException(binary + " is missing: the Kannel tests run the real Kannel; install it with "
                        + "`apt-get install kannel kannel-extras` (fakesmsc is in kannel-extras)");
            }
        }
    }

    private static int[] freePorts(int count) {
        List<ServerSocket> sockets = new ArrayList<>();
        try {
            InetAddress loopback = InetAddress.getLoopbackAddress();
            int[] ports = new int[count];
            for (int i = 0; i < count; i++) {
                ServerSocket socket = new ServerSocket(0, 1, loopback);
                sockets.add(socket);
                ports[i] = socket.getLocalPort();
            }
            return ports;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            for (ServerSocket socket : sockets) {
                try {
                    socket.close();
                } catch (IOException e) {
                    LOG.debug("closing a port probe", e);
                }
            }
        }
    }
}
