package dev.snoop.bench.ingest;

/** Who made a generated request, and whether the spec has its endpoint. */
public enum Traffic {
  /** e2e.test inside a test of the release's conformance list. */
  E2E_CONFORMANCE(true),
  /** e2e.test inside a test that is not a conformance test. */
  E2E_OTHER(true),
  /** e2e.test outside any test (suite setup): no {@code " -- "} in the userAgent. */
  E2E_SETUP(true),
  /** kube-controller-manager: its controllers, leader election and shared informers. */
  CONTROLLER_MANAGER(true),
  KUBE_SCHEDULER(true),
  KUBELET(true),
  KUBECTL(true),
  METRICS_SERVER(true),
  /** kube-probe on /healthz, /livez, /readyz: no API operation. */
  HEALTH_PROBE(false),
  /** Custom resources under /apis/stable.example.com and other CRD groups. */
  CUSTOM_RESOURCE(false),
  /** Aggregated APIs: /apis/metrics.k8s.io, /apis/wardle.example.com. */
  AGGREGATED_API(false);

  private final boolean inSpec;

  Traffic(boolean inSpec) {
    this.inSpec = inSpec;
  }

  /** True when every request of this traffic maps to an operation of the spec. */
  public boolean inSpec() {
    return inSpec;
  }
}
