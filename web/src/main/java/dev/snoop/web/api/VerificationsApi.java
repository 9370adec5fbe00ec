package dev.snoop.web.api;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import dev.snoop.submissions.store.VerificationStore;
import dev.snoop.web.Routes;
import io.javalin.http.Context;
import io.javalin.router.JavalinDefaultRouting;
import java.util.List;
import org.jooq.DSLContext;

/** {@code GET /api/verifications}: the stored verifications, newest first. */
public final class VerificationsApi implements Routes {
  private static final ObjectMapper JSON = new ObjectMapper();

  private final VerificationStore store;

  public VerificationsApi(DSLContext sql) {
    this.store = new VerificationStore(sql);
  }

  /**
   * A stored verification of a submission (a folder or branch) or a pull request.
   *
   * @param prNumber the pull request, null for a submission checked on its own
   * @param checks [{id, name, origin, status, findings: [{file, message}]}]
   * @param verdict pass, fail or cannot_process
   */
  @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
  public record Verification(
      long id,
      String repo,
      Integer prNumber,
      String headSha,
      String title,
      String release,
      String product,
      String verdict,
      List<String> labels,
      JsonNode checks,
      String comment,
      String verifiedAt,
      String source) {}

  @Override
  public void addTo(JavalinDefaultRouting router) {
    router.get("/api/verifications", this::verifications);
  }

  private void verifications(Context ctx) {
    int limit = Params.integer(ctx, "limit", 100, 1, 1000);
    ctx.json(store.recent(limit).stream().map(VerificationsApi::view).toList());
  }

  private static Verification view(VerificationStore.Stored s) {
    try {
      return new Verification(
          s.id(),
          s.repo(),
          s.prNumber().orElse(null),
          s.headSha().orElse(null),
          s.title(),
          s.release().orElse(null),
          s.product().orElse(null),
          s.verdict(),
          s.labels(),
          JSON.readTree(s.checks()),
          s.comment(),
          s.verifiedAt().toInstant().toString(),
          s.source());
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("verification " + s.id() + " has unreadable checks", e);
    }
  }
}
