package imps.transport.sms.kannel;

import java.net.URI;

/**
 * Kannel as the SMS network (docs/kannel.md): MT through its sendsms HTTP interface, MO from its
 * smsbox, which calls the gateway's {@code moHost:moPort/moPath} (an sms-service get-url), delivery
 * reports on the same listener.
 */
public record KannelOptions(String sendsmsUrl, String username, String password, String moHost, int moPort,
                            String moPath) {
    public KannelOptions {
        URI url;
        try {
            url = URI.create(sendsmsUrl);
        } catch (IllegalArgumentException | NullPointerException e) {
            throw new IllegalArgumentException("sms.kannel.sendsmsUrl is not a URL: " + sendsmsUrl);
        }
        if (!"http".equals(url.getScheme()) && !"https".equals(url.getScheme()) || url.getHost() == null) {
            throw new IllegalArgumentException("sms.kannel.sendsmsUrl must be an http(s) URL with a host: " + sendsmsUrl);
        }
        if (moPort < 0 || moPort > 65535) {
            throw new IllegalArgumentException("sms.kannel.moPort must be 0-65535, not " + moPort);
        }
        if (moPath == null || !moPath.startsWith("/")) {
            throw new IllegalArgumentException("sms.kannel.moPath must start with /: " + moPath);
        }
    }
}
