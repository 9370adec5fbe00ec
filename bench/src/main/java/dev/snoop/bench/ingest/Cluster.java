package dev.snoop.bench.ingest;

import java.util.SplittableRandom;

/**
 * The simulated cluster a log comes from: a kind cluster of one control plane and three workers,
 * the e2e tests running in it (their namespaces name the objects controllers and kubelets act on),
 * and the resourceVersion that writes advance.
 */
final class Cluster {
  static final String[] NODES = {
    "kind-control-plane", "kind-worker", "kind-worker2", "kind-worker3"
  };
  static final String[] NODE_IPS = {"172.18.0.3", "172.18.0.2", "172.18.0.4", "172.18.0.5"};
  static final String CONTROL_PLANE_IP = NODE_IPS[0];

  /** The host, where e2e.test and kubectl run. */
  static final String HOST_IP = "172.18.0.1";

  private static final char[] SUFFIX = "bcdfghjklmnpqrstvwxz2456789".toCharArray();

  final String version;
  final String commit;

  /** The tests running now, one per ginkgo process; filled by the e2e traffic. */
  final TestRun[] running = new TestRun[8];

  private long resourceVersion = 1_000 + 17;

  Cluster(String version) {
    this.version = version;
    this.commit = String.format("%07x", version.hashCode() & 0xfffffff);
  }

  /** A client-go userAgent: {@code <component>/<version> (linux/amd64) kubernetes/<commit>}. */
  String agent(String component) {
    return component + "/" + version + " (linux/amd64) kubernetes/" + commit;
  }

  long nextResourceVersion(SplittableRandom random) {
    resourceVersion += 1 + random.nextInt(6);
    return resourceVersion;
  }

  long resourceVersion() {
    return resourceVersion;
  }

  /** A running test, to name the objects a component acts on; null before any test started. */
  TestRun anyTest(SplittableRandom random) {
    TestRun test = running[random.nextInt(running.length)];
    if (test == null) {
      for (TestRun t : running) {
        if (t != null) {
          return t;
        }
      }
    }
    return test;
  }

  /** The random suffix of generated names, as in {@code e2e-tests-pods-x7k2q}. */
  static String suffix(SplittableRandom random, int length) {
    char[] chars = new char[length];
    for (int i = 0; i < length; i++) {
      chars[i] = SUFFIX[random.nextInt(SUFFIX.length)];
    }
    return new String(chars);
  }
}
