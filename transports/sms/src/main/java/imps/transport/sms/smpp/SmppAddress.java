package imps.transport.sms.smpp;

import org.jsmpp.bean.NumberingPlanIndicator;
import org.jsmpp.bean.TypeOfNumber;

/**
 * A phone number or sender name as SMPP addresses it (SMPP 3.4 §5.2.5 and §5.2.6). The gateway
 * writes international numbers as {@code +<digits>}; SMPP carries them as digits with TON
 * international, so a phone's number reads the same in a received message and in the reply.
 */
record SmppAddress(TypeOfNumber ton, NumberingPlanIndicator npi, String address) {

    static SmppAddress of(String number) {
        if (number.startsWith("+") && isDigits(number.substring(1))) {
            return new SmppAddress(TypeOfNumber.INTERNATIONAL, NumberingPlanIndicator.ISDN, number.substring(1));
        }
        if (isDigits(number)) {
            return new SmppAddress(TypeOfNumber.UNKNOWN, NumberingPlanIndicator.ISDN, number);
        }
        return new SmppAddress(TypeOfNumber.ALPHANUMERIC, NumberingPlanIndicator.UNKNOWN, number);
    }

    /** The gateway's form of a received address. */
    static String toNumber(byte ton, String address) {
        String value = address == null ? "" : address;
        if (ton == TypeOfNumber.INTERNATIONAL.value() && !value.startsWith("+")) {
            return "+" + value;
        }
        return value;
    }

    private static boolean isDigits(String s) {
        return !s.isEmpty() && s.chars().allMatch(c -> c >= '0' && c <= '9');
    }
}
