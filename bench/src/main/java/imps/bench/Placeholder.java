package imps.bench;
final class Placeholder {}
