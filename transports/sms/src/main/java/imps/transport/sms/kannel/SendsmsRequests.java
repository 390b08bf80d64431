package imps.transport.sms.kannel;

import imps.transport.sms.GsmAlphabet;
import imps.transport.sms.MobileTerminated;
import imps.transport.sms.UserDataHeader;

import java.nio.charset.StandardCharsets;

/**
 * The URLs the gateway calls on smsbox's sendsms interface. A message goes out with the gateway's
 * own number as sender; 8-bit data as {@code coding=1} byte for byte, text as UTF-8 with
 * {@code charset=UTF-8} and {@code coding=0} (GSM 7-bit) when the GSM alphabet has every
 * character, {@code coding=2} (UCS-2) otherwise. A port-addressed message carries the 16-bit port
 * header in {@code udh}. Delivery reports come back to {@code dlrUrl} with the gateway's message id;
 * without a {@code dlrUrl} none are asked for.
 */
final class SendsmsRequests {
    private final String prefix;
    private final String from;
    private final String dlrUrl;

    /**
     * @param dlrUrl where smsbox reports deliveries, e.g. {@code http://10.0.0.5:8091/kannel/mo/dlr};
     *               null to ask for none
     */
    SendsmsRequests(KannelOptions options, String ownAddress, String dlrUrl) {
        String url = options.sendsmsUrl();
        this.prefix = url + (url.contains("?") ? "&" : "?")
                + "username=" + QueryCodec.encode(options.username())
                + "&password=" + QueryCodec.encode(options.password());
        this.from = QueryCodec.encode(ownAddress);
        this.dlrUrl = dlrUrl;
    }

    /**
     * The request for one message. {@code id} must not contain {@code %}: smsbox expands escapes in
     * the whole dlr-url it is given.
     */
    String submit(MobileTerminated message, String id) {
        StringBuilder uri = new StringBuilder(prefix)
                .append("&from=").append(from)
                .append("&to=").append(QueryCodec.encode(message.recipient()))
                .append("&text=").append(QueryCodec.encode(message.payload()))
                .append("&coding=").append(coding(message).value);
        if (!message.binary()) {
            uri.append("&charset=UTF-8");
        }
        if (message.destinationPort() != null) {
            byte[] udh = UserDataHeader.ports(message.destinationPort(), message.destinationPort()).encode();
            uri.append("&udh=").append(QueryCodec.encode(udh));
        }
        if (dlrUrl != null) {
            uri.append("&dlr-mask=").append(DeliveryReport.MASK)
                    .append("&dlr-url=").append(QueryCodec.encode(dlrUrl + "?id=" + id + "&status=%d"));
        }
        return uri.toString();
    }

    /**
     * A request smsbox answers without sending anything: it checks the credentials (403 when it
     * does not know them), then refuses the header whose length octet promises more than it holds
     * ("UDH field misformed", 400). That check comes before any about sender or receiver, so no
     * sender or number settings of the operator's can let the probe through, and smsbox logs it at
     * info level only, where a request without receiver would log an error every time.
     */
    String probe() {
        return prefix + "&from=" + from + "&to=" + from + "&udh=%05";
    }

    static Coding coding(MobileTerminated message) {
        if (message.binary()) {
            return Coding.DATA_8BIT;
        }
        String text = new String(message.payload(), StandardCharsets.UTF_8);
        return GsmAlphabet.canEncode(text) ? Coding.GSM_7BIT : Coding.UCS2;
    }
}
