package dev.snoop.ci.artifacts;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;

/**
 * A JUnit XML file as TestGrid and Spyglass's junit lens read one: {@code <testsuites>} or a bare
 * {@code <testsuite>}, each {@code <testcase name classname time>} passed, failed (a {@code
 * <failure>} or {@code <error>}, its message the {@code message} attribute or the element's text),
 * or skipped. A file cut short (a job killed while writing it) keeps the test cases read before the
 * cut and says where it broke, as Spyglass shows what it could read.
 *
 * @param problem why the file could not be read to its end
 */
public record JunitReport(List<TestCase> cases, Optional<String> problem) {
  /** An XML declaration after a leading comment, which real files have and StAX refuses. */
  private static final Pattern LATE_DECLARATION = Pattern.compile("<\\?xml[^?]*\\?>");

  public JunitReport {
    cases = List.copyOf(cases);
  }

  /** How one test case ended. */
  public enum Outcome {
    PASSED,
    FAILED,
    SKIPPED
  }

  /**
   * One test case.
   *
   * @param name its name; empty when the file gives none
   * @param message for a failure, what failed
   */
  public record TestCase(
      String suite,
      String name,
      String classname,
      double seconds,
      Outcome outcome,
      Optional<String> message) {}

  public long count(Outcome outcome) {
    return cases.stream().filter(c -> c.outcome() == outcome).count();
  }

  public List<TestCase> failures() {
    return cases.stream().filter(c -> c.outcome() == Outcome.FAILED).toList();
  }

  /** Reads a file's bytes; never throws on bad XML (see {@link #problem}). */
  public static JunitReport parse(byte[] xml) {
    String text = new String(xml, StandardCharsets.UTF_8);
    Matcher declaration = LATE_DECLARATION.matcher(text);
    if (declaration.find() && declaration.start() > 0) {
      text = text.substring(0, declaration.start()) + text.substring(declaration.end());
    }
    List<TestCase> cases = new ArrayList<>();
    try (InputStream in = new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8))) {
      read(factory().createXMLStreamReader(in, "UTF-8"), cases);
      return new JunitReport(cases, Optional.empty());
    } catch (XMLStreamException e) {
      String where =
          e.getLocation() == null
              ? ""
              : " at line "
                  + e.getLocation().getLineNumber()
                  + ", column "
                  + e.getLocation().getColumnNumber();
      return new JunitReport(cases, Optional.of("unreadable XML" + where + ": " + firstLine(e)));
    } catch (IOException e) {
      throw new IllegalStateException("reading bytes in memory", e);
    }
  }

  private static void read(XMLStreamReader xml, List<TestCase> cases) throws XMLStreamException {
    List<String> suites = new ArrayList<>();
    String name = null;
    String classname = "";
    double seconds = 0;
    Outcome outcome = Outcome.PASSED;
    String message = null;
    StringBuilder text = null;
    while (xml.hasNext()) {
      int event = xml.next();
      if (event == XMLStreamConstants.START_ELEMENT) {
        switch (xml.getLocalName()) {
          case "testsuite" -> suites.add(attribute(xml, "name"));
          case "testcase" -> {
            name = attribute(xml, "name");
            classname = attribute(xml, "classname");
            seconds = seconds(attribute(xml, "time"));
            outcome = Outcome.PASSED;
            message = null;
          }
          case "failure", "error" -> {
            if (name != null) {
              outcome = Outcome.FAILED;
              String attribute = attribute(xml, "message");
              message = attribute.isEmpty() ? null : attribute;
              text = new StringBuilder();
            }
          }
          case "skipped" -> {
            if (name != null && outcome != Outcome.FAILED) {
              outcome = Outcome.SKIPPED;
            }
          }
          default -> {}
        }
      } else if ((event == XMLStreamConstants.CHARACTERS || event == XMLStreamConstants.CDATA)
          && text != null) {
        text.append(xml.getText());
      } else if (event == XMLStreamConstants.END_ELEMENT) {
        switch (xml.getLocalName()) {
          case "failure", "error" -> {
            if (text != null && message == null && !text.toString().isBlank()) {
              message = text.toString().strip();
            }
            text = null;
          }
          case "testcase" -> {
            String suite = suites.isEmpty() ? "" : suites.get(suites.size() - 1);
            cases.add(
                new TestCase(
                    suite, name, classname, seconds, outcome, Optional.ofNullable(message)));
            name = null;
          }
          case "testsuite" -> {
            if (!suites.isEmpty()) {
              suites.remove(suites.size() - 1);
            }
          }
          default -> {}
        }
      }
    }
  }

  private static String attribute(XMLStreamReader xml, String name) {
    String value = xml.getAttributeValue(null, name);
    return value == null ? "" : value;
  }

  private static double seconds(String time) {
    try {
      return time.isBlank() ? 0 : Double.parseDouble(time.replace(",", ""));
    } catch (NumberFormatException e) {
      return 0;
    }
  }

  private static String firstLine(XMLStreamException e) {
    String message = String.valueOf(e.getMessage());
    int nested = message.indexOf("Message: ");
    return (nested >= 0 ? message.substring(nested + 9) : message).lines().findFirst().orElse("");
  }

  private static XMLInputFactory factory() {
    XMLInputFactory factory = XMLInputFactory.newFactory();
    factory.setProperty(XMLInputFactory.SUPPORT_DTD, false);
    factory.setProperty(XMLInputFactory.IS_SUPPORTING_EXTERNAL_ENTITIES, false);
    factory.setProperty(XMLInputFactory.IS_COALESCING, true);
    return factory;
  }
}
