package dev.snoop.web.api;

import dev.snoop.coverage.endpoint.Endpoint;
import java.util.List;
import java.util.function.Function;

/** Endpoints as CSV (RFC 4180), with the columns and names of the JSON objects. */
final class EndpointCsv {
  private record Column(String name, Function<Endpoint, Object> value) {}

  private static final List<Column> COLUMNS =
      List.of(
          new Column("endpoint", Endpoint::endpoint),
          new Column("path", Endpoint::path),
          new Column("method", Endpoint::method),
          new Column("level", Endpoint::level),
          new Column("category", Endpoint::category),
          new Column("group", Endpoint::group),
          new Column("version", Endpoint::version),
          new Column("kind", Endpoint::kind),
          new Column("action", Endpoint::action),
          new Column("description", Endpoint::description),
          new Column("tested", Endpoint::tested),
          new Column("conf_tested", Endpoint::confTested),
          new Column("eligible", Endpoint::eligible),
          new Column("ineligible_reason", Endpoint::ineligibleReason),
          new Column("ineligible_link", Endpoint::ineligibleLink),
          new Column("pending", Endpoint::pending),
          new Column("first_release", Endpoint::firstRelease),
          new Column("new", Endpoint::isNew));

  private EndpointCsv() {}

  static String of(List<Endpoint> endpoints) {
    StringBuilder csv = new StringBuilder();
    csv.append(String.join(",", COLUMNS.stream().map(Column::name).toList())).append("\r\n");
    for (Endpoint e : endpoints) {
      for (int i = 0; i < COLUMNS.size(); i++) {
        if (i > 0) {
          csv.append(',');
        }
        csv.append(field(COLUMNS.get(i).value().apply(e)));
      }
      csv.append("\r\n");
    }
    return csv.toString();
  }

  /** A value, quoted when it holds a comma, quote or line break; null as an empty field. */
  static String field(Object value) {
    if (value == null) {
      return "";
    }
    String text = value.toString();
    if (text.indexOf(',') < 0
        && text.indexOf('"') < 0
        && text.indexOf('\n') < 0
        && text.indexOf('\r') < 0) {
      return text;
    }
    return '"' + text.replace("\"", "\"\"") + '"';
  }
}
