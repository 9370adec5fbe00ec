package dev.snoop.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import dev.snoop.db.Database;
import dev.snoop.db.testing.MigratedDatabase;
import dev.snoop.db.testing.QueryDoc;
import dev.snoop.db.testing.SharedData;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * APISnoop's loader functions, called through {@code snoop sql} as docs/queries.md shows them, fail
 * with a command that this snoop accepts: its subcommand and options exist.
 */
@ExtendWith(MigratedDatabase.class)
class LoaderFunctionsIT {
  private static final String RUN = "; run: ";
  private final String dbUrl;
  @TempDir Path cache;

  LoaderFunctionsIT(Database database) {
    this.dbUrl = database.jdbcUrl();
  }

  @Test
  void eachLoaderNamesASnoopCommandThatParses() {
    SnoopRun releases =
        SnoopRun.of(
            dbUrl,
            cache,
            "load",
            "releases",
            "--file",
            SharedData.path("apisnoop-coverage/releases.yaml").toString());
    assertThat(releases.exit()).as(releases.err()).isZero();
    List<QueryDoc.Example> loaders = QueryDoc.section("APISnoop's loader functions");
    assertThat(loaders).isNotEmpty();
    for (QueryDoc.Example loader : loaders) {
      SnoopRun run = SnoopRun.of(dbUrl, cache, "sql", loader.sql());
      assertThat(run.exit()).as(loader.sql()).isEqualTo(ExitCode.USER_ERROR);
      assertThat(run.err()).as(loader.sql()).contains(loader.error());
      String commands = loader.error().substring(loader.error().indexOf(RUN) + RUN.length());
      for (String command : commands.split(" && ")) {
        List<String> words = Arrays.asList(command.split(" "));
        assertThat(words.get(0)).as(command).isEqualTo("snoop");
        assertThatCode(
                () ->
                    new CommandLine(new SnoopCommand())
                        .parseArgs(words.subList(1, words.size()).toArray(String[]::new)))
            .as(command)
            .doesNotThrowAnyException();
      }
    }
  }
}
