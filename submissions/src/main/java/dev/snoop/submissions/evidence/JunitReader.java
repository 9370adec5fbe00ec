package dev.snoop.submissions.evidence;

import java.io.ByteArrayInputStream;
import java.util.ArrayList;
import java.util.List;
import javax.xml.stream.Location;
import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;

/**
 * Reads a junit_01.xml with a streaming (StAX) parser, keeping only testcase names and whether each
 * has a {@code <skipped>}, {@code <failure>} or {@code <error>} child. A report is about 2.5 MB
 * with about 7,000 testcases; nothing but the conformance testcases is kept.
 */
public final class JunitReader {
  private static final XMLInputFactory FACTORY = factory();

  private JunitReader() {}

  /**
   * @param path the file's path in the submission, for messages
   * @throws JunitFormatException when it is not XML or its root is not {@code <testsuites>}
   */
  public static JunitReport read(byte[] content, String path) throws JunitFormatException {
    XMLStreamReader xml = null;
    try {
      xml = FACTORY.createXMLStreamReader(new ByteArrayInputStream(content));
      int testcases = 0;
      List<JunitReport.ConformanceCase> conformance = new ArrayList<>();
      int depth = 0;
      boolean rootSeen = false;
      int caseDepth = -1;
      String name = null;
      boolean skipped = false;
      boolean failed = false;
      boolean errored = false;
      while (xml.hasNext()) {
        int event = xml.next();
        if (event == XMLStreamConstants.START_ELEMENT) {
          depth++;
          String element = xml.getLocalName();
          if (depth == 1) {
            if (!element.equals("testsuites")) {
              throw wrongRoot(path, element);
            }
            rootSeen = true;
          }
          if (caseDepth < 0 && element.equals("testcase")) {
            caseDepth = depth;
            testcases++;
            String attribute = xml.getAttributeValue(null, "name");
            name = attribute == null ? "" : attribute;
            skipped = false;
            failed = false;
            errored = false;
          } else if (depth == caseDepth + 1) {
            switch (element) {
              case "skipped" -> skipped = true;
              case "failure" -> failed = true;
              case "error" -> errored = true;
              default -> {}
            }
          }
        } else if (event == XMLStreamConstants.END_ELEMENT) {
          if (depth == caseDepth) {
            caseDepth = -1;
            if (!skipped && name.contains("[Conformance]")) {
              conformance.add(new JunitReport.ConformanceCase(codename(name), failed, errored));
            }
          }
          depth--;
        }
      }
      if (!rootSeen) {
        throw new JunitFormatException(
            path + ": not a junit report (no <testsuites> element)",
            "unable to parse junit_01.xml file, EOF");
      }
      return new JunitReport(testcases, conformance);
    } catch (XMLStreamException e) {
      Location at = e.getLocation();
      String where = at == null ? "" : " at line " + at.getLineNumber();
      String reason = reason(e);
      throw new JunitFormatException(
          path + ": not valid XML" + where + ": " + reason,
          "unable to parse junit_01.xml file, XML syntax error"
              + (at == null ? "" : " on line " + at.getLineNumber())
              + ": "
              + reason);
    } finally {
      if (xml != null) {
        try {
          xml.close();
        } catch (XMLStreamException e) {
          // nothing held but memory
        }
      }
    }
  }

  /**
   * The bot's normalisation: entities left over after XML decoding, the one quoting difference
   * between junit and conformance.yaml, and Ginkgo v2's {@code [It] } prefix.
   */
  static String codename(String name) {
    String n =
        name.replace("&#39;", "'")
            .replace("&#34;", "\"")
            .replace("&gt;", ">")
            .replace("'cat /tmp/health'", "\"cat /tmp/health\"");
    return n.startsWith("[It] ") ? n.substring(5) : n;
  }

  private static JunitFormatException wrongRoot(String path, String element) {
    String message =
        element.equals("testsuite")
            ? path
                + ": the root element is <testsuite>, the report layout of Ginkgo v1 (Kubernetes"
                + " before v1.25); run the tests with a current Sonobuoy or hydrophone, whose"
                + " junit_01.xml has the root <testsuites>"
            : path
                + ": the root element is <"
                + element
                + ">, not <testsuites> (not a junit report)";
    return new JunitFormatException(
        message,
        "unable to parse junit_01.xml file, expected element type <testsuites> but have <"
            + element
            + ">");
  }

  private static String reason(XMLStreamException e) {
    String message = e.getMessage() == null ? e.toString() : e.getMessage();
    int detail = message.indexOf("Message: ");
    return (detail >= 0 ? message.substring(detail + 9) : message).strip();
  }

  private static XMLInputFactory factory() {
    XMLInputFactory factory = XMLInputFactory.newFactory();
    factory.setProperty(XMLInputFactory.SUPPORT_DTD, false);
    factory.setProperty(XMLInputFactory.IS_SUPPORTING_EXTERNAL_ENTITIES, false);
    factory.setProperty(XMLInputFactory.IS_COALESCING, false);
    return factory;
  }
}
