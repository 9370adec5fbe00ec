package dev.snoop.db.load;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.snoop.db.Database;
import dev.snoop.db.testing.MigratedDatabase;
import java.sql.Timestamp;
import java.time.LocalDateTime;
import java.util.List;
import org.jooq.DSLContext;
import org.jooq.Record;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(MigratedDatabase.class)
class CopyRowsIT {
  private final DSLContext sql;

  CopyRowsIT(Database database) {
    this.sql = database.dsl();
  }

  @Test
  void everyValueComesBackAsWritten() {
    sql.execute(
        "create temporary table copied (id int, said text, flag boolean, at timestamp, n bigint)");
    String awkward = "tab\there, newline\nthere, return\r, backslash \\N and \\\\, quote \" ' ü";
    CopyRows rows =
        new CopyRows("copied", List.of("id", "said", "flag", "at", "n"))
            .add(1, awkward, true, LocalDateTime.parse("2026-12-04T20:38:24.5"), 9_000_000_000L)
            .add(2, null, false, null, null)
            .add(3, "", null, LocalDateTime.parse("2025-05-15T00:00"), -1);

    long stored = sql.transactionResult(tx -> rows.copy(tx.dsl()));

    assertThat(stored).isEqualTo(3);
    List<Record> back = sql.fetch("select id, said, flag, at, n from copied order by id");
    assertThat(back.get(0).intoArray())
        .containsExactly(
            1,
            awkward,
            true,
            Timestamp.valueOf(LocalDateTime.parse("2026-12-04T20:38:24.5")),
            9_000_000_000L);
    assertThat(back.get(1).intoArray()).containsExactly(2, null, false, null, null);
    assertThat(back.get(2).intoArray())
        .containsExactly(3, "", null, Timestamp.valueOf("2025-05-15 00:00:00"), -1L);
  }

  @Test
  void aRowOfTheWrongWidthIsRefused() {
    assertThatThrownBy(() -> new CopyRows("copied", List.of("a", "b")).add("only one"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("1 values for 2 columns");
  }
}
