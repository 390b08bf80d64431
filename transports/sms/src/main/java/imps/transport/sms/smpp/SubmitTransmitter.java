package imps.transport.sms.smpp;

import io.vertx.core.Future;
import io.vertx.core.WorkerExecutor;
import org.jsmpp.bean.ESMClass;
import org.jsmpp.bean.RawDataCoding;
import org.jsmpp.bean.RegisteredDelivery;
import org.jsmpp.bean.SMSCDeliveryReceipt;
import org.jsmpp.extra.NegativeResponseException;
import org.jsmpp.extra.ResponseTimeoutException;
import org.jsmpp.session.SMPPSession;

import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;

/**
 * Sends one submit_sm (SMPP 3.4 §4.4.1) on a worker thread, since jSMPP blocks until the
 * submit_sm_resp; the window keeps the number of such threads busy at once within its size.
 */
final class SubmitTransmitter implements SubmitWindow.Transmitter {
    private static final String SERVICE_TYPE = "";

    private final WorkerExecutor workers;
    private final Supplier<SMPPSession> sessions;
    private final SmppAddress source;
    private final RegisteredDelivery registeredDelivery;

    SubmitTransmitter(WorkerExecutor workers, Supplier<SMPPSession> sessions, String sourceAddress, boolean receipts) {
        this.workers = workers;
        this.sessions = sessions;
        this.source = SmppAddress.of(sourceAddress);
        // Receipts for success and failure alike (SMPP 3.4 §5.2.17), so both outcomes are counted.
        this.registeredDelivery = receipts
                ? new RegisteredDelivery(SMSCDeliveryReceipt.SUCCESS_FAILURE)
                : new RegisteredDelivery(SMSCDeliveryReceipt.DEFAULT);
    }

    @Override
    public Future<String> transmit(SubmitPart part) {
        SMPPSession session = sessions.get();
        if (session == null) {
            return Future.failedFuture(new IllegalStateException("not bound to the SMSC"));
        }
        return workers.executeBlocking(() -> send(session, part), false);
    }

    private String send(SMPPSession session, SubmitPart part) throws Exception {
        SmppAddress destination = SmppAddress.of(part.recipient());
        try {
            return session.submitShortMessage(SERVICE_TYPE,
                    source.ton(), source.npi(), source.address(),
                    destination.ton(), destination.npi(), destination.address(),
                    new ESMClass(part.esmClass()), (byte) 0, (byte) 0, null, null, registeredDelivery, (byte) 0,
                    new RawDataCoding((byte) part.dataCoding()), (byte) 0, part.shortMessage()).getMessageId();
        } catch (NegativeResponseException e) {
            throw new SubmitRefusedException(e.getCommandStatus());
        } catch (ResponseTimeoutException e) {
            throw new TimeoutException("no submit_sm_resp within " + session.getTransactionTimer() + " ms");
        }
    }
}
