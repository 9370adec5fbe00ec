package dev.snoop.bench.ingest;

import java.util.List;
import java.util.Set;
import java.util.function.Predicate;

/**
 * The calls of the cluster's components, as a kind cluster running e2e makes them: leader election,
 * informers (a list, then long watches), controllers writing status and creating the objects they
 * own, kubelets renewing leases and reporting node and pod status.
 */
final class ComponentCalls {
  private static final String SYSTEM = "kube-system";
  private static final String NODE_LEASES = "kube-node-lease";
  private static final Set<String> SCHEDULER_WATCHES =
      Set.of(
          "pods",
          "nodes",
          "persistentvolumes",
          "persistentvolumeclaims",
          "csinodes",
          "csidrivers",
          "csistoragecapacities",
          "storageclasses",
          "services",
          "replicasets",
          "statefulsets",
          "poddisruptionbudgets",
          "namespaces");

  private ComponentCalls() {}

  static void addAll(ComponentTraffic t, Cluster cluster) {
    controllerManager(t, cluster);
    scheduler(t, cluster);
    kubelet(t, cluster);
    metricsServer(t, cluster);
  }

  private static void controllerManager(ComponentTraffic t, Cluster c) {
    Traffic kcm = Traffic.CONTROLLER_MANAGER;
    Principal[] leader = kcm(c, "leader-election");
    t.add(kcm, leader, 5, "replaceCoordinationV1NamespacedLease")
        .in(SYSTEM)
        .named("kube-controller-manager")
        .query("?timeout=5s");
    t.add(kcm, leader, 1, "readCoordinationV1NamespacedLease")
        .in(SYSTEM)
        .named("kube-controller-manager")
        .query("?timeout=5s");
    Predicate<Endpoint> informed = e -> e.isClusterWideList() && !e.alpha && !e.beta;
    Principal[] informers = kcm(c, "shared-informers");
    t.addAny(kcm, informers, 6, informed).watching();
    t.addAny(kcm, informers, 1, informed).listing();
    Principal[] gc = sa(c, "generic-garbage-collector");
    t.addAny(kcm, gc, 2, informed).watching();
    t.add(kcm, gc, 0.5, "deleteAppsV1NamespacedReplicaSet");
    t.add(kcm, gc, 0.5, "deleteCoreV1NamespacedPod");
    Principal[] ns = sa(c, "namespace-controller");
    t.addAny(kcm, ns, 3, e -> "deletecollection".equals(e.action) && e.namespaced && !e.alpha);
    t.addAny(kcm, ns, 3, e -> e.list && e.namespaced && !e.alpha).listing();
    t.add(kcm, ns, 0.5, "replaceCoreV1NamespaceFinalize");
    t.add(kcm, ns, 0.3, "readCoreV1Namespace");
    t.add(kcm, ns, 0.3, "replaceCoreV1NamespaceStatus");
    Principal[] deployments = sa(c, "deployment-controller");
    t.add(kcm, deployments, 3, "replaceAppsV1NamespacedDeploymentStatus");
    t.add(kcm, deployments, 1, "createAppsV1NamespacedReplicaSet");
    t.add(kcm, deployments, 1, "patchAppsV1NamespacedReplicaSet");
    t.add(kcm, deployments, 1, "createEventsV1NamespacedEvent");
    Principal[] replicaSets = sa(c, "replicaset-controller");
    t.add(kcm, replicaSets, 3, "createCoreV1NamespacedPod");
    t.add(kcm, replicaSets, 1, "deleteCoreV1NamespacedPod");
    t.add(kcm, replicaSets, 2, "replaceAppsV1NamespacedReplicaSetStatus");
    t.add(kcm, replicaSets, 1, "createEventsV1NamespacedEvent");
    Principal[] slices = sa(c, "endpointslice-controller");
    t.add(kcm, slices, 1, "createDiscoveryV1NamespacedEndpointSlice");
    t.add(kcm, slices, 2, "replaceDiscoveryV1NamespacedEndpointSlice");
    t.add(kcm, slices, 0.3, "deleteDiscoveryV1NamespacedEndpointSlice");
    Principal[] endpoints = sa(c, "endpoint-controller");
    t.add(kcm, endpoints, 1, "replaceCoreV1NamespacedEndpoints");
    t.add(kcm, endpoints, 0.3, "createCoreV1NamespacedEndpoints");
    Principal[] jobs = sa(c, "job-controller");
    t.add(kcm, jobs, 1, "replaceBatchV1NamespacedJobStatus");
    t.add(kcm, jobs, 1, "createCoreV1NamespacedPod");
    t.add(kcm, jobs, 1, "patchCoreV1NamespacedPod");
    Principal[] statefulSets = sa(c, "statefulset-controller");
    t.add(kcm, statefulSets, 1, "createCoreV1NamespacedPod");
    t.add(kcm, statefulSets, 1, "replaceAppsV1NamespacedStatefulSetStatus");
    t.add(kcm, statefulSets, 0.3, "createAppsV1NamespacedControllerRevision");
    Principal[] daemonSets = sa(c, "daemon-set-controller");
    t.add(kcm, daemonSets, 1, "replaceAppsV1NamespacedDaemonSetStatus");
    t.add(kcm, daemonSets, 0.5, "createCoreV1NamespacedPod");
    t.add(kcm, daemonSets, 0.3, "createAppsV1NamespacedControllerRevision");
    t.add(kcm, sa(c, "service-account-controller"), 1, "createCoreV1NamespacedServiceAccount")
        .named("default");
    t.add(kcm, sa(c, "root-ca-cert-publisher"), 1, "createCoreV1NamespacedConfigMap")
        .named("kube-root-ca.crt");
    t.add(
        kcm, sa(c, "resourcequota-controller"), 0.5, "replaceCoreV1NamespacedResourceQuotaStatus");
    Principal[] nodes = sa(c, "node-controller");
    t.add(kcm, nodes, 0.5, "patchCoreV1NodeStatus");
    t.add(kcm, nodes, 0.3, "readCoreV1Node");
    t.add(kcm, sa(c, "ttl-controller"), 0.2, "patchCoreV1Node");
    t.add(
        kcm,
        sa(c, "disruption-controller"),
        0.3,
        "replacePolicyV1NamespacedPodDisruptionBudgetStatus");
    Principal[] volumes = sa(c, "persistent-volume-binder");
    t.add(kcm, volumes, 0.3, "replaceCoreV1NamespacedPersistentVolumeClaimStatus");
    t.add(kcm, volumes, 0.2, "replaceCoreV1PersistentVolumeStatus");
    Principal[] cronJobs = sa(c, "cronjob-controller");
    t.add(kcm, cronJobs, 0.3, "createBatchV1NamespacedJob");
    t.add(kcm, cronJobs, 0.3, "replaceBatchV1NamespacedCronJobStatus");
    t.add(kcm, sa(c, "ttl-after-finished-controller"), 0.1, "deleteBatchV1NamespacedJob");
    t.add(kcm, sa(c, "pod-garbage-collector"), 0.1, "deleteCoreV1NamespacedPod");
  }

  private static void scheduler(ComponentTraffic t, Cluster c) {
    Traffic sched = Traffic.KUBE_SCHEDULER;
    t.add(sched, scheduler(c, "leader-election"), 3, "replaceCoordinationV1NamespacedLease")
        .in(SYSTEM)
        .named("kube-scheduler")
        .query("?timeout=5s");
    Principal[] s = scheduler(c, "scheduler");
    t.add(sched, s, 3, "createCoreV1NamespacedPodBinding");
    t.add(sched, s, 1, "patchCoreV1NamespacedPodStatus");
    t.add(sched, s, 1, "createEventsV1NamespacedEvent");
    t.addAny(
            sched,
            s,
            1,
            e -> e.isClusterWideList() && !e.alpha && SCHEDULER_WATCHES.contains(e.resource))
        .watching();
  }

  private static void kubelet(ComponentTraffic t, Cluster c) {
    Traffic k = Traffic.KUBELET;
    Principal[] n = new Principal[Cluster.NODES.length];
    for (int i = 0; i < n.length; i++) {
      String node = Cluster.NODES[i];
      n[i] =
          Principal.of(
              "system:node:" + node,
              null,
              List.of("system:nodes", "system:authenticated"),
              Cluster.NODE_IPS[i],
              c.agent("kubelet"),
              "");
    }
    t.add(k, n, 5, "replaceCoordinationV1NamespacedLease")
        .in(NODE_LEASES)
        .named("%NODE%")
        .query("?timeout=10s");
    t.add(k, n, 3, "patchCoreV1NodeStatus").named("%NODE%").query("?timeout=10s");
    t.add(k, n, 2, "readCoreV1Node").named("%NODE%").query("?resourceVersion=0&timeout=10s");
    t.add(k, n, 3, "patchCoreV1NamespacedPodStatus");
    t.add(k, n, 2, "readCoreV1NamespacedPod");
    t.add(k, n, 2, "createCoreV1NamespacedEvent");
    t.add(k, n, 0.5, "patchCoreV1NamespacedEvent");
    t.add(k, n, 1, "createCoreV1NamespacedServiceAccountToken").named("default");
    t.add(k, n, 2, "listCoreV1NamespacedConfigMap")
        .watching()
        .query(
            "?allowWatchBookmarks=true&fieldSelector=metadata.name%3Dkube-root-ca.crt"
                + "&resourceVersion=%RV%&timeout=7m52s&timeoutSeconds=472&watch=true");
    t.add(k, n, 1, "listCoreV1NamespacedSecret")
        .watching()
        .query(
            "?allowWatchBookmarks=true&fieldSelector=metadata.name%3Dsecret-test"
                + "&resourceVersion=%RV%&timeout=6m11s&timeoutSeconds=371&watch=true");
    t.add(k, n, 0.5, "listCoreV1PodForAllNamespaces")
        .watching()
        .query(
            "?allowWatchBookmarks=true&fieldSelector=spec.nodeName%3D%NODE%"
                + "&resourceVersion=%RV%&timeoutSeconds=426&watch=true");
    t.add(k, n, 0.3, "listCoreV1Node")
        .watching()
        .query(
            "?allowWatchBookmarks=true&fieldSelector=metadata.name%3D%NODE%"
                + "&resourceVersion=%RV%&timeoutSeconds=349&watch=true");
    t.add(k, n, 0.3, "listCoreV1ServiceForAllNamespaces").watching();
    t.add(k, n, 0.2, "listStorageV1CSIDriver").watching();
    t.add(k, n, 0.2, "listNodeV1RuntimeClass").watching();
    t.add(k, n, 0.3, "readStorageV1CSINode").named("%NODE%");
    t.add(k, n, 0.5, "deleteCoreV1NamespacedPod");
    t.add(k, n, 0.2, "readCoreV1NamespacedPersistentVolumeClaim");
    t.add(k, n, 0.3, "readCoreV1NamespacedConfigMap");
  }

  private static void metricsServer(ComponentTraffic t, Cluster c) {
    Traffic m = Traffic.METRICS_SERVER;
    String name = "system:serviceaccount:kube-system:metrics-server";
    Principal[] ms = {
      Principal.of(
          name,
          null,
          List.of(
              "system:serviceaccounts",
              "system:serviceaccounts:kube-system",
              "system:authenticated"),
          "10.244.1.3",
          "metrics-server/v0.8.0 (linux/amd64) kubernetes/$Format",
          Principal.rbac(
              "ClusterRoleBinding",
              "system:metrics-server",
              "system:metrics-server",
              "ServiceAccount \"metrics-server/kube-system\""))
    };
    t.add(m, ms, 2, "listCoreV1Node").watching();
    t.add(m, ms, 1, "listCoreV1PodForAllNamespaces").watching();
    t.add(m, ms, 1, "readCoreV1NamespacedConfigMap")
        .in(SYSTEM)
        .named("extension-apiserver-authentication");
    t.add(m, ms, 3, "createAuthenticationV1TokenReview");
    t.add(m, ms, 3, "createAuthorizationV1SubjectAccessReview");
  }

  /** A controller of kube-controller-manager, with its own service account. */
  static Principal[] sa(Cluster c, String controller) {
    String name = "system:serviceaccount:kube-system:" + controller;
    return new Principal[] {
      Principal.of(
          name,
          null,
          List.of(
              "system:serviceaccounts",
              "system:serviceaccounts:kube-system",
              "system:authenticated"),
          Cluster.CONTROL_PLANE_IP,
          c.agent("kube-controller-manager") + "/" + name,
          Principal.rbac(
              "ClusterRoleBinding",
              "system:controller:" + controller,
              "system:controller:" + controller,
              "ServiceAccount \"" + controller + "/kube-system\""))
    };
  }

  /** kube-controller-manager's own identity, for leader election and shared informers. */
  private static Principal[] kcm(Cluster c, String client) {
    return component(c, "kube-controller-manager", "system:kube-controller-manager", client);
  }

  private static Principal[] scheduler(Cluster c, String client) {
    return component(c, "kube-scheduler", "system:kube-scheduler", client);
  }

  private static Principal[] component(Cluster c, String component, String user, String client) {
    return new Principal[] {
      Principal.of(
          user,
          null,
          List.of("system:authenticated"),
          Cluster.CONTROL_PLANE_IP,
          c.agent(component) + "/" + client,
          Principal.rbac("ClusterRoleBinding", user, user, "User \"" + user + "\""))
    };
  }
}
