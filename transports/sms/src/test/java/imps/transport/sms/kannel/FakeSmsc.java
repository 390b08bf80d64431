package imps.transport.sms.kannel;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BooleanSupplier;
import java.util.function.Predicate;
import java.util.function.Supplier;
import java.util.regex.Pattern;

/**
 * Kannel's fakesmsc as the phones' side of the fake SMSC. Started without a message list it runs
 * in its interactive mode: every line written to its standard input goes to bearerbox as one
 * mobile-originated message, at once, and it stays connected, printing each mobile-terminated
 * message it receives as {@code Got message <n>: <line>}. Standard input must stay open (fakesmsc
 * crashes on end of file), and it reads input through a stdio buffer while waiting on the pipe
 * itself, so a second line written before the first was sent could sit in that buffer unseen:
 * {@link #send} waits for fakesmsc to report each message sent before it returns.
 */
final class FakeSmsc implements AutoCloseable {
    /** fakesmsc reads standard input into a 256-byte buffer: longer lines would be cut in two. */
    private static final int MAX_LINE_BYTES = 254;
    private static final Logger LOG = LoggerFactory.getLogger(FakeSmsc.class);
    private static final Pattern SENT = Pattern.compile("fakesmsc: sent message \\d+");
    private static final Duration SEND_TIMEOUT = Duration.ofSeconds(10);

    private final Process process;
    private final OutputStream stdin;
    private final Writer log;
    private final List<FakeSmscMessage> received = new ArrayList<>();
    private long sent;

    private FakeSmsc(Process process, Writer log) {
        this.process = process;
        this.stdin = process.getOutputStream();
        this.log = log;
    }

    static FakeSmsc start(Path binary, int port, Path logFile) throws IOException {
        Process process = new ProcessBuilder(binary.toString(), "-H", "127.0.0.1", "-r", String.valueOf(port),
                "-i", "0", "-v", "0")
                .redirectErrorStream(true)
                .start();
        FakeSmsc smsc = new FakeSmsc(process, Files.newBufferedWriter(logFile, StandardCharsets.ISO_8859_1));
        Thread reader = new Thread(smsc::readOutput, "fakesmsc-output");
        reader.setDaemon(true);
        reader.start();
        return smsc;
    }

    /** Sends one MO message line ({@code <sender> <receiver> <type> ...}) and waits until fakesmsc sent it. */
    synchronized void send(String line) {
        byte[] bytes = (line + "\n").getBytes(StandardCharsets.UTF_8);
        if (bytes.length > MAX_LINE_BYTES + 1 || line.contains("\n")) {
            throw new IllegalArgumentException("fakesmsc takes one line of at most " + MAX_LINE_BYTES + " bytes: " + line);
        }
        long target = sent + 1;
        try {
            stdin.write(bytes);
            stdin.flush();
        } catch (IOException e) {
            throw new UncheckedIOException("fakesmsc is gone", e);
        }
        awaitCondition(() -> sent >= target, SEND_TIMEOUT, () -> "fakesmsc did not send: " + line);
    }

    synchronized List<FakeSmscMessage> received() {
        return List.copyOf(received);
    }

    synchronized FakeSmscMessage await(Predicate<FakeSmscMessage> match, Duration timeout) {
        awaitCondition(() -> received.stream().anyMatch(match), timeout,
                () -> "no matching MT message within " + timeout + "; fakesmsc received " + received);
        return received.stream().filter(match).findFirst().orElseThrow();
    }

    @Override
    public void close() {
        ProcessTrees.stop(process);
    }

    private void awaitCondition(BooleanSupplier done, Duration timeout, Supplier<String> failure) {
        long deadline = System.nanoTime() + timeout.toNanos();
        try {
            while (!done.getAsBoolean()) {
                long left = deadline - System.nanoTime();
                if (left <= 0 || !process.isAlive()) {
                    throw new AssertionError(failure.get());
                }
                wait(Math.max(1, left / 1_000_000));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", e);
        }
    }

    /** Reads fakesmsc's output byte for byte (ISO-8859-1) into its log and the received messages. */
    private void readOutput() {
        try (BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(),
                StandardCharsets.ISO_8859_1)); log) {
            String line;
            while ((line = out.readLine()) != null) {
                log.write(line);
                log.write('\n');
                log.flush();
                record(line);
            }
        } catch (IOException e) {
            LOG.debug("fakesmsc output ended", e);
        }
        synchronized (this) {
            notifyAll();
        }
    }

    private synchronized void record(String line) {
        FakeSmscMessage message;
        try {
            message = FakeSmscMessage.fromLogLine(line);
        } catch (IllegalArgumentException e) {
            LOG.warn("Unreadable fakesmsc line: {}", line, e);
            return;
        }
        if (message != null) {
            received.add(message);
        } else if (SENT.matcher(line).find()) {
            sent++;
        } else {
            return;
        }
        notifyAll();
    }
}
