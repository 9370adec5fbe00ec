package dev.snoop.ingest.matcher;

import static org.assertj.core.api.Assertions.assertThat;

import dev.snoop.db.input.Input;
import dev.snoop.db.input.InputReader;
import dev.snoop.db.spec.SpecOperation;
import dev.snoop.db.spec.SpecParser;
import dev.snoop.db.testing.SharedData;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class HttpMethodTest {
  @Test
  void theVerbLoggedForEveryOperationOfARealSpecLeadsBackToItsMethod(@TempDir Path cache) {
    List<SpecOperation> spec =
        new InputReader(cache)
            .read(Input.file(SharedData.path("openapi/v1.34.0/swagger.json")), SpecParser::parseV2)
            .value();
    assertThat(spec).hasSizeGreaterThan(1000);
    for (SpecOperation op : spec) {
      HttpMethod method = HttpMethod.of(op.method());
      String verb = method.auditVerb(op.action());
      // kube-apiserver logs a HEAD request as a get: APISnoop's matcher reads it as GET
      HttpMethod expected = method == HttpMethod.HEAD ? HttpMethod.GET : method;
      assertThat(HttpMethod.ofVerb(verb, op.path())).as(op.operationId()).isEqualTo(expected);
    }
  }

  @Test
  void theActionTellsListWatchAndDeletecollection() {
    assertThat(HttpMethod.GET.auditVerb("list")).isEqualTo("list");
    assertThat(HttpMethod.GET.auditVerb("watchlist")).isEqualTo("watch");
    assertThat(HttpMethod.GET.auditVerb("watch")).isEqualTo("watch");
    assertThat(HttpMethod.GET.auditVerb("get")).isEqualTo("get");
    assertThat(HttpMethod.DELETE.auditVerb("deletecollection")).isEqualTo("deletecollection");
    assertThat(HttpMethod.POST.auditVerb("post")).isEqualTo("create");
    assertThat(HttpMethod.PUT.auditVerb("connect")).isEqualTo("update");
    assertThat(HttpMethod.OPTIONS.auditVerb("connect")).isEqualTo("options");
    assertThat(HttpMethod.PATCH.auditVerb(null)).isEqualTo("patch");
  }
}
