package dev.snoop.db.load;

import java.io.StringReader;
import java.util.List;
import org.jooq.DSLContext;
import org.postgresql.PGConnection;

/**
 * Rows written with one {@code COPY ... FROM STDIN} (text format) on the caller's transaction. A
 * spec's thousand operations and ten thousand parameters took up to a second as bound inserts, most
 * of it binding values on the client; as one COPY they take tens of milliseconds.
 */
public final class CopyRows {
  private final String statement;
  private final int columns;
  private final StringBuilder text = new StringBuilder();
  private int rows;

  /** Rows for {@code table}, each value in the order of {@code columns}. */
  public CopyRows(String table, List<String> columns) {
    this.statement = "copy " + table + " (" + String.join(", ", columns) + ") from stdin";
    this.columns = columns.size();
  }

  /** Adds a row: strings, numbers, booleans, dates or times (as their ISO text), or nulls. */
  public CopyRows add(Object... values) {
    if (values.length != columns) {
      throw new IllegalArgumentException(values.length + " values for " + columns + " columns");
    }
    for (int i = 0; i < values.length; i++) {
      if (i > 0) {
        text.append('\t');
      }
      append(values[i]);
    }
    text.append('\n');
    rows++;
    return this;
  }

  public int rows() {
    return rows;
  }

  /** Sends the rows on {@code sql}'s connection; returns how many PostgreSQL stored. */
  public long copy(DSLContext sql) {
    if (rows == 0) {
      return 0;
    }
    return sql.connectionResult(
        connection ->
            connection
                .unwrap(PGConnection.class)
                .getCopyAPI()
                .copyIn(statement, new StringReader(text.toString())));
  }

  private void append(Object value) {
    if (value == null) {
      text.append("\\N");
    } else if (value instanceof Boolean b) {
      text.append(b ? 't' : 'f');
    } else {
      escape(value.toString());
    }
  }

  /** COPY's text format: backslash, tab, newline and carriage return are escaped. */
  private void escape(String value) {
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      switch (c) {
        case '\\' -> text.append("\\\\");
        case '\t' -> text.append("\\t");
        case '\n' -> text.append("\\n");
        case '\r' -> text.append("\\r");
        default -> text.append(c);
      }
    }
  }
}
