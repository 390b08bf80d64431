package imps.transport.sms.kannel;

/** Kannel's message coding, as in sendsms {@code coding} and the sms-service escape {@code %c}. */
enum Coding {
    GSM_7BIT(0),
    DATA_8BIT(1),
    UCS2(2);

    final int value;

    Coding(int value) {
        this.value = value;
    }

    /** @throws IllegalArgumentException for anything but "0", "1" or "2" */
    static Coding of(String value) {
        for (Coding c : values()) {
            if (String.valueOf(c.value).equals(value)) {
                return c;
            }
        }
        throw new IllegalArgumentException("unknown coding " + value);
    }
}
