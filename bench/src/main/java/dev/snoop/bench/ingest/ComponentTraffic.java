package dev.snoop.bench.ingest;

import dev.snoop.bench.ingest.RequestMaker.Client;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.function.Predicate;

/**
 * The cluster's own clients: kube-controller-manager's controllers, kube-scheduler, the kubelets
 * and metrics-server. Each call is an operation, where its objects live and how the component sends
 * it; calls of operations the spec does not have are left out.
 */
final class ComponentTraffic {
  private static final String SYSTEM = "kube-system";

  /** One kind of call a component makes; an endpoint or a choice among endpoints. */
  static final class Call {
    final Traffic traffic;
    final Principal[] principals;
    final WeightedPicker<Endpoint> endpoints;
    final double weight;
    String namespace;
    String name;
    String query;
    boolean watch;
    boolean list;

    Call(Traffic traffic, Principal[] principals, WeightedPicker<Endpoint> endpoints, double w) {
      this.traffic = traffic;
      this.principals = principals;
      this.endpoints = endpoints;
      this.weight = w;
    }

    Call in(String namespace) {
      this.namespace = namespace;
      return this;
    }

    Call named(String name) {
      this.name = name;
      return this;
    }

    Call query(String query) {
      this.query = query;
      return this;
    }

    Call watching() {
      this.watch = true;
      return this;
    }

    Call listing() {
      this.list = true;
      return this;
    }
  }

  private final Catalog catalog;
  private final Cluster cluster;
  private final RequestMaker maker;
  private final SplittableRandom random;
  private final List<Call> calls = new ArrayList<>();
  private final WeightedPicker<Call> controllerManager;
  private final WeightedPicker<Call> scheduler;
  private final WeightedPicker<Call> kubelet;
  private final WeightedPicker<Call> metricsServer;

  ComponentTraffic(Catalog catalog, Cluster cluster, RequestMaker maker, SplittableRandom random) {
    this.catalog = catalog;
    this.cluster = cluster;
    this.maker = maker;
    this.random = random;
    ComponentCalls.addAll(this, cluster);
    this.controllerManager = picker(Traffic.CONTROLLER_MANAGER);
    this.scheduler = picker(Traffic.KUBE_SCHEDULER);
    this.kubelet = picker(Traffic.KUBELET);
    this.metricsServer = picker(Traffic.METRICS_SERVER);
  }

  /** Adds a call of an operation; nothing when the spec does not have it. */
  Call add(Traffic traffic, Principal[] who, double weight, String operationId) {
    Endpoint e = catalog.get(operationId);
    Call call =
        new Call(
            traffic, who, WeightedPicker.of(e == null ? List.of() : List.of(e), x -> 1), weight);
    if (e != null) {
      calls.add(call);
    }
    return call;
  }

  /** Adds a call of any of the endpoints that satisfy a condition. */
  Call addAny(Traffic traffic, Principal[] who, double weight, Predicate<Endpoint> any) {
    Call call = new Call(traffic, who, catalog.where(any), weight);
    if (!call.endpoints.isEmpty()) {
      calls.add(call);
    }
    return call;
  }

  private WeightedPicker<Call> picker(Traffic traffic) {
    return WeightedPicker.of(calls, c -> c.traffic == traffic ? c.weight : 0);
  }

  /** The next request of a component, or null when the spec has none of its calls. */
  Request next(Traffic traffic) {
    WeightedPicker<Call> picker =
        switch (traffic) {
          case CONTROLLER_MANAGER -> controllerManager;
          case KUBE_SCHEDULER -> scheduler;
          case KUBELET -> kubelet;
          default -> metricsServer;
        };
    if (picker.isEmpty()) {
      return null;
    }
    Call call = picker.pick(random);
    Endpoint e = call.endpoints.pick(random);
    int who = random.nextInt(call.principals.length);
    String node =
        Cluster.NODES[traffic == Traffic.KUBELET ? who : random.nextInt(Cluster.NODES.length)];
    TestRun test = cluster.anyTest(random);
    String namespace =
        call.namespace != null ? call.namespace : test == null ? SYSTEM : test.namespace;
    String name;
    if (call.name != null) {
      name = call.name.equals("%NODE%") ? node : call.name;
    } else {
      name =
          switch (e.nameKind) {
            case NODE -> node;
            case NAMESPACE -> namespace;
            case OBJECT -> e.nameBase + "-" + (test == null ? "kube" : test.suffix);
          };
    }
    boolean watch = call.watch || (!call.list && e.list && random.nextInt(3) > 0);
    String query =
        call.query == null
            ? null
            : call.query
                .replace("%NODE%", node)
                .replace("%RV%", Long.toString(cluster.resourceVersion()));
    Client client = e.list ? Client.INFORMER : Client.PLAIN;
    return maker.make(traffic, call.principals[who], e, namespace, name, client, watch, query);
  }
}
