package dev.snoop.coverage.gate;

import dev.snoop.coverage.gate.GateReport.GateEndpoint;
import dev.snoop.coverage.gate.GateReport.Regression;
import dev.snoop.coverage.gate.GateReport.Status;
import java.io.StringWriter;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.List;
import javax.xml.stream.XMLOutputFactory;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamWriter;

/**
 * The gate's report as JUnit XML in the form TestGrid reads ({@code <testsuites>} with one {@code
 * <testsuite>}, {@code <testcase name classname time>} and {@code failure}, {@code error}, {@code
 * skipped} children): a testcase {@code inputs} that errors when the gate cannot decide, one
 * testcase per new eligible endpoint (failed when untested, skipped when pending), and with
 * --regressions one failed testcase per regression. Write it as {@code artifacts/junit_gate.xml}.
 */
public final class GateJunit {
  static final String SUITE = "conformance-gate";

  private GateJunit() {}

  public static String of(GateReport g) {
    List<Regression> regressions = g.regressionsFail() ? g.regressions() : List.of();
    int tests = 1 + g.endpoints().size() + regressions.size();
    int failures = g.untested().size() + regressions.size();
    int errors = g.problems().isEmpty() ? 0 : 1;
    int skipped = g.pending().size();
    StringWriter text = new StringWriter();
    try {
      XMLStreamWriter x = XMLOutputFactory.newFactory().createXMLStreamWriter(text);
      x.writeStartDocument("UTF-8", "1.0");
      x.writeCharacters("\n");
      x.writeStartElement("testsuites");
      counts(x, tests, failures, errors, skipped);
      x.writeCharacters("\n  ");
      x.writeStartElement("testsuite");
      x.writeAttribute("name", SUITE + " " + g.release());
      counts(x, tests, failures, errors, skipped);
      x.writeAttribute(
          "timestamp",
          DateTimeFormatter.ISO_LOCAL_DATE_TIME.format(
              g.checkedAt().truncatedTo(ChronoUnit.SECONDS).atOffset(ZoneOffset.UTC)));
      x.writeCharacters("\n    ");
      x.writeStartElement("properties");
      property(x, "release", g.release());
      property(x, "previous_release", g.previousRelease());
      property(x, "level_rule", g.levelRule());
      property(x, "verdict", g.verdict().name());
      property(x, "success_required", String.valueOf(g.successRequired()));
      property(x, "error_only", String.valueOf(g.errorOnly().size()));
      x.writeEndElement();

      testcase(x, "inputs", SUITE + ".inputs");
      if (!g.problems().isEmpty()) {
        child(
            x,
            "error",
            "MissingInput",
            "the gate cannot decide: " + g.problems().size() + " missing or stale inputs",
            String.join("\n", g.problems()));
      }
      x.writeEndElement();

      for (GateEndpoint e : g.endpoints()) {
        testcase(x, e.endpoint(), SUITE + ".new-endpoints");
        if (e.status() == Status.UNTESTED) {
          child(x, "failure", "Untested", untestedMessage(g, e), untestedDetails(e));
        } else if (e.status() == Status.PENDING) {
          x.writeCharacters("\n      ");
          x.writeEmptyElement("skipped");
          x.writeAttribute(
              "message",
              "pending: on pending_eligible_endpoints.yaml, not yet required to be tested");
        }
        x.writeEndElement();
      }
      for (Regression r : regressions) {
        testcase(x, r.endpoint(), SUITE + ".regressions");
        child(
            x,
            "failure",
            "Regression",
            r.endpoint()
                + " ("
                + r.method()
                + " "
                + r.path()
                + ") was conformance-tested in "
                + g.previousRelease()
                + " but no conformance test hits it in "
                + g.release(),
            "conformance tests in "
                + g.previousRelease()
                + ":\n"
                + String.join("\n", r.previousTests()));
        x.writeEndElement();
      }
      x.writeCharacters("\n  ");
      x.writeEndElement();
      x.writeCharacters("\n");
      x.writeEndElement();
      x.writeCharacters("\n");
      x.writeEndDocument();
      x.close();
    } catch (XMLStreamException e) {
      throw new IllegalStateException("writing the gate's JUnit XML", e);
    }
    return text.toString();
  }

  static String untestedMessage(GateReport g, GateEndpoint e) {
    return e.endpoint()
        + " ("
        + e.method()
        + " "
        + e.path()
        + ") is new in "
        + g.release()
        + " and eligible for conformance, but "
        + (e.errorOnly()
            ? "conformance tests reach it only with errors (success is required)"
            : "no conformance test hits it");
  }

  private static String untestedDetails(GateEndpoint e) {
    StringBuilder d = new StringBuilder();
    d.append("kind: ").append(e.kind() == null ? "-" : e.kind()).append('\n');
    d.append("group/version: ").append(e.groupVersion()).append('\n');
    if (e.otherTests().isEmpty()) {
      d.append("no e2e test hits it.\n");
    } else {
      d.append("e2e tests (not conformance) that hit it, candidates for promotion:\n");
      e.otherTests().forEach(t -> d.append("  ").append(t).append('\n'));
    }
    d.append(
        "To pass: promote or write a conformance test that exercises it, or list it in"
            + " test/conformance/testdata/pending_eligible_endpoints.yaml (a grace period) or"
            + " ineligible_endpoints.yaml (with a reason).");
    return d.toString();
  }

  private static void counts(XMLStreamWriter x, int tests, int failures, int errors, int skipped)
      throws XMLStreamException {
    x.writeAttribute("tests", Integer.toString(tests));
    x.writeAttribute("failures", Integer.toString(failures));
    x.writeAttribute("errors", Integer.toString(errors));
    x.writeAttribute("skipped", Integer.toString(skipped));
    x.writeAttribute("time", "0");
  }

  private static void property(XMLStreamWriter x, String name, String value)
      throws XMLStreamException {
    x.writeCharacters("\n      ");
    x.writeEmptyElement("property");
    x.writeAttribute("name", name);
    x.writeAttribute("value", value == null ? "" : value);
  }

  private static void testcase(XMLStreamWriter x, String name, String classname)
      throws XMLStreamException {
    x.writeCharacters("\n    ");
    x.writeStartElement("testcase");
    x.writeAttribute("name", name);
    x.writeAttribute("classname", classname);
    x.writeAttribute("time", "0");
  }

  private static void child(
      XMLStreamWriter x, String element, String type, String message, String body)
      throws XMLStreamException {
    x.writeCharacters("\n      ");
    x.writeStartElement(element);
    x.writeAttribute("message", message);
    x.writeAttribute("type", type);
    x.writeCharacters(body);
    x.writeEndElement();
  }
}
