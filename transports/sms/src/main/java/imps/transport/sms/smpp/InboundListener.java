package imps.transport.sms.smpp;

import org.jsmpp.PDUStringException;
import org.jsmpp.SMPPConstant;
import org.jsmpp.bean.AlertNotification;
import org.jsmpp.bean.DataSm;
import org.jsmpp.bean.DeliverSm;
import org.jsmpp.bean.OptionalParameter;
import org.jsmpp.extra.ProcessRequestException;
import org.jsmpp.session.DataSmResult;
import org.jsmpp.session.MessageReceiverListener;
import org.jsmpp.session.Session;
import org.jsmpp.util.MessageId;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * Takes deliver_sm and data_sm from jSMPP's threads, decodes them there and hands the result on. A
 * message that cannot be read is answered with ESME_RX_P_APPN, the permanent application error, so
 * the SMSC does not offer it again (SMPP 3.4 §5.1.3); the session carries on.
 */
final class InboundListener implements MessageReceiverListener {
    private static final Logger log = LoggerFactory.getLogger(InboundListener.class);

    private final Consumer<Inbound> sink;
    private final AtomicLong dataSmIds = new AtomicLong();

    InboundListener(Consumer<Inbound> sink) {
        this.sink = sink;
    }

    @Override
    public void onAcceptDeliverSm(DeliverSm deliverSm) throws ProcessRequestException {
        sink.accept(decoded(() -> InboundDecoder.decode(deliverSm), "deliver_sm", deliverSm.getSourceAddr()));
    }

    @Override
    public DataSmResult onAcceptDataSm(DataSm dataSm, Session source) throws ProcessRequestException {
        sink.accept(decoded(() -> InboundDecoder.decode(dataSm), "data_sm", dataSm.getSourceAddr()));
        try {
            return new DataSmResult(new MessageId(Long.toHexString(dataSmIds.incrementAndGet())),
                    new OptionalParameter[0]);
        } catch (PDUStringException e) {
            throw new ProcessRequestException("message id", SMPPConstant.STAT_ESME_RSYSERR, e);
        }
    }

    @Override
    public void onAcceptAlertNotification(AlertNotification alertNotification) {
        log.debug("alert_notification for {} ignored", alertNotification.getSourceAddr());
    }

    /**
     * A message that cannot be read is one WARN line, never a stack trace: any phone can send one.
     * (jSMPP would log the refusal again at ERROR with the trace; app/src/main/resources/simplelogger.properties
     * turns that logger off.)
     */
    private static Inbound decoded(Supplier<Inbound> decoding, String command, String sender) throws ProcessRequestException {
        try {
            return decoding.get();
        } catch (RuntimeException e) {
            log.warn("Malformed {} from {} refused: {}", command, sender, e.getMessage());
            throw new ProcessRequestException(e.getMessage(), SMPPConstant.STAT_ESME_RX_P_APPN);
        }
    }
}
