package imps.transport.sms.kannel;

/**
 * What smsbox answered a sendsms request: 202 with "0: Accepted for delivery" or
 * "3: Queued for later delivery" when it took the message, 4xx when it refused the request,
 * 403 for credentials it does not know, 5xx when it cannot pass messages on.
 */
record SendsmsAnswer(int status, String body) {

    boolean accepted() {
        return status >= 200 && status < 300;
    }

    /**
     * Whether messages can go out now: smsbox answered, takes the gateway's credentials and is not
     * reporting a failure of its own. A 400 for one bad message says nothing against the link.
     */
    boolean linkUp() {
        return status < 500 && status != 401 && status != 403;
    }

    @Override
    public String toString() {
        return status + " " + body;
    }
}
