package imps.transport.tcpcir;

import imps.fuzz.ShortFuzzRun;

/** The short fuzzing run of the TCP CIR line reader. */
class TcpCirShortFuzzRunTest extends ShortFuzzRun {
}
