package imps.transport.sms;

import imps.fuzz.ShortFuzzRun;

/** The short fuzzing run of the SMS bearer's decoders: SMPP PDUs, user data headers, Kannel requests. */
class SmsShortFuzzRunTest extends ShortFuzzRun {
}
