package imps.bench.jmh;

import imps.codec.DecodeException;
import imps.codec.xml.XmlDecoder;
import imps.codec.xml.XmlLimits;
import imps.protocol.CspMessage;

import com.fasterxml.aalto.stax.InputFactoryImpl;
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

import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;
import java.io.ByteArrayInputStream;
import java.util.concurrent.TimeUnit;

/**
 * XML decoding of the primitives a client sends most, against two floors measured on the same bytes
 * with the same Aalto settings as the gateway: {@code staxWalk} only steps through the events (what any
 * streaming decoder pays before it looks at anything), {@code staxNamesAndText} also reads every
 * element name and every text, which a decoder cannot avoid. What the decoder costs above the second
 * floor is the element tree it builds and the envelope it interprets.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 2, time = 1)
@Measurement(iterations = 3, time = 1)
@Fork(value = 1, jvmArgsAppend = {"-Xms1g", "-Xmx1g"})
@State(Scope.Benchmark)
public class XmlDecodeBench {
    @Param({"Login-Request", "KeepAlive-Request", "Polling-Request", "SendMessage-Request",
            "PresenceNotification-Request"})
    public String primitive;

    private final XmlDecoder decoder = new XmlDecoder(XmlLimits.DEFAULT);
    private XMLInputFactory stax;
    private byte[] xml;

    @Setup
    public void setUp() {
        xml = Inputs.decodeInput(primitive);
        // The gateway's factory is private to its decoder; these are its settings.
        stax = new InputFactoryImpl();
        stax.setProperty(XMLInputFactory.SUPPORT_DTD, false);
        stax.setProperty(XMLInputFactory.IS_SUPPORTING_EXTERNAL_ENTITIES, false);
        stax.setProperty(XMLInputFactory.IS_REPLACING_ENTITY_REFERENCES, false);
        stax.setProperty(XMLInputFactory.IS_NAMESPACE_AWARE, true);
        stax.setProperty(XMLInputFactory.IS_COALESCING, true);
        System.out.printf("%n%s: %d bytes of XML%n", primitive, xml.length);
    }

    @Benchmark
    public CspMessage decoder() throws DecodeException {
        return decoder.decode(xml);
    }

    @Benchmark
    public int staxWalk() throws XMLStreamException {
        XMLStreamReader r = stax.createXMLStreamReader(new ByteArrayInputStream(xml));
        int events = 0;
        while (r.hasNext()) {
            events += r.next();
        }
        r.close();
        return events;
    }

    @Benchmark
    public int staxNamesAndText() throws XMLStreamException {
        XMLStreamReader r = stax.createXMLStreamReader(new ByteArrayInputStream(xml));
        int seen = 0;
        while (r.hasNext()) {
            int event = r.next();
            if (event == XMLStreamConstants.START_ELEMENT) {
                seen += r.getLocalName().length();
            } else if (event == XMLStreamConstants.CHARACTERS) {
                seen += r.getTextCharacters()[r.getTextStart()] + r.getTextLength();
            }
        }
        r.close();
        return seen;
    }
}
