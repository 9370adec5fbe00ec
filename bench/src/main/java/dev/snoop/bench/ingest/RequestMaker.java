package dev.snoop.bench.ingest;

import dev.snoop.bench.ingest.Request.Stage;
import java.util.SplittableRandom;

/**
 * Makes a request for an endpoint: fills its path template, adds the query string the client would
 * send, derives verb and objectRef, and picks the response code.
 */
final class RequestMaker {
  /** Who sends it decides the query string: informers list from 0 and watch with bookmarks. */
  enum Client {
    E2E,
    INFORMER,
    KUBECTL,
    PLAIN
  }

  private static final String[] NODE_PATHS = {
    "metrics", "metrics/cadvisor", "stats/summary", "logs/", "configz", "pods", "healthz"
  };
  private static final String[] LOG_PATHS = {"kube-apiserver.log", "containers/", "pods/"};
  private static final String[] LABELS = {
    "?labelSelector=name%3Dsample-pod",
    "?labelSelector=e2e-test%3Dtrue",
    "?labelSelector=app%3Dagnhost"
  };

  private final Cluster cluster;
  private final SplittableRandom random;
  private final StringBuilder uri = new StringBuilder(256);
  private long sequence;

  RequestMaker(Cluster cluster, SplittableRandom random) {
    this.cluster = cluster;
    this.random = random;
  }

  /**
   * A request to an endpoint of the spec.
   *
   * @param name the {@code {name}} parameter, or the name of the object a create makes
   * @param watch log a list as a watch ({@code ?watch=true})
   * @param query the query string to send, or null for the client's usual one
   */
  Request make(
      Traffic traffic,
      Principal principal,
      Endpoint e,
      String namespace,
      String name,
      Client client,
      boolean watch,
      String query) {
    Request r = start(traffic, principal);
    r.endpoint = e;
    r.verb = e.list && watch ? "watch" : e.verb;
    uri.setLength(0);
    e.appendPath(uri, namespace, name, restPath(e));
    if (query != null) {
      uri.append(query);
    } else {
      appendQuery(e, r.verb, client, name);
    }
    r.uri = uri.toString();
    if (e.isResource()) {
      r.resource = e.resource;
      r.apiGroup = e.apiGroup;
      r.apiVersion = e.apiVersion;
      r.subresource = e.subresource;
      boolean namespaceObject = e.nameKind == Endpoint.NameKind.NAMESPACE;
      r.namespace = e.namespaced ? namespace : (namespaceObject && e.named ? name : null);
      boolean creates =
          r.verb.equals("create") && e.subresource == null && !e.resource.endsWith("reviews");
      r.name = e.named || creates ? name : null;
      r.nameFromBody = creates && !e.named;
      r.kind = e.kind;
    }
    if (r.verb.equals("update") && (e.subresource == null || "status".equals(e.subresource))) {
      r.resourceVersion = cluster.resourceVersion() - random.nextInt(40);
      r.uidHigh = random.nextLong();
      r.uidLow = random.nextLong();
    }
    r.podSecurity = "pods".equals(e.resource) && e.subresource == null && r.verb.equals("create");
    r.code = ResponseCodes.pick(random, r);
    r.longRunning = (r.verb.equals("watch") || e.upgrade) && r.code < 300;
    if (r.code < 300 && isWrite(r.verb)) {
      cluster.nextResourceVersion(random);
    }
    return r;
  }

  /** A resource no spec operation serves: a custom resource or one of an aggregated API. */
  record OffSpecResource(String apiGroup, String apiVersion, String resource, String kind) {}

  /**
   * A request to a path the spec does not have (health, CRD, aggregated API).
   *
   * @param resource the objectRef's resource, or null for a path that is not a resource
   */
  Request make(
      Traffic traffic,
      Principal principal,
      String verb,
      String requestUri,
      OffSpecResource resource,
      String namespace,
      String name) {
    Request r = start(traffic, principal);
    r.verb = verb;
    r.uri = requestUri;
    if (resource != null) {
      r.resource = resource.resource();
      r.apiGroup = resource.apiGroup();
      r.apiVersion = resource.apiVersion();
      r.kind = resource.kind();
      r.namespace = namespace;
      r.name = name;
      r.nameFromBody = verb.equals("create") && name != null;
    }
    r.code = ResponseCodes.pick(random, r);
    r.longRunning = verb.equals("watch") && r.code < 300;
    return r;
  }

  private Request start(Traffic traffic, Principal principal) {
    Request r = new Request();
    r.traffic = traffic;
    r.principal = principal;
    r.idHigh = random.nextLong();
    r.idLow = random.nextLong();
    r.sequence = sequence++;
    r.next = Stage.RESPONSE_COMPLETE;
    return r;
  }

  private static boolean isWrite(String verb) {
    return switch (verb) {
      case "create", "update", "patch", "delete", "deletecollection" -> true;
      default -> false;
    };
  }

  private String restPath(Endpoint e) {
    for (Endpoint.Param p : e.params) {
      if (p == Endpoint.Param.LOGPATH) {
        return LOG_PATHS[random.nextInt(LOG_PATHS.length)];
      }
      if (p == Endpoint.Param.PATH) {
        return "nodes".equals(e.resource)
            ? NODE_PATHS[random.nextInt(NODE_PATHS.length)]
            : "some/path/with/" + e.operation.method();
      }
    }
    return null;
  }

  private void appendQuery(Endpoint e, String verb, Client client, String name) {
    if (e.head) {
      if (uri.lastIndexOf("HEAD") != uri.length() - 4) {
        uri.append("?method=HEAD");
      }
      return;
    }
    if ("proxy".equals(e.subresource) && e.params[e.params.length - 1] != Endpoint.Param.PATH) {
      uri.append("?method=").append(e.operation.method());
      return;
    }
    if (e.upgrade) {
      uri.append(
          "exec".equals(e.subresource)
              ? "?command=%2Fbin%2Fsh&command=-c&command=cat+%2Fetc%2Fresolv.conf"
                  + "&container=agnhost&stderr=true&stdout=true"
              : "?container=agnhost&stdin=true&stdout=true");
      return;
    }
    if ("log".equals(e.subresource)) {
      uri.append("?container=agnhost");
      return;
    }
    if (!e.isResource()) {
      if (client != Client.E2E || random.nextBoolean()) {
        uri.append("?timeout=32s");
      }
      return;
    }
    switch (verb) {
      case "watch" -> {
        if (!e.list) {
          if (random.nextBoolean()) {
            uri.append("?resourceVersion=").append(cluster.resourceVersion());
          }
        } else if (client == Client.INFORMER) {
          int seconds = 300 + random.nextInt(300);
          uri.append("?allowWatchBookmarks=true&resourceVersion=")
              .append(cluster.resourceVersion() - random.nextInt(200))
              .append("&timeout=")
              .append(seconds / 60)
              .append('m')
              .append(seconds % 60)
              .append("s&timeoutSeconds=")
              .append(seconds)
              .append("&watch=true");
        } else if (name != null && random.nextInt(3) == 0) {
          uri.append("?fieldSelector=metadata.name%3D")
              .append(name)
              .append("&resourceVersion=")
              .append(cluster.resourceVersion())
              .append("&watch=true");
        } else {
          uri.append("?resourceVersion=").append(cluster.resourceVersion()).append("&watch=true");
        }
      }
      case "list" -> {
        if (client == Client.INFORMER) {
          uri.append("?limit=500&resourceVersion=0");
        } else if (client == Client.KUBECTL) {
          uri.append("?limit=500");
        } else {
          int pick = random.nextInt(10);
          if (pick < 3) {
            uri.append("?limit=500");
          } else if (pick < 5) {
            uri.append(LABELS[random.nextInt(LABELS.length)]);
          }
        }
      }
      case "create", "update", "patch" -> {
        if (client == Client.KUBECTL) {
          uri.append(
              verb.equals("patch")
                  ? "?fieldManager=kubectl-patch"
                  : "?fieldManager=kubectl-client-side-apply&fieldValidation=Strict");
        } else if (client == Client.PLAIN && random.nextBoolean()) {
          uri.append("?timeout=10s");
        }
      }
      default -> {}
    }
  }
}
