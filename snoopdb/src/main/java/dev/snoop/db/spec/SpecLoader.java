package dev.snoop.db.spec;

import static dev.snoop.db.jooq.public_.Tables.OPEN_API;
import static dev.snoop.db.jooq.snoop.Tables.OPERATION_PARAMETER;

import dev.snoop.db.input.InputBytes;
import dev.snoop.db.input.InputException;
import dev.snoop.db.input.InputReader;
import dev.snoop.db.load.CopyRows;
import dev.snoop.db.load.LoadLog;
import dev.snoop.db.release.Release;
import dev.snoop.db.release.ReleaseCatalogue;
import java.time.LocalDateTime;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.jooq.DSLContext;

/**
 * Loads a release's spec into {@code open_api}: reads and checks the whole input first, then
 * replaces that release's rows in one transaction, so a bad input changes nothing.
 */
public final class SpecLoader {
  private final DSLContext sql;
  private final InputReader reader;
  private final ReleaseCatalogue catalogue;

  public SpecLoader(DSLContext sql, InputReader reader) {
    this.sql = sql;
    this.reader = reader;
    this.catalogue = new ReleaseCatalogue(sql, reader);
  }

  /** What a load wrote: operations by level, and how many are deprecated. */
  public record Result(
      Release release,
      String source,
      LevelRule rule,
      int operations,
      int deprecated,
      Map<String, Integer> levels) {}

  /** The upstream spec of a release in the catalogue (master for the working release). */
  public SpecSource upstream(Release release) {
    return SpecSource.upstream(release.tag(), catalogue.require(release).working());
  }

  public Result load(Release release, SpecSource source, LevelRule rule) {
    ReleaseCatalogue.Entry entry = catalogue.require(release);
    Spec spec = read(source);
    List<OpenApiRow> rows = SpecDeriver.derive(spec.operations(), rule);

    LocalDateTime releaseDate =
        entry.date().map(d -> d.atStartOfDay()).orElseGet(LocalDateTime::now);
    sql.transaction(
        tx -> {
          DSLContext t = tx.dsl();
          // The release's parameters first, in one statement: the cascade then has nothing to do.
          t.deleteFrom(OPERATION_PARAMETER)
              .where(OPERATION_PARAMETER.RELEASE.eq(release.toString()))
              .execute();
          t.deleteFrom(OPEN_API).where(OPEN_API.RELEASE.eq(release.toString())).execute();
          openApiRows(release, releaseDate, source.source(), rule, rows).copy(t);
          parameterRows(release, spec.parameters()).copy(t);
          LoadLog.record(
              t,
              LoadLog.Kind.SPEC,
              release,
              source.source(),
              spec.checksum(),
              rows.size(),
              Map.of("level_rule", rule.id(), "format", spec.format()));
        });
    return result(release, source, rule, rows);
  }

  /** Reads and checks a source as {@link #load} does, writing nothing (the spec-load benchmark). */
  public List<SpecOperation> parse(SpecSource source) {
    return read(source).operations();
  }

  /** The parsed spec, checksum and format of a source, before anything is written. */
  record Spec(
      List<SpecOperation> operations,
      Map<String, List<SpecParameters.QueryParameter>> parameters,
      String checksum,
      String format) {}

  Spec read(SpecSource source) {
    if (source instanceof SpecSource.V2 v2) {
      InputReader.Parsed<SpecParser.Parsed> parsed =
          reader.read(v2.input(), SpecParser::parseV2WithParameters);
      return new Spec(
          parsed.value().operations(),
          parsed.value().parameters(),
          parsed.bytes().sha256(),
          "swagger-2.0");
    }
    SpecSource.V3 v3 = (SpecSource.V3) source;
    Map<String, SpecOperation> operations = new LinkedHashMap<>();
    Map<String, List<SpecParameters.QueryParameter>> parameters = new LinkedHashMap<>();
    Map<String, String> owners = new LinkedHashMap<>();
    Map<String, String> checksums = new TreeMap<>();
    for (var document : v3.documents()) {
      InputReader.Parsed<SpecParser.Parsed> parsed =
          reader.read(document, SpecParser::parseV3WithParameters);
      checksums.put(document.source(), parsed.bytes().sha256());
      parsed.value().parameters().forEach(parameters::putIfAbsent);
      for (SpecOperation op : parsed.value().operations()) {
        SpecOperation earlier = operations.putIfAbsent(op.operationId(), op);
        owners.putIfAbsent(op.operationId(), document.source());
        if (earlier != null && !earlier.equals(op)) {
          throw new InputException(
              document.source()
                  + ": operationId "
                  + op.operationId()
                  + " differs from the one in "
                  + owners.get(op.operationId()));
        }
      }
    }
    String combined = String.join("\n", checksums.values());
    return new Spec(
        List.copyOf(operations.values()),
        parameters,
        new InputBytes(v3.source(), combined.getBytes()).sha256(),
        "openapi-3");
  }

  private static CopyRows openApiRows(
      Release release, LocalDateTime date, String spec, LevelRule rule, List<OpenApiRow> rows) {
    CopyRows copy =
        new CopyRows(
            "public.open_api",
            List.of(
                "release",
                "release_date",
                "endpoint",
                "level",
                "category",
                "path",
                "k8s_group",
                "k8s_version",
                "k8s_kind",
                "k8s_action",
                "deprecated",
                "description",
                "spec",
                "http_method",
                "level_rule"));
    for (OpenApiRow row : rows) {
      copy.add(
          release.toString(),
          date,
          row.endpoint(),
          row.level(),
          row.category(),
          row.path(),
          row.group(),
          row.version(),
          row.kind(),
          row.action(),
          row.deprecated(),
          row.description(),
          spec,
          row.httpMethod(),
          rule.id());
    }
    return copy;
  }

  /** A release's query parameters, about 7,000 in a Kubernetes spec. */
  private static CopyRows parameterRows(
      Release release, Map<String, List<SpecParameters.QueryParameter>> byOperation) {
    CopyRows copy =
        new CopyRows(
            "snoop.operation_parameter",
            List.of("release", "endpoint", "parameter", "required", "description"));
    byOperation.forEach(
        (operation, parameters) -> {
          for (SpecParameters.QueryParameter p : parameters) {
            copy.add(release.toString(), operation, p.name(), p.required(), p.description());
          }
        });
    return copy;
  }

  private static Result result(
      Release release, SpecSource source, LevelRule rule, List<OpenApiRow> rows) {
    Map<String, Integer> levels = new TreeMap<>();
    int deprecated = 0;
    for (OpenApiRow row : rows) {
      levels.merge(row.level(), 1, Integer::sum);
      deprecated += row.deprecated() ? 1 : 0;
    }
    return new Result(release, source.source(), rule, rows.size(), deprecated, levels);
  }
}
