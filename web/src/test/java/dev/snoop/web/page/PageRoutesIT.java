package dev.snoop.web.page;

import static org.assertj.core.api.Assertions.assertThat;

import dev.snoop.web.ServerOptions;
import dev.snoop.web.TestClient;
import dev.snoop.web.WebServer;
import java.net.http.HttpResponse;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Which paths get the page shell: the page routes do, the static files stay themselves, and
 * anything else (unknown pages, unknown API paths, attempts to climb out of the served folder) is a
 * JSON 404. Needs no database: the shell is the same for every page.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class PageRoutesIT {
  private static final String HTML = "text/html,application/xhtml+xml";
  private final WebServer server =
      WebServer.start(ServerOptions.local(0), List.of(new PageRoutes()));
  private final TestClient client = new TestClient(server);

  @AfterAll
  void stop() {
    server.close();
  }

  @Test
  void everyPageRouteAnswersTheShell() {
    for (String path :
        List.of(
            "/",
            "/latest",
            "/1.33.0",
            "/1.33/stable",
            "/1.33.0/stable/apps",
            "/1.33.0/stable/apps/readAppsV1NamespacedDeployment",
            "/1.33.0/stable/apps/readAppsV1NamespacedDeployment/?conformance-only=true",
            "/endpoint/1.33.0/readAppsV1NamespacedDeployment",
            "/conformance-progress",
            "/conformance-progress/endpoints/1.33.0?filter=untested",
            "/conformance-progress/ineligible-endpoints",
            "/conformance-progress/pending-endpoints",
            "/gate/latest",
            "/verifications",
            "/live?useragent=x")) {
      HttpResponse<byte[]> response = client.get(path, "Accept", HTML);
      assertThat(response.statusCode()).as(path).isEqualTo(200);
      assertThat(response.headers().firstValue("Content-Type"))
          .as(path)
          .hasValueSatisfying(t -> assertThat(t).startsWith("text/html"));
      assertThat(TestClient.text(response))
          .as(path)
          .contains("<script type=\"module\" src=\"/js/app.js\">");
      assertThat(response.headers().firstValue("Content-Security-Policy")).as(path).isPresent();
    }
  }

  @Test
  void theStaticFilesAreServedAsThemselves() {
    HttpResponse<byte[]> script = client.get("/js/app.js", "Accept", "*/*");
    assertThat(script.statusCode()).isEqualTo(200);
    assertThat(script.headers().firstValue("Content-Type"))
        .hasValueSatisfying(t -> assertThat(t).contains("javascript"));
    HttpResponse<byte[]> css = client.get("/snoop.css", "Accept", "text/css,*/*");
    assertThat(css.statusCode()).isEqualTo(200);
    assertThat(TestClient.text(css)).contains("#sunburst");
  }

  @Test
  void unknownPagesAndApiPathsAreJson404s() {
    for (String path :
        List.of(
            "/no-such-page",
            "/1.33.0/gamma",
            "/1.33.0/stable/apps/readAppsV1NamespacedDeployment/extra",
            "/api/no-such-thing",
            "/api/releases/1.33.0/no-such-thing",
            "/endpoint/not-a-release/readAppsV1NamespacedDeployment",
            "/gate/not-a-release")) {
      for (String accept : List.of(HTML, "application/json")) {
        HttpResponse<byte[]> response = client.get(path, "Accept", accept);
        assertThat(response.statusCode()).as(path + " " + accept).isEqualTo(404);
        assertThat(TestClient.text(response)).as(path).startsWith("{\"error\":");
      }
    }
  }

  @Test
  void pathsThatClimbOutOfTheServedFolderReachNothing() {
    for (String path :
        List.of(
            "/../../../../etc/passwd",
            "/%2e%2e/%2e%2e/%2e%2e/etc/passwd",
            "/js/..%2f..%2f..%2f..%2fetc%2fpasswd",
            "/endpoint/1.33.0/..%2f..%2fetc%2fpasswd",
            "/1.33.0/stable/..%2f..%2f..%2fpom.xml",
            "/..%5c..%5cetc%5cpasswd",
            "/public/page.html",
            "/dev/snoop/web/WebServer.class")) {
      for (String accept : List.of(HTML, "*/*")) {
        HttpResponse<byte[]> response = client.get(path, "Accept", accept);
        String body = TestClient.text(response);
        assertThat(body)
            .as(path)
            .doesNotContain("root:")
            .doesNotContain("<project")
            .doesNotContain("CAFEBABE");
        assertThat(response.statusCode()).as(path + " " + accept).isIn(400, 404);
      }
    }
  }
}
