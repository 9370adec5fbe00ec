package dev.snoop.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.snoop.bench.ingest.AuditLogGenerator;
import dev.snoop.db.Database;
import dev.snoop.db.input.Input;
import dev.snoop.db.input.InputReader;
import dev.snoop.db.release.Release;
import dev.snoop.db.spec.LevelRule;
import dev.snoop.db.spec.SpecOperation;
import dev.snoop.db.spec.SpecParser;
import dev.snoop.db.testing.MigratedDatabase;
import dev.snoop.db.testing.ReferenceData;
import dev.snoop.db.testing.SharedData;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.jooq.DSLContext;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * snoop ingest as separate processes on one database: a process killed with -9 half-way leaves
 * nothing and a rerun succeeds; processes ingesting at once each get their run, and the same source
 * ends up stored once.
 */
@ExtendWith(MigratedDatabase.class)
class IngestProcessesIT {
  private static final Release RELEASE = Release.parse("1.34.0");
  private static final long EVENTS = 30_000;

  private final DSLContext sql;
  private final String dbUrl;
  private final AuditLogGenerator generator;
  @TempDir Path temp;

  IngestProcessesIT(Database database, @TempDir Path cache) {
    this.sql = database.dsl();
    this.dbUrl = database.jdbcUrl();
    InputReader reader = new InputReader(cache);
    ReferenceData.releasesAndSpec(sql, reader, RELEASE, LevelRule.EXACT);
    List<SpecOperation> spec =
        reader
            .read(Input.file(SharedData.path("openapi/v1.34.0/swagger.json")), SpecParser::parseV2)
            .value();
    this.generator = new AuditLogGenerator(spec, List.of(), "v1.34.0");
  }

  @Test
  void aProcessKilledHalfWayLeavesNothingAndARerunSucceeds() throws Exception {
    Path log = temp.resolve("audit.log");
    generator.write(log, 7, EVENTS, false);
    byte[] bytes = Files.readAllBytes(log);
    int half = bytes.length / 2;

    // The process reads a pipe, so it is stopped exactly where the test wants it: half the log
    // written, its rows on their way into the database, the rest never coming.
    Path pipe = temp.resolve("pipe.log");
    exec("mkfifo", pipe.toString());
    Process ingest = snoop("ingest", "--release", "1.34.0", pipe.toString());
    try (OutputStream writer = Files.newOutputStream(pipe)) {
      writer.write(bytes, 0, half);
      writer.flush();
      awaitCopiedRows();
      ingest.destroyForcibly(); // SIGKILL
      assertThat(ingest.waitFor(30, TimeUnit.SECONDS)).isTrue();
    } catch (IOException brokenPipe) {
      // the reader is gone: what the test meant
    }
    awaitNoIngestSession();

    assertThat(
            sql.fetchValue(
                "select count(*) from snoop.ingest_run where source = ?", pipe.toString()))
        .isEqualTo(0L);
    assertStoredRunsAreWhole();

    Process rerun = snoop("ingest", "--release", "1.34.0", log.toString());
    assertThat(finish(rerun)).isZero();
    assertThat(
            sql.fetchValue(
                "select events_read from snoop.ingest_run where source = ?", log.toString()))
        .isEqualTo(EVENTS);
    assertStoredRunsAreWhole();
  }

  @Test
  void processesIngestingAtOnceEachCommitAndTheSameSourceIsStoredOnce() throws Exception {
    List<Path> logs = new ArrayList<>();
    for (int i = 0; i < 3; i++) {
      Path log = temp.resolve("audit-" + i + ".log");
      generator.write(log, 100 + i, EVENTS / 3, false);
      logs.add(log);
    }
    List<Process> processes = new ArrayList<>();
    for (Path log : logs) {
      processes.add(snoop("ingest", "--release", "1.34.0", log.toString()));
    }
    processes.add(snoop("ingest", "--release", "1.34.0", logs.get(0).toString()));
    for (Process process : processes) {
      assertThat(finish(process)).isZero();
    }

    assertThat(
            sql.fetchValues(
                "select source from snoop.ingest_run where source like ? order by source",
                temp + "/%"))
        .asList()
        .containsExactlyElementsOf(logs.stream().map(Path::toString).toList());
    assertStoredRunsAreWhole();
  }

  @Test
  void aGzipCutShortOnStandardInputIsAnErrorAndStoresNothing() throws Exception {
    Path log = temp.resolve("audit.log.gz");
    generator.write(log, 11, 5_000, true);
    Path cut = temp.resolve("cut.log.gz");
    Files.write(cut, Arrays.copyOf(Files.readAllBytes(log), 3000));
    Path stderr = temp.resolve("stdin-stderr.txt");

    Process ingest =
        snoop(
            new ProcessBuilder().redirectInput(cut.toFile()).redirectError(stderr.toFile()),
            "ingest",
            "--release",
            "1.34.0",
            "/dev/stdin");
    assertThat(finish(ingest)).isEqualTo(2);
    assertThat(Files.readString(stderr))
        .startsWith("ERROR: /dev/stdin: truncated gzip stream: the file ends after 3,000 bytes");
    assertThat(sql.fetchValue("select count(*) from snoop.ingest_run where source = '/dev/stdin'"))
        .isEqualTo(0L);
    assertStoredRunsAreWhole();
  }

  @Test
  void aDatabaseConnectionKilledMidIngestIsAnInternalErrorAndLeavesNothing() throws Exception {
    Path log = temp.resolve("audit.log");
    generator.write(log, 13, EVENTS, false);
    byte[] bytes = Files.readAllBytes(log);
    Path pipe = temp.resolve("killed-connection.log");
    exec("mkfifo", pipe.toString());
    Path stderr = temp.resolve("killed-connection-stderr.txt");
    Process ingest =
        snoop(
            new ProcessBuilder().redirectError(stderr.toFile()),
            "ingest",
            "--release",
            "1.34.0",
            pipe.toString());
    try (OutputStream writer = Files.newOutputStream(pipe)) {
      writer.write(bytes, 0, bytes.length / 2);
      writer.flush();
      awaitCopiedRows();
      // the server ends the ingest's session, as a restart or an administrator would
      sql.fetch(
          "select pg_terminate_backend(pid) from pg_stat_activity"
              + " where query like 'copy snoop.audit_event_run_%' and pid <> pg_backend_pid()");
      writer.write(bytes, bytes.length / 2, bytes.length - bytes.length / 2);
    } catch (IOException brokenPipe) {
      // the ingest stopped reading once it failed: what the test provoked
    }
    assertThat(finish(ingest)).isEqualTo(ExitCode.INTERNAL_ERROR);
    assertThat(Files.readString(stderr))
        .startsWith("ERROR: internal error: ")
        .endsWith("(run again with -v for the stack trace)\n");
    awaitNoIngestSession();
    assertThat(
            sql.fetchValue(
                "select count(*) from snoop.ingest_run where source = ?", pipe.toString()))
        .isEqualTo(0L);
    assertStoredRunsAreWhole();
  }

  /**
   * Every request of every committed run is in audit_event, in its run's partition, and no table of
   * an uncommitted run is left behind.
   */
  private void assertStoredRunsAreWhole() {
    assertThat(sql.fetchValue("select count(*) from public.audit_event"))
        .isEqualTo(
            sql.fetchValue("select coalesce(sum(requests), 0)::bigint from snoop.ingest_run"));
    assertThat(
            sql.fetchValue(
                "select count(*) from snoop.ingest_run r where requests <> (select count(*)"
                    + " from public.audit_event e where e.run_id = r.id)"))
        .isEqualTo(0L);
    assertThat(
            sql.fetchValue(
                "select count(*) from pg_class where relname like 'audit_event_run_%'"
                    + " and not relispartition"))
        .isEqualTo(0L);
  }

  /** Waits until the killed run's COPY has rows in the database. */
  private void awaitCopiedRows() throws InterruptedException {
    long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
    while (System.nanoTime() < deadline) {
      Long rows =
          sql.fetchOne(
                  "select coalesce(max(p.tuples_processed), 0) from pg_stat_progress_copy p"
                      + " join pg_stat_activity a using (pid)"
                      + " where a.query like 'copy snoop.audit_event_run_%'")
              .get(0, Long.class);
      if (rows > 0) {
        return;
      }
      Thread.sleep(20);
    }
    throw new AssertionError("the ingest never copied a row");
  }

  /** The server rolls a dead client's transaction back when it notices the closed connection. */
  private void awaitNoIngestSession() throws InterruptedException {
    long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
    while (System.nanoTime() < deadline) {
      long sessions =
          sql.fetchOne(
                  "select count(*) from pg_stat_activity where query like 'copy snoop.audit_event%'"
                      + " and pid <> pg_backend_pid()")
              .get(0, Long.class);
      if (sessions == 0) {
        return;
      }
      Thread.sleep(20);
    }
    throw new AssertionError("the killed ingest's session is still open");
  }

  private Process snoop(String... args) throws IOException {
    return snoop(
        new ProcessBuilder()
            .redirectError(temp.resolve("stderr-" + System.nanoTime() + ".txt").toFile()),
        args);
  }

  /**
   * snoop in a process of its own, its output discarded, its input and errors as {@code io} says.
   */
  private Process snoop(ProcessBuilder io, String... args) throws IOException {
    List<String> command = new ArrayList<>(SnoopRun.processCommand());
    command.add("--db-url");
    command.add(dbUrl);
    command.add("--cache-dir");
    command.add(temp.resolve("cache").toString());
    command.addAll(List.of(args));
    return io.command(command).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
  }

  private static int finish(Process process) throws InterruptedException {
    assertThat(process.waitFor(120, TimeUnit.SECONDS)).as("ingest finished in time").isTrue();
    return process.exitValue();
  }

  private static void exec(String... command) throws IOException, InterruptedException {
    Process process = new ProcessBuilder(command).inheritIO().start();
    assertThat(process.waitFor()).isZero();
  }
}
