package dev.snoop.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class QueryParametersTest {
  @Test
  void namesOnlyEachOnceInTheOrderSent() {
    assertThat(
            QueryParameters.names(
                "/api/v1/namespaces/a/pods?labelSelector=app%3Dx&watch=true&limit=5&watch=1"))
        .containsExactly("labelSelector", "watch", "limit");
    assertThat(
            QueryParameters.names(
                "/api/v1/namespaces/a/pods/p/exec?command=sh&container=c&container=c&stdin"))
        .containsExactly("command", "container", "stdin");
  }

  @Test
  void noQueryNoNames() {
    assertThat(QueryParameters.names("/api/v1/pods")).isEmpty();
    assertThat(QueryParameters.names("/api/v1/pods?")).isEmpty();
    assertThat(QueryParameters.names(null)).isEmpty();
    assertThat(QueryParameters.names("/api/v1/pods?&=x&&")).isEmpty();
  }

  @Test
  void decodesEscapedNamesAndSkipsOverlongOnes() {
    assertThat(QueryParameters.names("/apis?dry%52un=All&bad%zz=1"))
        .containsExactly("dryRun", "bad%zz");
    assertThat(QueryParameters.names("/apis?" + "x".repeat(65) + "=1&limit=2"))
        .containsExactly("limit");
  }
}
