package dev.snoop.submissions.bot;

import dev.snoop.github.GitHubException;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The bot running: a sweep of every open pull request at a fixed delay, and the pull requests its
 * {@link #webhook()} queues (the web server's webhook route calls it). All GitHub work runs on one
 * worker thread, so a webhook event and a sweep never handle the same PR at once; a PR already
 * queued is not queued twice.
 */
public final class BotService implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(BotService.class);

  private final PullRequestBot bot;
  private final Consumer<Outcome> report;
  private final ScheduledExecutorService worker =
      Executors.newSingleThreadScheduledExecutor(r -> new Thread(r, "snoop-bot"));
  private final Set<Integer> queued = ConcurrentHashMap.newKeySet();

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

  /** What the bot does with webhook events: queues their pull requests here. */
  public WebhookHandler webhook() {
    return new WebhookHandler(bot.repo(), this::enqueue);
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
    worker.shutdownNow();
    try {
      worker.awaitTermination(10, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
