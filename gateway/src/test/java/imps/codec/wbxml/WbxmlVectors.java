package imps.codec.wbxml;

import imps.TestData;
import imps.codec.DecodeException;
import imps.codec.xml.XmlDecoder;
import imps.codec.xml.XmlLimits;
import imps.protocol.CspMessage;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * The WBXML test vectors under testdata/wbxml (testdata/wbxml/README.md says where each comes from)
 * and the XML messages they are compared with.
 */
final class WbxmlVectors {
    private static final XmlDecoder XML = new XmlDecoder(XmlLimits.DEFAULT);

    private WbxmlVectors() {
    }

    static Path dir(String name) {
        return TestData.root().resolve("wbxml").resolve(name);
    }

    /** Bytes written as hexadecimal pairs separated by white space. */
    static byte[] hex(Path file) {
        return hex(TestData.readString(file));
    }

    static byte[] hex(String text) {
        if (text.isBlank()) {
            return new byte[0];
        }
        String[] pairs = text.trim().split("\\s+");
        byte[] out = new byte[pairs.length];
        for (int i = 0; i < pairs.length; i++) {
            out[i] = (byte) Integer.parseInt(pairs[i], 16);
        }
        return out;
    }

    static byte[] bytes(Path file) {
        try {
            return Files.readAllBytes(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static CspMessage xml(Path file) {
        return xml(bytes(file));
    }

    static CspMessage xml(byte[] body) {
        try {
            return XML.decode(body);
        } catch (DecodeException e) {
            throw new AssertionError("XML vector does not decode: " + e.getMessage(), e);
        }
    }

    /**
     * Every XML message the round trips run over: the worked examples, the real client's requests
     * and the gateway's own requests and answers recorded from its HTTP tests.
     */
    static List<Path> xmlMessages() {
        List<Path> all = new ArrayList<>(files(TestData.root().resolve("examples"), ".xml"));
        all.addAll(TestData.allHttpRequests());
        all.addAll(files(dir("gateway"), ".xml"));
        return all;
    }

    /** The body of an .http request file, or the whole of an .xml file. */
    static byte[] body(Path file) {
        return file.getFileName().toString().endsWith(".http") ? TestData.body(file) : bytes(file);
    }

    static List<Path> files(Path dir, String suffix) {
        try (Stream<Path> s = Files.list(dir)) {
            return s.filter(p -> p.getFileName().toString().endsWith(suffix)).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
