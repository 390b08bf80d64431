package imps.app;

import imps.codec.DecodeException;
import imps.codec.xml.XmlDecoder;
import imps.codec.xml.XmlEncoder;
import imps.codec.xml.XmlLimits;
import imps.protocol.CspMessage;
import imps.protocol.CspVersion;
import imps.protocol.Element;
import imps.protocol.Transaction;
import imps.protocol.TransactionMode;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A CSP client whose connections come from a chosen loopback address (127.0.0.2, 127.0.0.3, ...), so
 * one test can play several client addresses against a node listening on 127.0.0.1. One HTTP/1.1
 * exchange per connection, over a plain socket.
 */
final class SourceClient {
    private static final AtomicInteger TX = new AtomicInteger(1);
    private final String source;
    private final int port;
    private final String extraHeaders;

    SourceClient(String source, int port) {
        this(source, port, "");
    }

    /** With {@code extraHeaders}: header lines, each ending in CR LF, added to every request. */
    SourceClient(String source, int port, String extraHeaders) {
        this.source = source;
        this.port = port;
        this.extraHeaders = extraHeaders;
    }

    /** An answer: the HTTP status and, for a 200 with a body, the CSP primitive. */
    record Answer(int status, Element primitive) {
        int code() {
            return Integer.parseInt(primitive.child("Result").childText("Code"));
        }
    }

    Answer login(String user, String password, String clientUrl) {
        return send(CspClient.login2way(user, password, clientUrl, null));
    }

    /** Round 1 of a 4-way login: the challenge (401) or a refusal. */
    Answer challenge(String user, String clientUrl) {
        return send(Element.builder("Login-Request").leaf("UserID", user).add(CspClient.clientId(clientUrl))
                .leaf("DigestSchema", "MD5").leaf("SessionCookie", "c-" + clientUrl).build());
    }

    Answer send(Element request) {
        byte[] body = new XmlEncoder().encode(CspMessage.of(CspVersion.V1_2, null,
                new Transaction(TransactionMode.REQUEST, Integer.toString(TX.getAndIncrement()), request)));
        String head = "POST /imps HTTP/1.1\r\nHost: 127.0.0.1:" + port + "\r\nContent-Type: application/vnd.wv.csp.xml\r\n"
                + "Content-Length: " + body.length + "\r\nConnection: close\r\n" + extraHeaders + "\r\n";
        try (Socket socket = new Socket()) {
            socket.bind(new InetSocketAddress(source, 0));
            socket.connect(new InetSocketAddress("127.0.0.1", port), 10_000);
            socket.setSoTimeout(30_000);
            socket.getOutputStream().write(head.getBytes(StandardCharsets.US_ASCII));
            socket.getOutputStream().write(body);
            socket.getOutputStream().flush();
            return parse(readAll(socket.getInputStream()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static byte[] readAll(InputStream in) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        in.transferTo(out);
        return out.toByteArray();
    }

    private static Answer parse(byte[] response) {
        String text = new String(response, StandardCharsets.ISO_8859_1);
        int end = text.indexOf("\r\n\r\n");
        if (end < 0) {
            throw new AssertionError("no HTTP answer: " + text);
        }
        int status = Integer.parseInt(text.substring(9, 12));
        byte[] body = java.util.Arrays.copyOfRange(response, end + 4, response.length);
        if (status != 200 || body.length == 0 || !text.substring(0, end).toLowerCase(Locale.ROOT).contains("xml")) {
            return new Answer(status, null);
        }
        try {
            return new Answer(status, new XmlDecoder(XmlLimits.DEFAULT).decode(body).first().primitive());
        } catch (DecodeException e) {
            throw new AssertionError("undecodable CSP: " + new String(body, StandardCharsets.UTF_8), e);
        }
    }
}
