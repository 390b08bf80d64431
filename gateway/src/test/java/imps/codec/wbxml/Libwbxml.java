package imps.codec.wbxml;

import imps.protocol.CspVersion;
import imps.protocol.Element;

import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;

/**
 * Debian's libwbxml2-utils, an implementation of WBXML with its own WV-CSP 1.1/1.2 tables, run as
 * child processes: {@code xml2wbxml} and {@code wbxml2xml}. Also the element tree of any XML
 * document, namespaces and DOCTYPE ignored (no DTD is ever read), text trimmed as the XML decoder trims it.
 */
final class Libwbxml {
    static final Path XML2WBXML = Path.of("/usr/bin/xml2wbxml");
    static final Path WBXML2XML = Path.of("/usr/bin/wbxml2xml");

    /**
     * Elements libwbxml's WV-CSP table (one table for 1.1 and 1.2) has no token for under the name the
     * CSP tables give them, so it cannot write them: two it lacks altogether, CIRURL, two it spells its
     * own way ({@link #SPELLING}) and the 1.1 name of page 6 token 0x06 ({@link #NAME_1_1}).
     */
    static final Set<String> LACKS = Set.of("ReferredContent", "ReferredvCard", "CIRURL", "AutoSubscribe", "ExtendedData",
            "BlockUser-Request");

    /** libwbxml's own spelling of two CSP 1.2 element names; the tokens are the same. */
    static final Map<String, String> SPELLING = Map.of("AutoSubscribe", "Auto-Subscribe", "ExtendedData", "Extended-Data");

    /** libwbxml's shared table names page 6 token 0x06 by its 1.2 name in 1.1 documents too. */
    static final Map<String, String> NAME_1_1 = Map.of("BlockEntity-Request", "BlockUser-Request");

    /** Value tokens (SSMS 0xA4 and SHTTP 0xA5) libwbxml does not have: it reads them as no text. */
    static final Set<String> VALUES_LACKING = Set.of("SSMS", "SHTTP");

    private Libwbxml() {
    }

    /** The DOCTYPE libwbxml needs to pick its tables: the public identifiers it knows for 1.1 and 1.2. */
    static byte[] withDoctype(byte[] xml, CspVersion v) {
        String doctype = v == CspVersion.V1_1
                ? "<!DOCTYPE WV-CSP-Message PUBLIC \"-//OMA//DTD WV-CSP 1.1//EN\" \"http://www.openmobilealliance.org/DTD/WV-CSP.XML\">"
                : "<!DOCTYPE WV-CSP-Message PUBLIC \"-//OMA//DTD WV-CSP 1.2//EN\" \"http://www.openmobilealliance.org/DTD/WV-CSP.DTD\">";
        String s = new String(xml, StandardCharsets.UTF_8);
        int afterDeclaration = s.startsWith("<?xml") ? s.indexOf("?>") + 2 : 0;
        return (s.substring(0, afterDeclaration) + doctype + s.substring(afterDeclaration)).getBytes(StandardCharsets.UTF_8);
    }

    static boolean installed() {
        return Files.isExecutable(XML2WBXML) && Files.isExecutable(WBXML2XML);
    }

    /** The outcome of one run: exit code, output file (null when none was written) and what the tool said. */
    record Run(int exitCode, byte[] output, String messages) {
    }

    static Run xml2wbxml(Path dir, byte[] xml) {
        return run(dir, XML2WBXML, xml, ".xml", ".wbxml");
    }

    static Run wbxml2xml(Path dir, byte[] wbxml) {
        return run(dir, WBXML2XML, wbxml, ".wbxml", ".xml");
    }

    private static Run run(Path dir, Path tool, byte[] input, String inSuffix, String outSuffix) {
        try {
            Path in = Files.createTempFile(dir, "in", inSuffix);
            Path out = in.resolveSibling(in.getFileName().toString().replace(inSuffix, "-out" + outSuffix));
            Files.write(in, input);
            Process p = new ProcessBuilder(tool.toString(), "-o", out.toString(), in.toString())
                    .redirectErrorStream(true).start();
            String messages = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!p.waitFor(30, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new IllegalStateException(tool + " did not finish");
            }
            byte[] output = Files.exists(out) ? Files.readAllBytes(out) : null;
            return new Run(p.exitValue(), output, messages);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** The element tree of an XML document by local names; whitespace-only text is no text. */
    static Element tree(byte[] xml) {
        XMLInputFactory f = XMLInputFactory.newFactory();
        f.setProperty(XMLInputFactory.SUPPORT_DTD, false);
        f.setProperty(XMLInputFactory.IS_SUPPORTING_EXTERNAL_ENTITIES, false);
        f.setProperty(XMLInputFactory.IS_NAMESPACE_AWARE, true);
        try {
            XMLStreamReader r = f.createXMLStreamReader(new ByteArrayInputStream(xml));
            List<Element.Builder> stack = new ArrayList<>();
            List<StringBuilder> texts = new ArrayList<>();
            Element root = null;
            while (r.hasNext()) {
                switch (r.next()) {
                    case XMLStreamConstants.START_ELEMENT -> {
                        stack.add(Element.builder(r.getLocalName()));
                        texts.add(new StringBuilder());
                    }
                    case XMLStreamConstants.CHARACTERS, XMLStreamConstants.CDATA, XMLStreamConstants.SPACE -> {
                        if (!texts.isEmpty()) {
                            texts.get(texts.size() - 1).append(r.getText());
                        }
                    }
                    case XMLStreamConstants.END_ELEMENT -> {
                        Element.Builder b = stack.remove(stack.size() - 1);
                        String t = texts.remove(texts.size() - 1).toString().trim();
                        if (!t.isEmpty()) {
                            b.text(t);
                        }
                        Element e = b.build();
                        if (stack.isEmpty()) {
                            root = e;
                        } else {
                            stack.get(stack.size() - 1).add(e);
                        }
                    }
                    default -> {
                        // DOCTYPE, comments and the declaration carry no content
                    }
                }
            }
            return root;
        } catch (XMLStreamException e) {
            throw new IllegalArgumentException("not XML: " + new String(xml, StandardCharsets.UTF_8), e);
        }
    }
}
