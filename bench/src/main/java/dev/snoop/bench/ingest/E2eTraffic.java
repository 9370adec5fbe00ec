package dev.snoop.bench.ingest;

import dev.snoop.bench.ingest.RequestMaker.Client;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * e2e.test's requests: eight ginkgo processes each run one test at a time. A test creates its
 * namespace, waits for the default service account, calls a few endpoints (those of the kinds its
 * name mentions, and others weighted towards get, list and watch) and deletes its namespace.
 */
final class E2eTraffic {
  /** Made-up tests that are not in any conformance list. */
  static final List<String> OTHER_TESTS =
      List.of(
          "[sig-storage] CSI Mock volume attach CSI attach test using mock driver should require"
              + " VolumeAttach for drivers with attachment [Serial]",
          "[sig-storage] CSI Mock volume storage capacity CSIStorageCapacity unlimited [Serial]",
          "[sig-storage] In-tree Volumes [Driver: local][LocalVolumeType: dir] [Testpattern:"
              + " Pre-provisioned PV (default fs)] subPath should support existing directory",
          "[sig-storage] PersistentVolumes-local Pod with node different from PV's NodeAffinity"
              + " should fail scheduling due to different NodeSelector",
          "[sig-network] Networking Granular Checks: Services should function for pod-Service: http",
          "[sig-network] DNS should support configurable pod resolv.conf",
          "[sig-network] Netpol NetworkPolicy between server and client should enforce policy to"
              + " allow traffic only from a different namespace [Feature:NetworkPolicy]",
          "[sig-network] Services should be able to create a functioning NodePort service [Slow]",
          "[sig-node] Pods Extended Pod Container Status should never report success for a pending"
              + " container",
          "[sig-node] Probing container should be restarted with a GRPC liveness probe"
              + " [NodeConformance]",
          "[sig-node] Security Context should support seccomp runtime/default [LinuxOnly]",
          "[sig-node] NoExecuteTaintManager Single Pod [Serial] evicts pods from tainted nodes",
          "[sig-apps] StatefulSet Basic StatefulSet functionality [StatefulSetBasic] should adopt"
              + " matching orphans and release non-matching pods",
          "[sig-apps] CronJob should delete successful finished jobs with limit of one successful"
              + " job",
          "[sig-apps] DisruptionController evictions: too few pods, absolute => should not allow an"
              + " eviction [Serial]",
          "[sig-scheduling] SchedulerPreemption [Serial] validates basic preemption works",
          "[sig-scheduling] SchedulerPredicates [Serial] validates that there is no conflict"
              + " between pods with same hostPort but different hostIP and protocol",
          "[sig-auth] ServiceAccounts should mount projected service account token when requested",
          "[sig-api-machinery] Garbage collector should support cascading deletion of custom"
              + " resources",
          "[sig-api-machinery] Servers with support for API chunking should support continue"
              + " listing from the last key if the original version has been compacted away [Slow]",
          "[sig-cli] Kubectl client Simple pod should support exec through an HTTP proxy",
          "[sig-instrumentation] MetricsGrabber should grab all metrics from API server.",
          "[sig-autoscaling] [Feature:HPA] Horizontal pod autoscaling (scale resource: CPU)"
              + " [Serial] [Slow] Deployment (Pod Resource) Should scale from 1 pod to 3 pods");

  private static final String[] DRIVERS = {
    "local", "hostPath", "emptydir", "nfs", "csi-hostpath", "iscsi", "ceph", "azure-disk", "gcepd"
  };
  private static final String[] PATTERNS = {
    "Dynamic PV (default fs)",
    "Pre-provisioned PV (ext4)",
    "Inline-volume (default fs)",
    "Generic Ephemeral-volume (block volmode)",
    "Dynamic PV (filesystem volmode)",
    "CSI Ephemeral-volume (default fs)"
  };

  private final Cluster cluster;
  private final RequestMaker maker;
  private final SplittableRandom random;
  private final Shape shape;
  private final Catalog catalog;
  private final List<String> conformance;
  private final Map<String, Endpoint[]> mentioned = new HashMap<>();
  private final WeightedPicker<Endpoint> setup;
  private final Endpoint createNamespace;
  private final Endpoint readServiceAccount;
  private final Endpoint deleteNamespace;

  E2eTraffic(
      Catalog catalog,
      List<String> conformance,
      Cluster cluster,
      RequestMaker maker,
      Shape shape,
      SplittableRandom random) {
    this.shape = shape;
    this.catalog = catalog;
    this.conformance = conformance;
    this.cluster = cluster;
    this.maker = maker;
    this.random = random;
    this.setup =
        catalog.where(
            e -> e.action == null || e.list && !e.namespaced || "nodes".equals(e.resource));
    this.createNamespace = catalog.get("createCoreV1Namespace");
    this.readServiceAccount = catalog.get("readCoreV1NamespacedServiceAccount");
    this.deleteNamespace = catalog.get("deleteCoreV1Namespace");
  }

  /** The next request of one of the running tests; a finished test makes way for the next. */
  Request next() {
    int slot = random.nextInt(cluster.running.length);
    TestRun test = cluster.running[slot];
    if (test == null || test.finished()) {
      test = start();
      cluster.running[slot] = test;
    }
    return request(test);
  }

  private Request request(TestRun t) {
    int step = t.step++;
    boolean inTest = t.traffic != Traffic.E2E_SETUP;
    if (inTest && step == 0 && createNamespace != null) {
      return maker.make(
          t.traffic, t.principal, createNamespace, null, t.namespace, Client.E2E, false, null);
    }
    if (inTest && step == 1 && readServiceAccount != null) {
      return maker.make(
          t.traffic,
          t.principal,
          readServiceAccount,
          t.namespace,
          "default",
          Client.E2E,
          false,
          null);
    }
    if (inTest && step == t.length - 1 && deleteNamespace != null) {
      return maker.make(
          t.traffic, t.principal, deleteNamespace, null, t.namespace, Client.E2E, false, null);
    }
    Endpoint e =
        shape.spreadTests ? catalog.any.pick(random) : t.plan[random.nextInt(t.plan.length)];
    boolean watch = e.list && random.nextInt(4) == 0;
    return maker.make(t.traffic, t.principal, e, t.namespace, name(e, t), Client.E2E, watch, null);
  }

  /** The name of an object of a test: its node, its namespace, or one of its objects. */
  String name(Endpoint e, TestRun t) {
    return switch (e.nameKind) {
      case NODE -> Cluster.NODES[random.nextInt(Cluster.NODES.length)];
      case NAMESPACE -> t.namespace;
      case OBJECT -> {
        String name =
            e.namespaced ? e.nameBase + "-" + t.suffix : "e2e-" + e.nameBase + "-" + t.suffix;
        yield random.nextInt(4) == 0 ? name + "-" + random.nextInt(3) : name;
      }
    };
  }

  private TestRun start() {
    int roll = random.nextInt(100);
    String suffix = Cluster.suffix(random, 5);
    if (roll < 8) {
      String agent = cluster.agent("e2e.test");
      List<Endpoint> plan = new ArrayList<>();
      for (int i = 0; i < 6; i++) {
        plan.add(setup.isEmpty() ? catalog.e2e.pick(random) : setup.pick(random));
      }
      return new TestRun(
          Traffic.E2E_SETUP,
          admin(agent),
          "default",
          suffix,
          plan.toArray(new Endpoint[0]),
          10 + random.nextInt(40));
    }
    boolean conformant = !conformance.isEmpty() && roll < shape.conformancePercent;
    String codename;
    if (conformant) {
      codename = conformance.get(random.nextInt(conformance.size()));
    } else if (shape.spreadTests) {
      codename = generatedTest();
    } else {
      codename = OTHER_TESTS.get(random.nextInt(OTHER_TESTS.size()));
    }
    String agent = cluster.agent("e2e.test") + (shape.namedTests ? " -- " + codename : "");
    List<Endpoint> plan = new ArrayList<>();
    if (!shape.spreadTests) { // a spread test calls any endpoint: it needs no plan
      plan.addAll(List.of(mentioned(codename)));
      int picks = 3 + random.nextInt(8);
      for (int i = 0; i < picks; i++) {
        plan.add(catalog.e2e.pick(random));
      }
    }
    return new TestRun(
        conformant ? Traffic.E2E_CONFORMANCE : Traffic.E2E_OTHER,
        admin(agent),
        "e2e-tests-" + base(codename) + "-" + suffix,
        suffix,
        plan.toArray(new Endpoint[0]),
        10 + random.nextInt(190));
  }

  /**
   * One of the many tests a test matrix generates (driver by pattern by case), as storage's In-tree
   * Volumes suite does: a name seldom seen twice.
   */
  private String generatedTest() {
    return "[sig-storage] In-tree Volumes [Driver: "
        + DRIVERS[random.nextInt(DRIVERS.length)]
        + "] [Testpattern: "
        + PATTERNS[random.nextInt(PATTERNS.length)]
        + "] case "
        + random.nextInt(100_000)
        + " should work";
  }

  /**
   * The cluster admin e2e.test and kubectl run as. In system:masters, it is allowed by the
   * privileged-group authorizer, which gives no reason.
   */
  Principal admin(String agent) {
    return Principal.of(
        "kubernetes-admin",
        null,
        List.of("system:masters", "system:authenticated"),
        Cluster.HOST_IP,
        agent,
        "");
  }

  /**
   * Endpoints of the kinds a test name mentions, e.g. Deployment in "[sig-apps] Deployment ...".
   */
  private Endpoint[] mentioned(String codename) {
    return mentioned.computeIfAbsent(
        codename,
        name -> {
          List<Endpoint> found = new ArrayList<>();
          for (String kind : catalog.kinds()) {
            if (containsWord(name, kind)) {
              found.addAll(catalog.ofKind(kind));
            }
          }
          return found.toArray(new Endpoint[0]);
        });
  }

  private static boolean containsWord(String text, String word) {
    for (int i = text.indexOf(word); i >= 0; i = text.indexOf(word, i + 1)) {
      int end = i + word.length();
      boolean startOk = i == 0 || !Character.isLetter(text.charAt(i - 1));
      boolean endOk =
          end == text.length() || !Character.isLetter(text.charAt(end)) || text.charAt(end) == 's';
      if (startOk && endOk) {
        return true;
      }
    }
    return false;
  }

  /** The namespace base of a test: the first word after its [sig-...] tag, e.g. "pods". */
  static String base(String codename) {
    int start = codename.indexOf("] ");
    String rest = start < 0 ? codename : codename.substring(start + 2);
    StringBuilder base = new StringBuilder();
    for (int i = 0; i < rest.length() && base.length() < 20; i++) {
      char c = Character.toLowerCase(rest.charAt(i));
      if (c == ' ') {
        break;
      }
      if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')) {
        base.append(c);
      }
    }
    return base.isEmpty() ? "e2e" : base.toString().toLowerCase(Locale.ROOT);
  }
}
