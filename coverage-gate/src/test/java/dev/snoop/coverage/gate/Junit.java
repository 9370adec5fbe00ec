package dev.snoop.coverage.gate;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import javax.xml.parsers.DocumentBuilderFactory;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/** JUnit XML read with the JDK's DOM parser, as TestGrid reads it. */
record Junit(Document document) {
  record Testcase(String name, String classname, String time, String result) {}

  static Junit parse(String xml) throws Exception {
    DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
    factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
    return new Junit(
        factory
            .newDocumentBuilder()
            .parse(new ByteArrayInputStream(xml.getBytes(StandardCharsets.UTF_8))));
  }

  String rootName() {
    return document.getDocumentElement().getTagName();
  }

  int suites() {
    return document.getElementsByTagName("testsuite").getLength();
  }

  String suiteAttribute(String name) {
    return ((Element) document.getElementsByTagName("testsuite").item(0)).getAttribute(name);
  }

  /** Each testcase with its result: passed, failure, error or skipped. */
  List<Testcase> testcases() {
    List<Testcase> cases = new ArrayList<>();
    NodeList nodes = document.getElementsByTagName("testcase");
    for (int i = 0; i < nodes.getLength(); i++) {
      Element t = (Element) nodes.item(i);
      String result = "passed";
      for (String child : List.of("failure", "error", "skipped")) {
        if (t.getElementsByTagName(child).getLength() > 0) {
          result = child;
        }
      }
      cases.add(
          new Testcase(
              t.getAttribute("name"), t.getAttribute("classname"), t.getAttribute("time"), result));
    }
    return cases;
  }

  String failureMessage(String testcase) {
    NodeList nodes = document.getElementsByTagName("testcase");
    for (int i = 0; i < nodes.getLength(); i++) {
      Element t = (Element) nodes.item(i);
      if (t.getAttribute("name").equals(testcase)) {
        return ((Element) t.getElementsByTagName("failure").item(0)).getAttribute("message");
      }
    }
    throw new AssertionError("no testcase " + testcase);
  }
}
