package dev.snoop.bench.ingest;

import dev.snoop.db.input.InputException;
import dev.snoop.db.spec.SpecOperation;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;

/** The endpoints of a spec, by operationId and by kind, and how often e2e tests call each. */
final class Catalog {
  /** Resources that e2e tests and controllers touch far more than the rest. */
  private static final Set<String> HOT =
      Set.of(
          "namespaces",
          "serviceaccounts",
          "configmaps",
          "secrets",
          "services",
          "endpoints",
          "endpointslices",
          "events",
          "deployments",
          "replicasets",
          "nodes",
          "leases");

  final List<Endpoint> endpoints;
  private final Map<String, Endpoint> byOperationId = new HashMap<>();
  private final Map<String, List<Endpoint>> byKind = new HashMap<>();

  /** What e2e tests call, weighted towards get, list and watch on common resources. */
  final WeightedPicker<Endpoint> e2e;

  /** Every endpoint, equally likely. */
  final WeightedPicker<Endpoint> any;

  Catalog(List<SpecOperation> operations) {
    List<Endpoint> all = new ArrayList<>(operations.size());
    for (SpecOperation op : operations) {
      Endpoint e = Endpoint.of(op);
      all.add(e);
      byOperationId.put(e.operationId, e);
      if (e.kind != null && e.subresource == null && e.isResource() && !e.alpha && !e.beta) {
        byKind.computeIfAbsent(e.kind, k -> new ArrayList<>()).add(e);
      }
    }
    this.endpoints = List.copyOf(all);
    this.e2e = WeightedPicker.of(endpoints, Catalog::e2eWeight);
    this.any = where(e -> true);
    if (e2e.isEmpty()) {
      throw new InputException("the spec has no operations to generate requests for");
    }
  }

  /** The endpoint of an operationId, or null when this spec has none. */
  Endpoint get(String operationId) {
    return byOperationId.get(operationId);
  }

  /** The GA operations on a kind's own resource (no subresources), or an empty list. */
  List<Endpoint> ofKind(String kind) {
    return byKind.getOrDefault(kind, List.of());
  }

  Set<String> kinds() {
    return byKind.keySet();
  }

  /** Endpoints that satisfy a condition, equally likely. */
  WeightedPicker<Endpoint> where(Predicate<Endpoint> condition) {
    return WeightedPicker.of(endpoints, e -> condition.test(e) ? 1 : 0);
  }

  static double e2eWeight(Endpoint e) {
    double w =
        switch (e.action == null ? "" : e.action) {
          case "get" -> 30;
          case "list" -> 16;
          case "watch" -> 0.3;
          case "watchlist" -> 0.6;
          case "post" -> 8;
          case "put" -> 4;
          case "patch" -> 5;
          case "delete" -> 6;
          case "deletecollection" -> 1.5;
          case "connect" -> 1.2;
          default -> 1.5;
        };
    if (e.resource != null) {
      if (e.resource.equals("pods")) {
        w *= 15;
      } else if (HOT.contains(e.resource)) {
        w *= 6;
      }
      if (e.subresource != null && !e.subresource.equals("status")) {
        w *= 0.5;
      }
    }
    if (e.alpha) {
      w *= 0.05;
    } else if (e.beta) {
      w *= 0.3;
    }
    return w;
  }
}
