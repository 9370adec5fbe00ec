package dev.snoop.web.live;

import dev.snoop.db.Database;
import dev.snoop.db.input.InputException;
import dev.snoop.db.release.Release;
import dev.snoop.ingest.LiveAuditIngest;
import dev.snoop.web.HttpProblem;
import dev.snoop.web.RequestBody;
import dev.snoop.web.Routes;
import io.javalin.http.Context;
import io.javalin.router.JavalinDefaultRouting;
import java.io.ByteArrayInputStream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code POST /audit/events}: kube-apiserver's audit webhook backend posts each batch of audit
 * events here (an {@code audit.k8s.io/v1} EventList, gzip or not); its requests are mapped with the
 * release's spec into {@code testing.audit_event}. A batch is stored whole or not at all and
 * answered after it commits: 200 with what was stored; 400 with the reason when any part is
 * unreadable; 413 when it is larger than the limit, as sent or inflated. Until the release's spec
 * is loaded every batch is answered 503, so the apiserver keeps it and sends it again.
 */
public final class AuditSink implements Routes {
  private static final Logger log = LoggerFactory.getLogger(AuditSink.class);

  private final Database database;
  private final Release release;
  private final long maxBatchBytes;
  private volatile LiveAuditIngest ingest;

  /**
   * @param release the release whose spec maps the requests
   * @param maxBatchBytes the largest batch taken, as sent and inflated
   */
  public AuditSink(Database database, Release release, long maxBatchBytes) {
    this.database = database;
    this.release = release;
    this.maxBatchBytes = maxBatchBytes;
  }

  @Override
  public void addTo(JavalinDefaultRouting router) {
    router.post("/audit/events", this::receive);
  }

  private void receive(Context ctx) {
    byte[] body = RequestBody.inflated(ctx, RequestBody.read(ctx, maxBatchBytes), maxBatchBytes);
    LiveAuditIngest.Batch batch =
        ingest().accept(new ByteArrayInputStream(body), "live:" + ctx.ip());
    log.debug("audit batch from {}: {}", ctx.ip(), batch);
    ctx.json(batch);
  }

  /** The ingest, made on the first batch: the spec may be loaded after the server starts. */
  private LiveAuditIngest ingest() {
    LiveAuditIngest current = ingest;
    if (current == null) {
      synchronized (this) {
        if (ingest == null) {
          try {
            ingest = new LiveAuditIngest(database, release);
          } catch (InputException e) {
            throw new HttpProblem(503, "the live sink cannot map events: " + e.getMessage());
          }
        }
        current = ingest;
      }
    }
    return current;
  }
}
