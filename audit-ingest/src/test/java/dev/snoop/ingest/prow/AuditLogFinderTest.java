package dev.snoop.ingest.prow;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class AuditLogFinderTest {
  @ParameterizedTest
  @ValueSource(
      strings = {
        "kube-apiserver-audit.log",
        "kube-apiserver-audit.log-20220407-1649311234",
        "kube-apiserver-audit.log-20220407-1649311234.gz",
        "kube-apiserver-audit.log.1",
        "kube-apiserver-audit.log.2.gz",
        "kube-apiserver-audit-2022-04-07T21-22-19.123.log",
        "audit.log",
        "audit.log.gz",
        "audit-2022-04-07T21-22-19.123.log",
        "audit-2022-04-07T21-22-19.123.log.gz",
      })
  void anAuditLogIsRecognisedCurrentRotatedOrGzipped(String name) {
    assertThat(AuditLogFinder.AUDIT_LOG.matcher(name).matches()).isTrue();
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "kube-apiserver.log",
        "kube-apiserver-audit-policy.yaml",
        "audit-policy.yaml",
        "kubernetes-version.txt",
        "audit",
        "audit.logger.json",
        "my-audit.log",
      })
  void otherFilesAreNotAuditLogs(String name) {
    assertThat(AuditLogFinder.AUDIT_LOG.matcher(name).matches()).isFalse();
  }

  @Test
  void eachJobApisnoopReadsHasItsLayoutAndAnUnknownJobTriesThemAll() {
    assertThat(JobLayout.candidates("ci-kubernetes-e2e-gci-gce"))
        .extracting(JobLayout::auditFolder)
        .containsExactly("artifacts/*master*/");
    assertThat(JobLayout.candidates("ci-kubernetes-gce-conformance-latest"))
        .extracting(JobLayout::auditFolder)
        .containsExactly("artifacts/cluster-logs/*master*/");
    assertThat(JobLayout.candidates("ci-audit-kind-conformance"))
        .isEqualTo(JobLayout.candidates("ci-kubernetes-audit-kind-conformance"))
        .extracting(JobLayout::version)
        .containsExactly(VersionSource.KIND_VERSION_FILE);
    assertThat(JobLayout.candidates("ci-something-else")).isEqualTo(JobLayout.KNOWN).hasSize(3);
  }
}
