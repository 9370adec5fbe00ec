package dev.snoop.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.snoop.ci.run.JobState;
import dev.snoop.ci.run.JobStore;
import dev.snoop.db.Database;
import dev.snoop.db.testing.MigratedDatabase;
import java.nio.file.Files;
import java.nio.file.Path;
import org.jooq.DSLContext;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** snoop jobs run: a run queued by hand, or run here to its end with its result as exit code. */
@ExtendWith(MigratedDatabase.class)
class JobsRunIT {
  private final DSLContext sql;
  private final String dbUrl;
  @TempDir Path temp;

  JobsRunIT(Database database) {
    this.sql = database.dsl();
    this.dbUrl = database.jdbcUrl();
  }

  private SnoopRun snoop(String... args) throws Exception {
    Path config = temp.resolve("jobs.yaml");
    Files.writeString(
        config,
        """
        periodics:
        - name: passes
          interval: 1h
          spec:
            containers:
            - image: busybox
              command: [sh, -c, "echo fine > $ARTIFACTS/note.txt"]
        - name: fails
          interval: 1h
          spec:
            containers:
            - image: busybox
              command: [sh, -c, "exit 3"]
        - name: refused
          interval: 1h
          spec:
            containers:
            - image: busybox
        """);
    String[] all = new String[args.length + 8];
    System.arraycopy(args, 0, all, 0, args.length);
    System.arraycopy(
        new String[] {
          "--config",
          config.toString(),
          "--artifacts",
          temp.resolve("artifacts").toString(),
          "--work-dir",
          temp.resolve("work").toString(),
          "--resync",
          "200ms"
        },
        0,
        all,
        args.length,
        8);
    return SnoopRun.of(dbUrl, temp, all);
  }

  @Test
  void withWaitTheRunRunsHereAndItsResultIsTheExitCode() throws Exception {
    SnoopRun passed = snoop("jobs", "run", "passes", "--wait");
    assertThat(passed.exit()).as(passed.err()).isZero();
    assertThat(passed.out()).contains("passes build ").contains(": success (Job succeeded.)");
    String build = passed.out().replaceAll("(?s).*passes build (\\d+).*", "$1");
    assertThat(temp.resolve("artifacts/logs/passes/" + build + "/artifacts/note.txt"))
        .hasContent("fine");
    assertThat(temp.resolve("artifacts/logs/passes/" + build + "/finished.json")).exists();

    SnoopRun failed = snoop("jobs", "run", "fails", "--wait");
    assertThat(failed.exit()).isEqualTo(1);
    assertThat(failed.out()).contains(": failure (Job failed.)");

    SnoopRun refused = snoop("jobs", "run", "refused", "--wait");
    assertThat(refused.exit()).isEqualTo(2);
    assertThat(refused.out()).contains(": error (Pod can not be created: ");
  }

  @Test
  void withoutWaitTheRunIsQueuedForAnEngine() throws Exception {
    SnoopRun queued = snoop("jobs", "run", "passes");
    assertThat(queued.exit()).as(queued.err()).isZero();
    String id = queued.out().replaceAll("(?s).*, run ([0-9a-f-]+) .*", "$1");
    assertThat(JobStore.find(sql, id).orElseThrow().state()).isEqualTo(JobState.TRIGGERED);

    SnoopRun unknown = snoop("jobs", "run", "nope");
    assertThat(unknown.exit()).isEqualTo(2);
    assertThat(unknown.err()).contains("no job named nope");
  }
}
