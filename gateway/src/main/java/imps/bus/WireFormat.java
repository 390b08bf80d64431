package imps.bus;

import imps.protocol.Element;
import io.vertx.core.buffer.Buffer;

import java.nio.charset.StandardCharsets;

/** The compact binary form of strings and primitive trees on the clustered event bus. */
final class WireFormat {
    private WireFormat() {
    }

    static void writeElement(Buffer b, Element e) {
        writeString(b, e.name());
        writeString(b, e.text());
        b.appendInt(e.children().size());
        for (Element c : e.children()) {
            writeElement(b, c);
        }
    }

    static Element readElement(Buffer b, int[] p) {
        Element.Builder builder = Element.builder(readString(b, p)).text(readString(b, p));
        int n = b.getInt(p[0]);
        p[0] += 4;
        for (int i = 0; i < n; i++) {
            builder.add(readElement(b, p));
        }
        return builder.build();
    }

    static void writeString(Buffer b, String s) {
        if (s == null) {
            b.appendInt(-1);
            return;
        }
        byte[] bytes = s.getBytes(StandardCharsets.UTF_8);
        b.appendInt(bytes.length);
        b.appendBytes(bytes);
    }

    static String readString(Buffer b, int[] p) {
        int len = b.getInt(p[0]);
        p[0] += 4;
        if (len < 0) {
            return null;
        }
        String s = b.getString(p[0], p[0] + len, "UTF-8");
        p[0] += len;
        return s;
    }
}
