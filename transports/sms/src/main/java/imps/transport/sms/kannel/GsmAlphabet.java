package imps.transport.sms.kannel;

/**
 * The characters of the GSM 7-bit default alphabet and its extension table (3GPP TS 23.038 §6.2.1).
 * Text made only of these goes out 7-bit, up to 160 characters per SMS; anything else needs UCS-2,
 * where Kannel would otherwise replace the missing characters with '?'.
 */
final class GsmAlphabet {
    private static final String BASIC =
            "@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞÆæßÉ !\"#¤%&'()*+,-./0123456789:;<=>?"
            + "¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà";
    private static final String EXTENSION = "\f^{}\\[~]|€";

    private GsmAlphabet() {
    }

    static boolean canEncode(String text) {
        return text.codePoints().allMatch(c -> c <= 0xFFFF
                && (BASIC.indexOf(c) >= 0 || EXTENSION.indexOf(c) >= 0));
    }
}
