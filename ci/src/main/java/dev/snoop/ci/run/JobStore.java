package dev.snoop.ci.run;

import static dev.snoop.db.jooq.snoop.Tables.PROW_JOB;

import dev.snoop.ci.config.JobType;
import dev.snoop.db.jooq.snoop.tables.records.ProwJobRecord;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jooq.DSLContext;
import org.jooq.JSONB;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.node.ObjectNode;

/**
 * Runs as rows of {@code snoop.prow_job}. Writes that move a run on are compare-and-set on its
 * state, so two engines acting on one run at once never both succeed.
 */
public final class JobStore {
  private static final TypeReference<Map<String, String>> STRING_MAP = new TypeReference<>() {};

  private JobStore() {}

  /** Stores a new run (in the caller's transaction, e.g. the webhook delivery's). */
  public static void insert(DSLContext sql, JobRun run) {
    ProwJobRecord row = sql.newRecord(PROW_JOB);
    fill(row, run);
    row.insert();
  }

  /** The run with this id. */
  public static Optional<JobRun> find(DSLContext sql, String id) {
    return sql.selectFrom(PROW_JOB).where(PROW_JOB.ID.eq(id)).fetchOptional().map(JobStore::run);
  }

  /** Every run not complete yet, oldest first. */
  public static List<JobRun> incomplete(DSLContext sql) {
    return sql.selectFrom(PROW_JOB)
        .where(PROW_JOB.COMPLETION_TIME.isNull())
        .orderBy(PROW_JOB.START_TIME, PROW_JOB.BUILD_ID)
        .fetch(JobStore::run);
  }

  /** A job's runs, newest first. */
  public static List<JobRun> history(DSLContext sql, String job, int limit) {
    return sql.selectFrom(PROW_JOB)
        .where(PROW_JOB.JOB.eq(job))
        .orderBy(PROW_JOB.BUILD_ID.desc())
        .limit(limit)
        .fetch(JobStore::run);
  }

  /**
   * Writes {@code updated} over the stored run if the stored run is still in {@code expectedState}.
   *
   * @return whether it was written (false: another engine or loop moved the run first)
   */
  public static boolean replace(DSLContext sql, JobState expectedState, JobRun updated) {
    ProwJobRecord row = sql.newRecord(PROW_JOB);
    fill(row, updated);
    row.changed(PROW_JOB.ID, false);
    return sql.update(PROW_JOB)
            .set(row)
            .where(PROW_JOB.ID.eq(updated.id()))
            .and(PROW_JOB.STATE.eq(expectedState.prowName()))
            .execute()
        == 1;
  }

  /**
   * Writes {@code updated} over the stored run if the stored run is still in {@code expectedState}
   * and held by {@code owner}: an engine that lost its lease (paused past it, another engine
   * adopted the run) writes nothing.
   *
   * @return whether it was written
   */
  public static boolean replaceOwned(
      DSLContext sql, JobState expectedState, String owner, JobRun updated) {
    ProwJobRecord row = sql.newRecord(PROW_JOB);
    fill(row, updated);
    row.changed(PROW_JOB.ID, false);
    return sql.update(PROW_JOB)
            .set(row)
            .where(PROW_JOB.ID.eq(updated.id()))
            .and(PROW_JOB.STATE.eq(expectedState.prowName()))
            .and(PROW_JOB.OWNER.eq(owner))
            .and(PROW_JOB.COMPLETION_TIME.isNull())
            .execute()
        == 1;
  }

  /** The incomplete runs of one job, oldest first (by start time, then build id). */
  public static List<JobRun> incompleteOfJob(DSLContext sql, String job) {
    return sql.selectFrom(PROW_JOB)
        .where(PROW_JOB.JOB.eq(job))
        .and(PROW_JOB.COMPLETION_TIME.isNull())
        .orderBy(PROW_JOB.START_TIME, PROW_JOB.BUILD_ID)
        .fetch(JobStore::run);
  }

  /**
   * Asks for a run to stop: a triggered or pending run becomes aborted (still incomplete; the
   * engine stops its workload and then sets the completion time). Prow does this on a newer push, a
   * closed pull request, or an abort from its UI.
   *
   * @return whether the run was incomplete and is now aborted
   */
  public static boolean requestAbort(DSLContext sql, String id, String description) {
    return sql.update(PROW_JOB)
            .set(PROW_JOB.STATE, JobState.ABORTED.prowName())
            .set(PROW_JOB.DESCRIPTION, description)
            .where(PROW_JOB.ID.eq(id))
            .and(PROW_JOB.STATE.in(JobState.TRIGGERED.prowName(), JobState.PENDING.prowName()))
            .execute()
        == 1;
  }

  /**
   * Aborts a run a newer one replaces (a new push to its pull request, the PR closed, the same job
   * asked for again), and marks it reported as aborted to {@code reporter}: as Prow's
   * TerminateOlderJobs does, so its "aborted" never reaches GitHub over the newer run's status.
   *
   * @return whether the run was incomplete and is now aborted
   */
  public static boolean supersede(DSLContext sql, String id, String description, String reporter) {
    return sql.update(PROW_JOB)
            .set(PROW_JOB.STATE, JobState.ABORTED.prowName())
            .set(PROW_JOB.DESCRIPTION, description)
            .set(
                PROW_JOB.PREV_REPORT_STATES,
                org.jooq.impl.DSL.field(
                    "{0} || jsonb_build_object({1}, 'aborted')",
                    PROW_JOB.PREV_REPORT_STATES.getDataType(),
                    PROW_JOB.PREV_REPORT_STATES,
                    org.jooq.impl.DSL.inline(reporter)))
            .where(PROW_JOB.ID.eq(id))
            .and(PROW_JOB.STATE.in(JobState.TRIGGERED.prowName(), JobState.PENDING.prowName()))
            .execute()
        == 1;
  }

  /** The incomplete runs of one pull request's presubmits, oldest first. */
  public static List<JobRun> incompleteOfPull(DSLContext sql, String org, String repo, int pull) {
    return sql.selectFrom(PROW_JOB)
        .where(PROW_JOB.COMPLETION_TIME.isNull())
        .and(PROW_JOB.TYPE.eq(JobType.PRESUBMIT.prowName()))
        .and(PROW_JOB.ORG.eq(org))
        .and(PROW_JOB.REPO.eq(repo))
        .and(PROW_JOB.PULL_NUMBER.eq(pull))
        .orderBy(PROW_JOB.START_TIME)
        .fetch(JobStore::run);
  }

  private static void fill(ProwJobRecord row, JobRun run) {
    row.setId(run.id());
    row.setJob(run.job());
    row.setType(run.type().prowName());
    row.setState(run.state().prowName());
    row.setBuildId(run.buildId());
    row.setContext(run.context().orElse(null));
    row.setOrg(run.refs().map(Refs::org).orElse(null));
    row.setRepo(run.refs().map(Refs::repo).orElse(null));
    row.setBaseRef(run.refs().map(Refs::baseRef).orElse(null));
    row.setBaseSha(run.refs().flatMap(Refs::baseSha).orElse(null));
    Optional<Refs.Pull> pull = run.refs().flatMap(Refs::pull);
    row.setPullNumber(pull.map(Refs.Pull::number).orElse(null));
    row.setPullSha(pull.map(Refs.Pull::sha).orElse(null));
    row.setPullAuthor(pull.map(Refs.Pull::author).orElse(null));
    row.setSpec(JSONB.valueOf(NewRuns.JSON.writeValueAsString(run.spec())));
    row.setLabels(json(run.labels()));
    row.setAnnotations(json(run.annotations()));
    row.setExecutor(run.executor());
    row.setStartTime(time(run.startTime()));
    row.setPendingTime(run.pendingTime().map(JobStore::time).orElse(null));
    row.setCompletionTime(run.completionTime().map(JobStore::time).orElse(null));
    row.setDescription(run.description());
    row.setUrl(run.url().orElse(null));
    row.setPodName(run.podName().orElse(null));
    row.setPrevReportStates(json(run.prevReportStates()));
    row.setOwner(run.owner().orElse(null));
    row.setLeaseUntil(run.leaseUntil().map(JobStore::time).orElse(null));
    row.setEventGuid(run.eventGuid().orElse(null));
  }

  /** The run a row holds. Refs carry the first pull only; batch runs are never made here. */
  public static JobRun run(ProwJobRecord row) {
    ObjectNode spec = (ObjectNode) NewRuns.JSON.readTree(row.getSpec().data());
    Optional<Refs> refs = Optional.empty();
    if (row.getOrg() != null) {
      List<Refs.Pull> pulls = new ArrayList<>();
      if (row.getPullNumber() != null) {
        String title = spec.path("refs").path("pulls").path(0).path("title").asString(null);
        pulls.add(
            new Refs.Pull(
                row.getPullNumber(),
                row.getPullAuthor(),
                row.getPullSha(),
                Optional.ofNullable(title)));
      }
      refs =
          Optional.of(
              new Refs(
                  row.getOrg(),
                  row.getRepo(),
                  row.getBaseRef(),
                  Optional.ofNullable(row.getBaseSha()),
                  pulls));
    }
    return new JobRun(
        row.getId(),
        row.getJob(),
        JobType.valueOf(row.getType().toUpperCase(java.util.Locale.ROOT)),
        row.getBuildId(),
        JobState.ofProwName(row.getState()),
        Optional.ofNullable(row.getContext()),
        refs,
        spec,
        map(row.getLabels()),
        map(row.getAnnotations()),
        row.getExecutor(),
        row.getStartTime().toInstant(),
        Optional.ofNullable(row.getPendingTime()).map(OffsetDateTime::toInstant),
        Optional.ofNullable(row.getCompletionTime()).map(OffsetDateTime::toInstant),
        row.getDescription() == null ? "" : row.getDescription(),
        Optional.ofNullable(row.getUrl()),
        Optional.ofNullable(row.getPodName()),
        map(row.getPrevReportStates()),
        Optional.ofNullable(row.getOwner()),
        Optional.ofNullable(row.getLeaseUntil()).map(OffsetDateTime::toInstant),
        Optional.ofNullable(row.getEventGuid()));
  }

  private static JSONB json(Map<String, String> values) {
    return JSONB.valueOf(NewRuns.JSON.writeValueAsString(values));
  }

  private static Map<String, String> map(JSONB json) {
    return NewRuns.JSON.readValue(json.data(), STRING_MAP);
  }

  private static OffsetDateTime time(Instant instant) {
    return instant.atOffset(ZoneOffset.UTC);
  }
}
