package dev.snoop.db.testing;

import org.jooq.DSLContext;

/** A table's whole content in a few characters, to show that a rejected load changed nothing. */
public final class TableContent {
  private TableContent() {}

  /** Row count and an md5 of all rows of {@code table} (schema-qualified), in a stable order. */
  public static String of(DSLContext sql, String table) {
    return sql.fetchOne(
            "select count(*) || ' rows, md5 '"
                + " || coalesce(md5(string_agg(t::text, e'\\n' order by t::text)), '-') from "
                + table
                + " t")
        .get(0, String.class);
  }
}
