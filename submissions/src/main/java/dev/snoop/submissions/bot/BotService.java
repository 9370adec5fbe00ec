package dev.snoop.submissions.bot;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The bot running: a sweep of every open pull request at a fixed delay, and, when listening, the
 * webhook at {@code /webhook}. All GitHub work runs on one worker thread, so a webhook event and a
 * sweep never handle the same PR at once; a PR already queued is not queued twice.
 */
public final class BotService implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(BotService.class);

  private final PullRequestBot bot;
  private final Consumer<Outcome> report;
  private final ScheduledExecutorService worker =
      Executors.newSingleThreadScheduledExecutor(r -> new Thread(r, "snoop-bot"));
  private final Set<Integer> queued = ConcurrentHashMap.newKeySet();
  private HttpServer server;
  private ExecutorService serverThreads;

  /**
   * @param report told about every pull request handled (the CLI prints it)
   */
  public BotService(PullRequestBot bot, Consumer<Outcome> report) {
    this.bot = bot;
    this.report = report;
  }

  /** Sweeps now and then every {@code interval} after the previous sweep ends. */
  public void sweepEvery(Duration interval) {
    worker.scheduleWithFixedDelay(this::sweep, 0, interval.toMillis(), TimeUnit.MILLISECONDS);
  }

  /**
   * Serves the webhook at {@code /webhook} (and {@code /healthz}); returns the port (useful when
   * asked for port 0).
   */
  public int listen(InetSocketAddress address, Optional<WebhookSignature> signature) {
    try {
      server = HttpServer.create(address, 0);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot listen on " + address + ": " + e.getMessage(), e);
    }
    serverThreads = Executors.newFixedThreadPool(2, r -> new Thread(r, "snoop-bot-webhook"));
    server.setExecutor(serverThreads);
    server.createContext("/webhook", new WebhookHandler(bot.repo(), signature, this::enqueue));
    server.createContext(
        "/healthz",
        exchange -> {
          try (exchange) {
            exchange.sendResponseHeaders(200, -1);
          }
        });
    server.start();
    return server.getAddress().getPort();
  }

  /** Queues one pull request for the worker, unless it is queued already. */
  public void enqueue(int number, boolean force) {
    if (!queued.add(number)) {
      return;
    }
    worker.execute(
        () -> {
          queued.remove(number);
          try {
            report.accept(bot.handle(number, force));
          } catch (RuntimeException e) {
            log.error("{}#{}: {}", bot.repo(), number, e.toString(), e);
          }
        });
  }

  private void sweep() {
    try {
      bot.sweep(report);
    } catch (GitHubException e) {
      log.error("sweep of {} failed, the next one retries: {}", bot.repo(), e.getMessage());
    } catch (RuntimeException e) {
      log.error("sweep of {} failed, the next one retries: {}", bot.repo(), e.toString(), e);
    }
  }

  @Override
  public void close() {
    if (server != null) {
      server.stop(0);
      serverThreads.shutdownNow();
    }
    worker.shutdownNow();
    try {
      worker.awaitTermination(10, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
