package dev.snoop.bench.ingest;

import java.util.SplittableRandom;

/**
 * Response codes as an e2e run sees them: mostly 200 and 201, a few 404 (gets of deleted objects),
 * 409 (conflicts, existing names), 422, 403, and about 1% 500 and 503.
 */
final class ResponseCodes {
  private ResponseCodes() {}

  static int pick(SplittableRandom random, Request r) {
    int roll = random.nextInt(1000);
    if (roll < 3) {
      return 500;
    }
    if (roll < 10 || (r.traffic == Traffic.AGGREGATED_API && roll < 60)) {
      return 503;
    }
    Endpoint e = r.endpoint;
    if (e != null && e.upgrade) {
      return 101;
    }
    if (e != null && "connect".equals(e.action)) {
      return 200;
    }
    roll = random.nextInt(1000);
    boolean named = r.name != null;
    return switch (r.verb) {
      case "get" -> named && roll < 60 ? 404 : roll < 65 && r.resource != null ? 403 : 200;
      case "list", "watch" -> roll < 5 ? 403 : 200;
      case "create" -> roll < 30 ? 409 : roll < 45 ? 422 : roll < 55 ? 403 : 201;
      case "update" -> roll < 50 ? 409 : roll < 60 ? 422 : roll < 70 ? 404 : 200;
      case "patch" -> roll < 20 ? 404 : roll < 35 ? 422 : 200;
      case "delete" -> roll < 50 ? 404 : 200;
      default -> 200;
    };
  }
}
