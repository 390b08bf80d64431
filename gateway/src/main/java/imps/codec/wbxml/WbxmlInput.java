package imps.codec.wbxml;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * A cursor over one WBXML document (WAP-192-WBXML): bytes, multi-byte integers, inline and
 * string-table strings. Every read is bounded by the document, every failure is a
 * {@link WbxmlSyntaxException}; nothing is allocated for a length before it has been checked
 * against the bytes that are actually there.
 */
final class WbxmlInput {
    /** An mb_u_int32 has at most five bytes (5 × 7 bits ≥ 32). */
    private static final int MAX_MB_BYTES = 5;

    private final byte[] data;
    private final int end;
    private int pos;
    private int tableStart;
    private int tableLength;
    private CharsetDecoder utf8;

    WbxmlInput(byte[] data) {
        this.data = data;
        this.end = data.length;
    }

    boolean atEnd() {
        return pos >= end;
    }

    int position() {
        return pos;
    }

    int remaining() {
        return end - pos;
    }

    int readByte() throws WbxmlSyntaxException {
        if (pos >= end) {
            throw new WbxmlSyntaxException("truncated at byte " + pos);
        }
        return data[pos++] & 0xFF;
    }

    /** A multi-byte unsigned integer of at most 32 bits. */
    long readMbUInt32() throws WbxmlSyntaxException {
        long value = 0;
        for (int i = 0; i < MAX_MB_BYTES; i++) {
            if (pos >= end) {
                throw new WbxmlSyntaxException("truncated multi-byte integer at byte " + pos);
            }
            int b = data[pos++] & 0xFF;
            value = value << 7 | (b & 0x7F);
            if ((b & 0x80) == 0) {
                if (value > 0xFFFF_FFFFL) {
                    throw new WbxmlSyntaxException("multi-byte integer larger than 32 bits at byte " + pos);
                }
                return value;
            }
        }
        throw new WbxmlSyntaxException("multi-byte integer longer than 5 bytes at byte " + pos);
    }

    /** A length that must fit in what is left of the document. */
    int readLength(String what) throws WbxmlSyntaxException {
        long length = readMbUInt32();
        if (length > remaining()) {
            throw new WbxmlSyntaxException(what + " of " + length + " bytes runs past the end of the document");
        }
        return (int) length;
    }

    /** Marks the next {@code length} bytes as the string table and steps over them. */
    void stringTable(int length) {
        tableStart = pos;
        tableLength = length;
        pos += length;
    }

    /** The bytes up to the next NUL, as a string; the cursor moves past the NUL. */
    String readInlineString(int maxChars) throws WbxmlSyntaxException {
        int start = pos;
        int nul = indexOfNul(start, end);
        if (nul < 0) {
            throw new WbxmlSyntaxException("inline string without its terminating NUL at byte " + start);
        }
        pos = nul + 1;
        return string(start, nul - start, maxChars);
    }

    /** The string at an offset into the string table. */
    String tableString(long offset, int maxChars) throws WbxmlSyntaxException {
        if (offset >= tableLength) {
            throw new WbxmlSyntaxException("string-table offset " + offset + " outside a table of " + tableLength + " bytes");
        }
        int start = tableStart + (int) offset;
        int nul = indexOfNul(start, tableStart + tableLength);
        if (nul < 0) {
            throw new WbxmlSyntaxException("string-table entry at offset " + offset + " has no terminating NUL");
        }
        return string(start, nul - start, maxChars);
    }

    /** Steps over {@code length} bytes (already checked by {@link #readLength}) and returns where they start. */
    int skip(int length) {
        int start = pos;
        pos += length;
        return start;
    }

    byte[] data() {
        return data;
    }

    /** Strict UTF-8: a byte sequence that is not UTF-8 is an error, as it is for the XML parser. */
    String string(int start, int length, int maxChars) throws WbxmlSyntaxException {
        if (length > maxChars * 4L) {
            throw new WbxmlSyntaxException("text content too long");
        }
        boolean ascii = true;
        for (int i = start, n = start + length; i < n; i++) {
            if (data[i] < 0) {
                ascii = false;
                break;
            }
        }
        String s;
        if (ascii) {
            s = new String(data, start, length, StandardCharsets.ISO_8859_1);
        } else {
            if (utf8 == null) {
                utf8 = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                        .onUnmappableCharacter(CodingErrorAction.REPORT);
            }
            try {
                CharBuffer chars = utf8.reset().decode(ByteBuffer.wrap(data, start, length));
                s = chars.toString();
            } catch (CharacterCodingException e) {
                throw new WbxmlSyntaxException("string at byte " + start + " is not UTF-8");
            }
        }
        if (s.length() > maxChars) {
            throw new WbxmlSyntaxException("text content too long");
        }
        return s;
    }

    private int indexOfNul(int from, int to) {
        for (int i = from; i < to; i++) {
            if (data[i] == 0) {
                return i;
            }
        }
        return -1;
    }
}
