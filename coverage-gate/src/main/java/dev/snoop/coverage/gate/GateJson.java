package dev.snoop.coverage.gate;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.snoop.coverage.gate.GateReport.GateEndpoint;
import dev.snoop.coverage.gate.GateReport.Regression;
import dev.snoop.coverage.gate.GateReport.Source;
import java.time.Instant;
import java.util.List;
import java.util.Locale;

/**
 * The gate's report as JSON: {@code verdict} (pass, fail, error), {@code exitCode}, {@code
 * problems}, {@code sources} (ages in seconds), {@code endpoints} (status tested, untested or
 * pending) and {@code regressions}.
 */
public final class GateJson {
  private static final ObjectMapper JSON =
      new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  private GateJson() {}

  public static String of(GateReport g) {
    ObjectNode root = JSON.createObjectNode();
    root.put("release", g.release());
    root.put("previousRelease", g.previousRelease());
    root.put("levelRule", g.levelRule());
    root.put("verdict", g.verdict().name().toLowerCase(Locale.ROOT));
    root.put("exitCode", g.verdict().exitCode());
    root.put("headline", g.headline());
    root.put("checkedAt", g.checkedAt().toString());
    root.put("maxAgeSeconds", g.maxAge().getSeconds());
    strings(root.putArray("problems"), g.problems());
    ObjectNode totals = root.putObject("totals");
    totals.put("newEligible", g.endpoints().size());
    totals.put("tested", g.tested().size());
    totals.put("untested", g.untested().size());
    totals.put("pending", g.pending().size());
    totals.put("regressions", g.regressions().size());
    totals.put("errorOnly", g.errorOnly().size());
    root.put("regressionsFail", g.regressionsFail());
    root.put("successRequired", g.successRequired());
    root.put("errorOnlyLine", g.errorOnlyLine());

    ArrayNode sources = root.putArray("sources");
    for (Source s : g.sources()) {
      ObjectNode n = sources.addObject();
      n.put("name", s.name());
      n.put("source", s.source());
      n.put("job", s.job());
      n.put("buildId", s.buildId());
      n.put("events", s.events());
      n.put("requests", s.requests());
      n.put("matched", s.matched());
      n.put("lastEvent", time(s.lastEvent()));
      n.put("ingestedAt", time(s.ingestedAt()));
      if (s.age() == null) {
        n.putNull("ageSeconds");
      } else {
        n.put("ageSeconds", s.age().getSeconds());
      }
      n.put("problem", s.problem());
    }
    ArrayNode endpoints = root.putArray("endpoints");
    for (GateEndpoint e : g.endpoints()) {
      ObjectNode n = operation(endpoints.addObject(), e.endpoint(), e.method(), e.path());
      n.put("kind", e.kind());
      n.put("group", e.group());
      n.put("version", e.version());
      n.put("status", e.status().name().toLowerCase(Locale.ROOT));
      strings(n.putArray("conformanceTests"), e.conformanceTests());
      strings(n.putArray("otherTests"), e.otherTests());
      strings(n.putArray("successfulConformanceTests"), e.successTests());
      n.put("errorOnly", e.errorOnly());
    }
    ArrayNode regressions = root.putArray("regressions");
    for (Regression r : g.regressions()) {
      ObjectNode n = operation(regressions.addObject(), r.endpoint(), r.method(), r.path());
      n.put("kind", r.kind());
      n.put("group", r.group());
      n.put("version", r.version());
      strings(n.putArray("previousConformanceTests"), r.previousTests());
      strings(n.putArray("otherTests"), r.otherTests());
    }
    root.put("minBuilds", g.minBuilds());
    ArrayNode fewBuilds = root.putArray("fewBuilds");
    for (GateReport.FewBuilds f : g.fewBuilds()) {
      fewBuilds
          .addObject()
          .put("endpoint", f.endpoint())
          .put("hitIn", f.hitIn())
          .put("builds", f.builds());
    }
    try {
      return JSON.writeValueAsString(root) + "\n";
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("writing the gate's report as JSON", e);
    }
  }

  private static ObjectNode operation(ObjectNode n, String endpoint, String method, String path) {
    n.put("endpoint", endpoint);
    n.put("method", method);
    n.put("path", path);
    return n;
  }

  private static void strings(ArrayNode array, List<String> values) {
    values.forEach(array::add);
  }

  private static String time(Instant t) {
    return t == null ? null : t.toString();
  }
}
