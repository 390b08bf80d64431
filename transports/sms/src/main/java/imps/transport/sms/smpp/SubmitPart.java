package imps.transport.sms.smpp;

/**
 * One submit_sm's worth of a mobile-terminated message: the phone it goes to, its esm_class (UDHI
 * set when {@code shortMessage} starts with a user data header), data_coding and short_message octets.
 */
record SubmitPart(String recipient, int esmClass, int dataCoding, byte[] shortMessage) {
}
