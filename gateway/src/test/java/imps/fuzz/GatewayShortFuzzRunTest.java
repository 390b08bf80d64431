package imps.fuzz;

/** The short fuzzing run of the gateway's decoders and loaders. */
class GatewayShortFuzzRunTest extends ShortFuzzRun {
}
