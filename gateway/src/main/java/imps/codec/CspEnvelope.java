package imps.codec;

import imps.protocol.CspMessage;
import imps.protocol.CspVersion;
import imps.protocol.Element;
import imps.protocol.SessionType;
import imps.protocol.Transaction;
import imps.protocol.TransactionMode;

import java.util.ArrayList;
import java.util.List;

/**
 * The envelope of a decoded {@code WV-CSP-Message} tree — Session, SessionDescriptor, Transactions and
 * their descriptors, the Poll and CIR flags — read into a {@link CspMessage} by the same rules
 * whatever syntax produced the tree (OMA-TS-IMPS_CSP-V1_3; the Poll of CSP 1.1 sits in the
 * TransactionDescriptor). A decoder that builds the whole tree first hands it here.
 */
public final class CspEnvelope {

    /** How the calling decoder turns a broken envelope into its DecodeException (with what it could read). */
    @FunctionalInterface
    public interface Malformed {
        DecodeException because(String reason);
    }

    private CspEnvelope() {
    }

    public static CspMessage read(CspVersion version, Element root, Malformed malformed) throws DecodeException {
        Element session = root.child("Session");
        if (session == null) {
            throw malformed.because("Session missing");
        }
        Element descriptor = session.child("SessionDescriptor");
        if (descriptor == null) {
            throw malformed.because("SessionDescriptor missing");
        }
        SessionType type = SessionType.fromWire(descriptor.childText("SessionType"));
        if (type == null) {
            throw malformed.because("SessionType must be Inband or Outband");
        }
        List<Element> txElements = session.children("Transaction");
        if (txElements.isEmpty()) {
            throw malformed.because("no Transaction");
        }
        // Poll and CIR come only from a server; they are read for the load generator and the tests.
        Boolean poll = flag(session.childText("Poll"));
        List<Transaction> transactions = new ArrayList<>(txElements.size());
        for (Element tx : txElements) {
            Element td = tx.child("TransactionDescriptor");
            if (td == null) {
                throw malformed.because("TransactionDescriptor missing");
            }
            TransactionMode mode = TransactionMode.fromWire(td.childText("TransactionMode"));
            if (mode == null) {
                throw malformed.because("TransactionMode must be Request or Response");
            }
            Element content = tx.child("TransactionContent");
            if (content == null || content.children().size() != 1) {
                throw malformed.because("TransactionContent must hold exactly one primitive");
            }
            if (poll == null) {
                poll = flag(td.childText("Poll"));
            }
            transactions.add(new Transaction(mode, td.childText("TransactionID"), content.children().get(0)));
        }
        return new CspMessage(version, type, descriptor.childText("SessionID"), transactions, poll,
                flag(session.childText("CIR")));
    }

    private static Boolean flag(String value) {
        return value == null ? null : "T".equalsIgnoreCase(value);
    }
}
