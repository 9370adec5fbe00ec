package dev.snoop.ci.engine;

import dev.snoop.ci.exec.Executor;
import dev.snoop.ci.exec.StartRefusedException;
import dev.snoop.ci.run.JobRun;
import dev.snoop.ci.run.JobState;
import dev.snoop.ci.run.JobStore;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import org.jooq.DSLContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Moves on one run this engine holds, from what its workload is doing:
 *
 * <ul>
 *   <li>pending without a pod name (admitted, its start not recorded: by this engine a moment ago,
 *       or by one that died before recording it): start the workload, which adopts one already
 *       started under the run's id, and record its name;
 *   <li>pending with a pod name: observe it; finished gives the final state; missing means it was
 *       lost (Prow: the pod was deleted), an error; at its deadline the run is timed out;
 *   <li>aborted, not complete: stop the workload, then complete the run once it is gone.
 * </ul>
 *
 * Every write is a compare-and-set on the run's state and owner, so a transition is stored once.
 * {@link #start} may be called for several runs at once; {@link #sync} from one thread.
 */
final class RunSync {
  private static final Logger log = LoggerFactory.getLogger(RunSync.class);

  /** Plank's description of a pending run whose pod disappeared. */
  static final String DELETED = "Pod got deleted unexpectedly";

  private static final Duration STOPPING_POLL = Duration.ofSeconds(1);

  private final DSLContext sql;
  private final Clock clock;
  private final String owner;
  private final Map<String, Executor> executors;
  private final RunListener listener;
  private final Consumer<Instant> wakeAt;

  /** Runs this process asked its executor to stop (asked again after a restart: idempotent). */
  private final Set<String> stopping = ConcurrentHashMap.newKeySet();

  /** Runs completed by the current call of {@link #sync}. */
  private final Set<String> completed = ConcurrentHashMap.newKeySet();

  RunSync(
      DSLContext sql,
      Clock clock,
      String owner,
      Map<String, Executor> executors,
      RunListener listener,
      Consumer<Instant> wakeAt) {
    this.sql = sql;
    this.clock = clock;
    this.owner = owner;
    this.executors = Map.copyOf(executors);
    this.listener = listener;
    this.wakeAt = wakeAt;
  }

  /**
   * Moves the run on as far as it can now; {@code run} is held by this engine.
   *
   * @return whether the run is complete now
   */
  boolean sync(JobRun run) {
    Executor executor = executors.get(run.executor());
    if (executor == null) {
      return false; // held by this engine only if it has the executor; see Engine
    }
    if (run.state() == JobState.PENDING && run.podName().isEmpty()) {
      start(executor, run);
    } else if (run.state() == JobState.PENDING) {
      syncPending(executor, run);
    } else if (run.state() == JobState.ABORTED) {
      syncAborted(executor, run);
    }
    return completed.remove(run.id());
  }

  /** Starts (or adopts) the workload of an admitted run and records it. */
  void start(Executor executor, JobRun run) {
    String podName;
    try {
      podName = executor.start(run);
    } catch (StartRefusedException e) {
      // Prow's plank on a 4xx from pod creation: an error, never retried
      complete(run, JobState.PENDING, JobState.ERROR, "Pod can not be created: " + e.getMessage());
      return;
    }
    JobRun started =
        run.withStatus(
            JobState.PENDING,
            run.description(),
            run.pendingTime(),
            Optional.empty(),
            run.url(),
            Optional.of(podName));
    listener.started(started);
    if (JobStore.replaceOwned(sql, JobState.PENDING, owner, started)) {
      log.debug("{} {} started as {}", run.job(), run.buildIdText(), podName);
      run.deadline().ifPresent(wakeAt);
    } else {
      // aborted (or adopted by another engine) while starting: the next pass stops it
      log.debug("{} {} changed while it started", run.job(), run.buildIdText());
    }
  }

  private void syncPending(Executor executor, JobRun run) {
    Executor.Observation seen = executor.observe(run);
    if (seen instanceof Executor.Observation.Finished finished) {
      if (timedOut(run)) {
        // the entrypoint exits 127 after a timeout, so the pod fails: plank's "failure"; the
        // description keeps the entrypoint's message, set when the deadline passed
        complete(run, JobState.PENDING, JobState.FAILURE, run.description());
      } else {
        complete(run, JobState.PENDING, finished.state(), finished.description());
      }
    } else if (seen instanceof Executor.Observation.Missing missing) {
      // its start was recorded, so the workload ran and is gone: starting it again would run the
      // job twice
      log.warn("{} {} lost its workload: {}", run.job(), run.buildIdText(), missing.detail());
      complete(run, JobState.PENDING, JobState.ERROR, DELETED);
    } else {
      enforceDeadline(executor, run);
    }
  }

  /**
   * At its deadline a running run is interrupted, then killed after its grace period (the
   * executor's abort), as Prow's entrypoint does on its timeout; the run ends when the workload has
   * stopped. The deadline's passing is stored in the description, so an engine that adopts the run
   * knows it timed out.
   */
  private void enforceDeadline(Executor executor, JobRun run) {
    Instant deadline = run.deadline().orElseThrow();
    if (clock.instant().isBefore(deadline)) {
      wakeAt.accept(deadline);
      return;
    }
    if (!timedOut(run)) {
      JobRun marked =
          run.withStatus(
              JobState.PENDING,
              timeoutText(run),
              run.pendingTime(),
              Optional.empty(),
              run.url(),
              run.podName());
      if (!JobStore.replaceOwned(sql, JobState.PENDING, owner, marked)) {
        return;
      }
      log.info("{} {} timed out after {}", run.job(), run.buildIdText(), run.timeout());
    }
    stop(executor, run);
  }

  private void syncAborted(Executor executor, JobRun run) {
    if (run.pendingTime().isEmpty()) {
      // aborted while queued: no workload was ever started
      complete(run, JobState.ABORTED, JobState.ABORTED, run.description());
      return;
    }
    Executor.Observation seen = executor.observe(run);
    if (seen instanceof Executor.Observation.Running) {
      stop(executor, run);
    } else {
      // stopped (or never started: admitted, then aborted before its start): plank's
      // syncAbortedJob completes it once the pod is gone
      stopping.remove(run.id());
      complete(run, JobState.ABORTED, JobState.ABORTED, run.description());
    }
  }

  /** Asks the executor once to stop the workload, and looks again every second until it has. */
  private void stop(Executor executor, JobRun run) {
    if (stopping.add(run.id())) {
      executor.abort(run);
    }
    wakeAt.accept(clock.instant().plus(STOPPING_POLL));
  }

  private void complete(JobRun run, JobState from, JobState state, String description) {
    JobRun done = run.completed(state, description, clock.instant());
    listener.finished(done);
    if (JobStore.replaceOwned(sql, from, owner, done)) {
      stopping.remove(run.id());
      completed.add(run.id());
      log.debug("{} {} {}: {}", run.job(), run.buildIdText(), state.prowName(), description);
    }
  }

  private static boolean timedOut(JobRun run) {
    return run.description().equals(timeoutText(run));
  }

  /** Prow's entrypoint's message when the test process outlives its timeout. */
  static String timeoutText(JobRun run) {
    return "Process did not finish before " + GoDurationText.of(run.timeout()) + " timeout";
  }
}
