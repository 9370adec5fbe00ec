package dev.snoop.ci.engine;

import dev.snoop.ci.config.Job;
import dev.snoop.ci.config.JobType;
import dev.snoop.ci.exec.Executor;
import dev.snoop.ci.run.JobRun;
import dev.snoop.ci.run.JobState;
import dev.snoop.ci.run.NewRuns;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.jooq.DSLContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The job engine: Prow's plank, horologium and sinker as passes over {@code snoop.prow_job}. Each
 * pass re-reads the rows and moves every run on as far as it can:
 *
 * <ol>
 *   <li>adopt the runs of engines whose lease has passed (dead or hung);
 *   <li>move on the runs this engine holds ({@link RunSync}: start, observe, time out, abort);
 *   <li>trigger the periodics that are due ({@link Periodics});
 *   <li>admit triggered runs as {@code max_concurrency} allows and start them ({@link Admission});
 *   <li>collect garbage, once per GC period ({@link GarbageCollector}).
 * </ol>
 *
 * A pass runs when woken (a run triggered in this process, an executor's change), at a run's
 * deadline or a periodic's firing, and at least once per resync period. A second thread renews the
 * leases of the engine's runs and of its snowflake node; an engine that cannot renew its node stops
 * (another process may hold the node now).
 */
public final class Engine implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(Engine.class);

  private static final int STARTS_AT_ONCE = 8;

  /**
   * How often runs this engine holds are looked at while they run, for executors that do not say
   * when a workload changes.
   */
  private static final Duration OBSERVE_WHILE_RUNNING = Duration.ofMillis(250);

  private final DSLContext sql;
  private final Clock clock;
  private final EngineSettings settings;
  private final Map<String, Executor> executors;
  private final NodeLease node;
  private final NewRuns newRuns;
  private final RunSync runSync;
  private final Periodics periodics;
  private final GarbageCollector gc;
  private final Waker waker;

  /** By job queue name, its capacity, from the jobs that name one. */
  private final Map<String, Integer> queueCapacities;

  private Instant nextGc;
  private Instant nextPeriodics;

  /** Admitted runs are started on these threads, several at once. */
  private final ExecutorService starter =
      Executors.newFixedThreadPool(
          STARTS_AT_ONCE,
          r -> {
            Thread t = new Thread(r, "snoop-engine-start");
            t.setDaemon(true);
            return t;
          });

  private Thread loop;
  private ScheduledExecutorService leases;

  private Engine(
      DSLContext sql,
      Clock clock,
      List<Job> jobs,
      Map<String, Executor> executors,
      RunListener listener,
      EngineSettings settings) {
    this.sql = sql;
    this.clock = clock;
    this.settings = settings;
    this.executors = Map.copyOf(executors);
    this.node = NodeLease.claim(sql, clock, ownerName(), settings.lease());
    this.newRuns = new NewRuns(node.buildIds(), clock);
    this.waker = new Waker(clock, settings.resync());
    this.runSync = new RunSync(sql, clock, owner(), executors, listener, waker::wakeAt);
    this.periodics = new Periodics(jobs, newRuns, settings.newRunExecutor());
    this.queueCapacities =
        jobs.stream()
            .flatMap(j -> j.queue().stream())
            .collect(Collectors.toMap(Job.JobQueue::name, Job.JobQueue::capacity, (a, b) -> a));
    this.gc =
        new GarbageCollector(
            settings.gc(),
            executors,
            jobs.stream()
                .filter(j -> j.type() == JobType.PERIODIC)
                .map(Job::name)
                .collect(Collectors.toSet()));
    this.nextGc = clock.instant();
    this.nextPeriodics = clock.instant();
  }

  /**
   * An engine that does nothing until {@link #pass} is called (tests drive it with their own
   * clock); it holds a snowflake node until closed.
   */
  public static Engine manual(
      DSLContext sql,
      Clock clock,
      List<Job> jobs,
      Map<String, Executor> executors,
      RunListener listener,
      EngineSettings settings) {
    return new Engine(sql, clock, jobs, executors, listener, settings);
  }

  /** An engine running its loop and its lease renewals on threads of its own until closed. */
  public static Engine start(
      DSLContext sql,
      Clock clock,
      List<Job> jobs,
      Map<String, Executor> executors,
      RunListener listener,
      EngineSettings settings) {
    Engine engine = new Engine(sql, clock, jobs, executors, listener, settings);
    engine.startThreads();
    return engine;
  }

  private void startThreads() {
    long renewMillis = Math.max(100, settings.lease().toMillis() / 3);
    leases =
        Executors.newSingleThreadScheduledExecutor(
            r -> {
              Thread t = new Thread(r, "snoop-engine-leases");
              t.setDaemon(true);
              return t;
            });
    leases.scheduleWithFixedDelay(
        this::renewLeases, renewMillis, renewMillis, TimeUnit.MILLISECONDS);
    executors.values().forEach(e -> e.onChange(waker::wake));
    loop = new Thread(this::runLoop, "snoop-engine");
    loop.start();
  }

  private void runLoop() {
    try {
      do {
        try {
          pass();
        } catch (RuntimeException e) {
          // a database or executor fault: the next pass tries again from the rows
          log.warn("engine pass failed: {}", e.toString(), e);
        }
      } while (waker.await());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private void renewLeases() {
    try {
      if (!node.renew()) {
        log.error(
            "engine {} lost its snowflake node {} (paused past its lease?): stopping",
            owner(),
            node.node());
        waker.close();
        return;
      }
      RunLeases.renew(sql, owner(), clock.instant().plus(settings.lease()));
    } catch (RuntimeException e) {
      log.warn("renewing the engine's leases failed: {}", e.toString());
    }
  }

  /** This engine's name in {@code owner} columns. */
  public String owner() {
    return node == null ? "" : node.owner();
  }

  /** Its snowflake node. */
  public int node() {
    return node.node();
  }

  /** Makes runs with this engine's build ids (for runs triggered in its process). */
  public NewRuns newRuns() {
    return newRuns;
  }

  /** Runs a pass soon: a run was triggered or aborted. */
  public void wake() {
    waker.wake();
  }

  /** One pass over the runs (see the class comment). */
  public void pass() {
    Instant now = clock.instant();
    Instant leaseUntil = now.plus(settings.lease());
    boolean holding = false;
    for (JobRun run : EngineQueries.admitted(sql)) {
      if (!executors.containsKey(run.executor()) || !settings.admits(run.id())) {
        continue; // another engine has its executor, or this one runs only some runs
      }
      boolean mine = run.owner().filter(owner()::equals).isPresent();
      if (!mine && expired(run, now)) {
        mine = RunLeases.takeOver(sql, run.id(), owner(), now, leaseUntil);
        if (mine) {
          log.info(
              "{} {} adopted from {}", run.job(), run.buildIdText(), run.owner().orElse("nobody"));
          run = run.withLease(owner(), leaseUntil);
        }
      }
      if (mine) {
        holding = true;
        try {
          if (runSync.sync(run) && run.type() == JobType.PERIODIC) {
            nextPeriodics = now; // its next run may be due now
          }
        } catch (RuntimeException e) {
          // an executor or artifact fault of one run holds up no other; the next pass retries
          log.warn("{} {}: {}", run.job(), run.buildIdText(), e.toString(), e);
        }
      }
    }
    if (settings.periodics() && !now.isBefore(nextPeriodics)) {
      Instant later = now.plus(settings.resync());
      Optional<Instant> due = periodics.trigger(sql, now);
      nextPeriodics = due.filter(d -> d.isBefore(later)).orElse(later);
      due.ifPresent(waker::wakeAt);
    }
    holding |= admit();
    if (holding) {
      Duration observe =
          settings.resync().compareTo(OBSERVE_WHILE_RUNNING) < 0
              ? settings.resync()
              : OBSERVE_WHILE_RUNNING;
      waker.wakeAt(clock.instant().plus(observe));
    }
    if (settings.gc().on() && !now.isBefore(nextGc)) {
      gc.collect(sql, now);
      nextGc = now.plus(settings.gc().period());
    }
  }

  /** Admits and starts what it can; returns whether it admitted a run. */
  private boolean admit() {
    boolean any = false;
    for (EngineQueries.Queue queue : EngineQueries.queues(sql)) {
      if (!queue.mayAdmit()) {
        continue;
      }
      List<JobRun> admitted =
          Admission.admit(
              sql,
              queue.job(),
              owner(),
              clock,
              settings.lease(),
              queue.limit(),
              run -> executors.containsKey(run.executor()) && settings.admits(run.id()),
              queueCapacities,
              settings.jobUrl());
      startAll(admitted);
      any |= !admitted.isEmpty();
    }
    return any;
  }

  /**
   * Starts admitted runs side by side (a start may wait for a process or an API call), and returns
   * once all have started or failed to.
   */
  private void startAll(List<JobRun> admitted) {
    List<Future<?>> starts = new ArrayList<>();
    for (JobRun run : admitted) {
      starts.add(starter.submit(() -> runSync.start(executors.get(run.executor()), run)));
    }
    for (Future<?> start : starts) {
      try {
        start.get();
      } catch (ExecutionException e) {
        // left pending without a pod name: the next pass starts it again
        log.warn("starting a run failed: {}", e.getCause().toString(), e.getCause());
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      }
    }
  }

  private static boolean expired(JobRun run, Instant now) {
    if (run.owner().isEmpty()) {
      return run.state() == JobState.ABORTED; // aborted while queued: anyone completes it
    }
    return run.leaseUntil().map(until -> !until.isAfter(now)).orElse(true);
  }

  /**
   * Stops the loops. The engine's runs keep running: their leases are given up, so another engine
   * (or this one started again) adopts them at once, and the node is released.
   */
  @Override
  public void close() {
    waker.close();
    if (loop != null) {
      try {
        loop.join(10_000);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
    if (leases != null) {
      leases.shutdownNow();
    }
    starter.shutdown();
    try {
      RunLeases.renew(sql, owner(), clock.instant());
      node.release();
    } catch (RuntimeException e) {
      log.warn("giving up the engine's leases failed: {}", e.toString());
    }
  }

  /** {@code host:pid:random}, unique to this engine. */
  private static String ownerName() {
    String host;
    try {
      host = InetAddress.getLocalHost().getHostName();
    } catch (UnknownHostException e) {
      host = "unknown";
    }
    return host
        + ":"
        + ProcessHandle.current().pid()
        + ":"
        + UUID.randomUUID().toString().substring(0, 8);
  }

  /** The executors by name, for {@link #start}. */
  public static Map<String, Executor> byName(Executor... executors) {
    Map<String, Executor> map = new HashMap<>();
    for (Executor e : executors) {
      map.put(e.name(), e);
    }
    return map;
  }
}
