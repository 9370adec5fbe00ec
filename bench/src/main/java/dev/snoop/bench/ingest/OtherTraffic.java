package dev.snoop.bench.ingest;

import dev.snoop.bench.ingest.RequestMaker.Client;
import dev.snoop.bench.ingest.RequestMaker.OffSpecResource;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;

/**
 * The rest: kubectl, kube-probe on the health paths, and the requests no spec operation serves, for
 * custom resources (CRD tests and the garbage collector) and aggregated APIs (metrics-server for
 * the HPA and kubectl top, the sample API server of the Aggregator test).
 */
final class OtherTraffic {
  private static final String[] HEALTH = {
    "/livez", "/readyz", "/healthz", "/readyz?verbose", "/livez?exclude=etcd", "/readyz/shutdown"
  };
  private static final OffSpecResource CRONTABS =
      new OffSpecResource("stable.example.com", "v1", "crontabs", "CronTab");
  private static final OffSpecResource NOXUS =
      new OffSpecResource("mygroup.example.com", "v1beta1", "noxus", "WishIHadChosenNoxu");
  private static final OffSpecResource POD_METRICS =
      new OffSpecResource("metrics.k8s.io", "v1beta1", "pods", "PodMetrics");
  private static final OffSpecResource NODE_METRICS =
      new OffSpecResource("metrics.k8s.io", "v1beta1", "nodes", "NodeMetrics");
  private static final OffSpecResource FLUNDERS =
      new OffSpecResource("wardle.example.com", "v1alpha1", "flunders", "Flunder");
  private static final String[] CRD_VERBS = {
    "get", "get", "get", "list", "list", "watch", "create", "create", "update", "patch", "delete"
  };

  private final Catalog catalog;
  private final Cluster cluster;
  private final RequestMaker maker;
  private final SplittableRandom random;
  private final WeightedPicker<Endpoint> discovery;
  private final Principal kubectl;
  private final Principal probe;
  private final Principal crdTest;
  private final Principal aggregatorTest;
  private final Principal garbageCollector;
  private final Principal autoscaler;
  private final Principal quota;

  OtherTraffic(
      Catalog catalog,
      List<String> conformance,
      Cluster cluster,
      RequestMaker maker,
      E2eTraffic e2e,
      SplittableRandom random) {
    this.catalog = catalog;
    this.cluster = cluster;
    this.maker = maker;
    this.random = random;
    this.discovery = catalog.where(e -> e.action == null && !e.operationId.startsWith("log"));
    this.kubectl = e2e.admin(cluster.agent("kubectl"));
    String minor = cluster.version.replaceFirst("^v(\\d+\\.\\d+).*$", "$1");
    this.probe =
        Principal.of(
            "system:anonymous",
            null,
            List.of("system:unauthenticated"),
            Cluster.CONTROL_PLANE_IP,
            "kube-probe/" + minor,
            Principal.rbac(
                "ClusterRoleBinding",
                "system:public-info-viewer",
                "system:public-info-viewer",
                "Group \"system:unauthenticated\""));
    this.crdTest =
        e2e.admin(
            e2eAgent(
                conformance,
                "CustomResource",
                "[sig-api-machinery] Garbage collector should support cascading deletion of custom"
                    + " resources"));
    this.aggregatorTest =
        e2e.admin(
            e2eAgent(
                conformance,
                "Aggregator",
                "[sig-api-machinery] Aggregator Should be able to support the sample API server"));
    this.garbageCollector = ComponentCalls.sa(cluster, "generic-garbage-collector")[0];
    this.autoscaler = ComponentCalls.sa(cluster, "horizontal-pod-autoscaler")[0];
    this.quota = ComponentCalls.sa(cluster, "resourcequota-controller")[0];
  }

  private String e2eAgent(List<String> conformance, String word, String fallback) {
    String codename =
        conformance.stream().filter(name -> name.contains(word)).findFirst().orElse(fallback);
    return cluster.agent("e2e.test") + " -- " + codename;
  }

  Request kubectl() {
    if (random.nextInt(10) < 4 && !discovery.isEmpty()) {
      return maker.make(
          Traffic.KUBECTL,
          kubectl,
          discovery.pick(random),
          null,
          null,
          Client.KUBECTL,
          false,
          null);
    }
    Endpoint e = catalog.e2e.pick(random);
    TestRun test = cluster.anyTest(random);
    String namespace = test == null ? "default" : test.namespace;
    String name =
        switch (e.nameKind) {
          case NODE -> Cluster.NODES[random.nextInt(Cluster.NODES.length)];
          case NAMESPACE -> namespace;
          case OBJECT -> e.nameBase + "-" + (test == null ? "sample" : test.suffix);
        };
    return maker.make(Traffic.KUBECTL, kubectl, e, namespace, name, Client.KUBECTL, false, null);
  }

  Request healthProbe() {
    String path = HEALTH[random.nextInt(HEALTH.length)];
    return maker.make(Traffic.HEALTH_PROBE, probe, "get", path, null, null, null);
  }

  /** A custom resource of the CRD tests: namespaced crontabs or cluster-scoped noxus. */
  Request customResource() {
    OffSpecResource resource = random.nextInt(10) < 7 ? CRONTABS : NOXUS;
    boolean namespaced = resource == CRONTABS;
    TestRun test = cluster.anyTest(random);
    String suffix = test == null ? "x" : test.suffix;
    String namespace = namespaced ? (test == null ? "default" : test.namespace) : null;
    boolean collector = random.nextInt(10) < 3;
    String verb = collector ? "watch" : CRD_VERBS[random.nextInt(CRD_VERBS.length)];
    boolean named = !verb.equals("list") && !verb.equals("watch");
    String name = named ? resource.kind().toLowerCase(Locale.ROOT) + "-" + suffix : null;
    StringBuilder uri = new StringBuilder("/apis/").append(resource.apiGroup()).append('/');
    uri.append(resource.apiVersion());
    if (namespace != null && !collector) {
      uri.append("/namespaces/").append(namespace);
    }
    uri.append('/').append(resource.resource());
    if (named && !verb.equals("create")) {
      uri.append('/').append(name);
    }
    if (collector) {
      uri.append("?allowWatchBookmarks=true&resourceVersion=").append(cluster.resourceVersion());
      uri.append("&timeoutSeconds=512&watch=true");
    } else if (verb.equals("watch")) {
      uri.append("?resourceVersion=").append(cluster.resourceVersion()).append("&watch=true");
    } else if (verb.equals("list")) {
      uri.append("?limit=500");
    }
    return maker.make(
        Traffic.CUSTOM_RESOURCE,
        collector ? garbageCollector : crdTest,
        verb,
        uri.toString(),
        resource,
        collector ? null : namespace,
        name);
  }

  /** metrics.k8s.io for the HPA and kubectl top, its discovery, and the sample API server. */
  Request aggregated() {
    int roll = random.nextInt(100);
    TestRun test = cluster.anyTest(random);
    String namespace = test == null ? "default" : test.namespace;
    String metrics = "/apis/metrics.k8s.io/v1beta1";
    Traffic t = Traffic.AGGREGATED_API;
    if (roll < 35) {
      String pods = metrics + "/namespaces/" + namespace + "/pods?labelSelector=name%3Dconsumer";
      return maker.make(t, autoscaler, "list", pods, POD_METRICS, namespace, null);
    }
    if (roll < 50) {
      String node = Cluster.NODES[random.nextInt(Cluster.NODES.length)];
      return random.nextBoolean()
          ? maker.make(t, kubectl, "get", metrics + "/nodes/" + node, NODE_METRICS, null, node)
          : maker.make(t, kubectl, "list", metrics + "/nodes", NODE_METRICS, null, null);
    }
    if (roll < 75) {
      return maker.make(t, quota, "get", metrics + "?timeout=32s", null, null, null);
    }
    String flunders = "/apis/wardle.example.com/v1alpha1/namespaces/" + namespace + "/flunders";
    String name = "rest-flunder-" + (test == null ? "x" : test.suffix);
    String one = flunders + "/" + name;
    return switch (random.nextInt(4)) {
      case 0 -> maker.make(t, aggregatorTest, "create", flunders, FLUNDERS, namespace, name);
      case 1 -> maker.make(t, aggregatorTest, "list", flunders, FLUNDERS, namespace, null);
      case 2 -> maker.make(t, aggregatorTest, "delete", one, FLUNDERS, namespace, name);
      default -> maker.make(t, aggregatorTest, "get", one, FLUNDERS, namespace, name);
    };
  }
}
