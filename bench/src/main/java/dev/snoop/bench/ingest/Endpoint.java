package dev.snoop.bench.ingest;

import dev.snoop.db.spec.SpecOperation;
import dev.snoop.ingest.matcher.HttpMethod;

/**
 * One spec operation prepared for generating requests: its path template split into literals and
 * parameters, the audit verb it is logged with, and the objectRef the apiserver derives from its
 * URI (as {@code RequestInfoFactory} does: a {@code namespaces/<ns>} prefix is the namespace, then
 * resource, name and subresource; a {@code namespaces} request names its own namespace).
 */
final class Endpoint {
  enum Param {
    NONE,
    NAMESPACE,
    NAME,
    PATH,
    LOGPATH
  }

  /** What a {@code {name}} parameter stands for. */
  enum NameKind {
    OBJECT,
    NODE,
    NAMESPACE
  }

  final SpecOperation operation;
  final String operationId;
  final String action;

  /** The audit verb; a list is logged as list or, with {@code ?watch=true}, as watch. */
  final String verb;

  final boolean list;
  final boolean watch;
  final boolean head;

  /** exec, attach and portforward: upgraded to a stream, answered 101. */
  final boolean upgrade;

  final String[] literals;
  final Param[] params;
  final NameKind nameKind;
  final boolean namespaced;
  final boolean named;

  /** objectRef fields; resource is null for a non-resource path (discovery, /version, /logs). */
  final String resource;

  final String subresource;
  final String apiGroup;
  final String apiVersion;
  final String kind;

  /** The first part of names made for objects of this resource, e.g. "deployment". */
  final String nameBase;

  final boolean alpha;
  final boolean beta;

  private Endpoint(SpecOperation op) {
    this.operation = op;
    this.operationId = op.operationId();
    this.action = op.action();
    this.verb = HttpMethod.of(op.method()).auditVerb(op.action());
    this.list = "list".equals(op.action());
    this.watch = "watch".equals(verb);
    this.head = "HEAD".equals(op.method());
    String path = op.path();
    if (path.length() > 1 && path.endsWith("/")) {
      path = path.substring(0, path.length() - 1);
    }
    String[] segments = path.substring(1).split("/");
    literals = new String[segments.length];
    params = new Param[segments.length];
    boolean hasNamespace = false;
    boolean hasName = false;
    for (int i = 0; i < segments.length; i++) {
      String s = segments[i];
      params[i] =
          switch (s) {
            case "{namespace}" -> Param.NAMESPACE;
            case "{name}" -> Param.NAME;
            case "{path}" -> Param.PATH;
            case "{logpath}" -> Param.LOGPATH;
            default -> s.startsWith("{") ? Param.NAME : Param.NONE;
          };
      literals[i] = params[i] == Param.NONE ? s : null;
      hasNamespace |= params[i] == Param.NAMESPACE;
      hasName |= params[i] == Param.NAME;
    }
    this.namespaced = hasNamespace;
    this.named = hasName;

    int i;
    String group = null;
    String version = null;
    if (segments.length >= 2 && segments[0].equals("api")) {
      group = "";
      version = segments[1];
      i = 2;
    } else if (segments.length >= 3 && segments[0].equals("apis")) {
      group = segments[1];
      version = segments[2];
      i = 3;
    } else {
      i = segments.length;
    }
    String res = null;
    String sub = null;
    if (i < segments.length) {
      if (segments[i].equals("watch")) {
        i++;
      }
      if (i + 2 < segments.length
          && segments[i].equals("namespaces")
          && segments[i + 1].equals("{namespace}")) {
        i += 2;
      }
      res = segments[i++];
      if (i < segments.length && segments[i].startsWith("{")) {
        i++;
      }
      if (i < segments.length && !segments[i].startsWith("{")) {
        sub = segments[i];
      }
    }
    this.resource = res;
    this.subresource = sub;
    this.apiGroup = res == null ? null : group;
    this.apiVersion = res == null ? null : version;
    this.kind = op.kind();
    this.nameKind =
        "nodes".equals(res)
            ? NameKind.NODE
            : "namespaces".equals(res) ? NameKind.NAMESPACE : NameKind.OBJECT;
    this.nameBase = nameBase(res);
    this.upgrade =
        "connect".equals(op.action())
            && ("exec".equals(sub) || "attach".equals(sub) || "portforward".equals(sub));
    this.alpha = version != null && version.matches("v\\d+alpha\\d+");
    this.beta = version != null && version.matches("v\\d+beta\\d+");
  }

  static Endpoint of(SpecOperation op) {
    return new Endpoint(op);
  }

  boolean isResource() {
    return resource != null;
  }

  /** A list of every namespace or of a cluster-scoped resource, as informers watch. */
  boolean isClusterWideList() {
    return list && !namespaced;
  }

  /** Appends the path with its parameters filled in; no query string. */
  void appendPath(StringBuilder out, String namespace, String name, String restPath) {
    if (literals.length == 1 && literals[0] != null && literals[0].isEmpty()) {
      out.append('/');
      return;
    }
    for (int i = 0; i < literals.length; i++) {
      out.append('/');
      switch (params[i]) {
        case NONE -> out.append(literals[i]);
        case NAMESPACE -> out.append(namespace);
        case NAME -> out.append(name);
        case PATH, LOGPATH -> out.append(restPath);
      }
    }
  }

  /** The singular of a resource, near enough for names: "ingresses" to "ingress". */
  private static String nameBase(String resource) {
    if (resource == null) {
      return "object";
    }
    if (resource.endsWith("ies")) {
      return resource.substring(0, resource.length() - 3) + "y";
    }
    if (resource.endsWith("sses")) {
      return resource.substring(0, resource.length() - 2);
    }
    return resource.endsWith("s") ? resource.substring(0, resource.length() - 1) : resource;
  }

  @Override
  public String toString() {
    return operation.method() + " " + operation.path() + " (" + operationId + ")";
  }
}
