package dev.snoop.ingest.reader;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The reader on fixtures made for each shape of input, good and bad. */
class AuditLogReaderTest {
  @TempDir Path dir;

  private final AuditLogReader reader = new AuditLogReader(ReaderOptions.defaults());
  private final AuditLogReader rawReader =
      new AuditLogReader(ReaderOptions.defaults().withKeepRaw(true));

  static String event(String auditId) {
    return "{\"kind\":\"Event\",\"apiVersion\":\"audit.k8s.io/v1\",\"level\":\"Metadata\","
        + "\"auditID\":\""
        + auditId
        + "\",\"stage\":\"ResponseComplete\",\"requestURI\":\"/api/v1/namespaces/ns/pods\","
        + "\"verb\":\"list\",\"userAgent\":\"e2e.test/v1.34.0\","
        + "\"responseStatus\":{\"metadata\":{},\"code\":200},"
        + "\"requestReceivedTimestamp\":\"2025-06-01T12:00:00.000001Z\","
        + "\"stageTimestamp\":\"2025-06-01T12:00:00.000002Z\"}";
  }

  @Test
  void anEventListGivesItsItemsWhetherPrettyOrOnOneLine() {
    RecordingSink sink = read(fixture("eventlist-webhook-batch.json"));
    assertThat(sink.counts()).isEqualTo("5/0/0");
    assertThat(sink.auditIds()).containsExactly("list-1", "list-2", "list-3", "list-4", "list-5");
    AuditEvent first = sink.events.get(0);
    assertThat(first.userAgent()).endsWith("[sig-node] Pods should list [Conformance]");
    assertThat(first.stageMicros() - first.receivedMicros()).isEqualTo(100);
    assertThat(sink.events.get(1).code()).isEqualTo(201);
    assertThat(sink.events.get(1).stageMicros() - sink.events.get(1).receivedMicros())
        .isEqualTo(500_000);
    assertThat(sink.events.get(2).stage()).isEqualTo("RequestReceived");
    assertThat(sink.events.get(2).code()).isEqualTo(AuditEvent.NO_CODE);
  }

  @Test
  void aTruncatedEventListKeepsTheItemsBeforeTheCut() throws IOException {
    String list =
        "{\"kind\":\"EventList\",\"items\":[\n" + event("c-1") + ",\n" + event("c-2") + ",\n";
    Path file = write("cut.json", list + event("c-3").substring(0, 40));
    RecordingSink sink = read(file);
    assertThat(sink.auditIds()).containsExactly("c-1", "c-2");
    assertThat(sink.problemLines()).containsExactly(4L);
    assertThat(sink.problems.get(0).reason()).startsWith("truncated: ");
  }

  @Test
  void prettyPrintedObjectsFollowOneAnotherEvenOnOneLine() {
    RecordingSink sink = read(fixture("pretty-printed-three-objects.json"));
    assertThat(sink.counts()).isEqualTo("3/0/0");
    assertThat(sink.auditIds()).containsExactly("pretty-1", "pretty-2", "pretty-3");
    assertThat(sink.events.get(0).receivedMicros()).isEqualTo(1_546_300_800_123_456L);
    assertThat(sink.events.get(1).verb()).isEqualTo("watch");
    assertThat(sink.events.get(2).code()).isEqualTo(500);
  }

  @Test
  void aTopLevelArrayOfEventsIsAList() throws IOException {
    Path file = write("array.json", "[" + event("a-1") + ",\n " + event("a-2") + "]\n");
    assertThat(read(file).auditIds()).containsExactly("a-1", "a-2");
  }

  @Test
  void gzipIsToldByItsBytesNotItsName() throws IOException {
    Path gzipped = dir.resolve("audit.log");
    Files.write(gzipped, gzip(event("z-1") + "\n" + event("z-2") + "\n"));
    assertThat(read(gzipped).auditIds()).containsExactly("z-1", "z-2");

    Path plain = write("audit.log.1.gz", event("p-1") + "\n");
    assertThat(read(plain).auditIds()).containsExactly("p-1");
  }

  @Test
  void concatenatedGzipMembersAreOneFile() throws IOException {
    Path file = dir.resolve("audit.log.gz");
    ByteArrayOutputStream both = new ByteArrayOutputStream();
    both.write(gzip(event("m-1") + "\n"));
    both.write(gzip(event("m-2") + "\n"));
    Files.write(file, both.toByteArray());
    assertThat(read(file).auditIds()).containsExactly("m-1", "m-2");
  }

  @Test
  void aGzipCutShortAnywhereIsAnErrorNamingTheFileNotAProblem() throws IOException {
    StringBuilder lines = new StringBuilder();
    for (int i = 0; i < 20_000; i++) {
      lines.append(event("e-" + i)).append('\n');
    }
    byte[] whole = gzip(lines.toString());
    // in the header, in the compressed data, and in the 8-byte trailer after it
    for (int cut : new int[] {2, 5, 3000, whole.length / 2, whole.length - 4}) {
      Path file = dir.resolve("audit-" + cut + ".log.gz");
      Files.write(file, Arrays.copyOf(whole, cut));
      RecordingSink sink = new RecordingSink();
      assertThatThrownBy(() -> reader.read(file, file.toString(), sink))
          .as("cut after %d of %d bytes", cut, whole.length)
          .isInstanceOf(AuditSourceException.class)
          .hasMessageStartingWith(file + ": truncated gzip stream: the file ends ");
      assertThat(sink.problems).isEmpty();
    }
    Path file = dir.resolve("audit.log.gz");
    Files.write(file, Arrays.copyOf(whole, 3000));
    assertThatThrownBy(() -> read(file))
        .hasMessageMatching(
            ".*: truncated gzip stream: the file ends after 3,000 bytes, before its compressed data"
                + " does \\(at line \\d+ of the log\\); a partial download or copy\\?");
  }

  @Test
  void aGzipOfAnotherSourceCutShortIsAnErrorToo() throws IOException {
    byte[] whole = gzip(event("s-1") + "\n" + event("s-2") + "\n");
    RecordingSink sink = new RecordingSink();
    assertThatThrownBy(
            () ->
                reader.read(
                    new ByteArrayInputStream(Arrays.copyOf(whole, whole.length - 20)),
                    "live:batch",
                    sink))
        .isInstanceOf(AuditSourceException.class)
        .hasMessageStartingWith("live:batch: truncated gzip stream: ");
  }

  @Test
  void corruptDeflateDataIsAnErrorNotAProblem() throws IOException {
    byte[] bytes = gzip(event("c-1") + "\n" + event("c-2") + "\n");
    for (int i = 20; i < bytes.length - 8; i += 3) {
      bytes[i] = (byte) 0xA5;
    }
    Path file = dir.resolve("corrupt.gz");
    Files.write(file, bytes);
    assertThatThrownBy(() -> read(file))
        .isInstanceOf(AuditSourceException.class)
        .hasMessageStartingWith(file + ": corrupt gzip stream: ");
  }

  @Test
  void aGzipWithABadHeaderIsAnError() throws IOException {
    Path file = dir.resolve("audit.log.gz");
    Files.write(file, new byte[] {0x1f, (byte) 0x8b, 99, 0, 0});
    assertThatThrownBy(() -> read(file))
        .isInstanceOf(AuditSourceException.class)
        .hasMessage(
            file + ": corrupt gzip stream: Unsupported compression method (in the gzip header)");
  }

  @Test
  void aTruncatedLastObjectIsAProblemAtTheLineWhereItStarts() {
    Path file = fixture("truncated-last-object.jsonl");
    RecordingSink sink = read(file);
    assertThat(sink.auditIds()).containsExactly("t-1", "t-2");
    assertThat(sink.problems).hasSize(1);
    assertThat(sink.problems.get(0).line()).isEqualTo(3);
    assertThat(sink.problems.get(0).source()).isEqualTo(file.toString());
    assertThat(sink.problems.get(0).reason()).startsWith("truncated: the input ends inside");
  }

  @Test
  void badInputIsReportedAtItsLineAndReadingGoesOnAtTheNextLineStartingWithABrace() {
    RecordingSink sink = read(fixture("garbage-between-events.jsonl"));
    assertThat(sink.auditIds()).containsExactly("g-1", "g-2", "g-3", "g-4", "g-5");
    // 2: a log line; 3: an object cut short, whose error shows on line 4; 5: words after an
    // event; 7: an indented object cut short (an indented '{' is no place to start again)
    assertThat(sink.problemLines()).containsExactly(2L, 3L, 5L, 7L);
    assertThat(sink.problems.get(0).reason())
        .startsWith("not valid JSON: Unrecognized token 'I0601'");
  }

  @Test
  void fieldsOfTheWrongTypeAreProblemsAndOtherJsonIsSkipped() {
    RecordingSink sink = read(fixture("wrong-types.jsonl"));
    assertThat(sink.auditIds()).containsExactly("good-1", "good-2", "good-3");
    assertThat(sink.problems)
        .extracting(p -> p.line() + " " + p.reason())
        .containsExactly(
            "2 kind is an integer, expected a string",
            "3 verb is an integer, expected a string",
            "4 responseStatus.code is a string, expected an integer",
            "5 requestReceivedTimestamp \"yesterday\" is not an RFC 3339 time",
            "6 requestURI is an object, expected a string",
            "7 responseStatus.code is out of range (99999999999), expected an integer",
            "9 3 elements of a list, not objects",
            "10 a string at the top level, not an object");
    assertThat(sink.skipped)
        .containsExactly(
            "kind Pod, not an audit Event",
            EventFields.NO_EVENT_FIELDS,
            "apiVersion v1, not audit.k8s.io");
    AuditEvent nulls = sink.events.get(1);
    assertThat(nulls.code()).isEqualTo(AuditEvent.NO_CODE);
    assertThat(nulls.userAgent()).isNull();
    assertThat(nulls.receivedMicros()).isEqualTo(AuditEvent.NO_TIME);
  }

  @Test
  void invalidUtf8SpoilsOnlyTheEventItIsIn() throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.write((event("u-1") + "\n").getBytes(StandardCharsets.UTF_8));
    String bad = event("u-bad").replace("e2e.test/v1.34.0", "e2e.test/\u0001");
    byte[] badBytes = bad.getBytes(StandardCharsets.UTF_8);
    badBytes[bad.indexOf('\u0001')] = (byte) 0xFF; // not UTF-8, in a field that is read
    out.write(badBytes);
    out.write('\n');
    String skipped =
        event("u-bad2")
            .replace("\"level\"", "\"requestObject\":{\"data\":\"\u0001\u0001\"},\"level\"");
    byte[] skippedBytes = skipped.getBytes(StandardCharsets.UTF_8);
    skippedBytes[skipped.indexOf('\u0001')] = (byte) 0xC3; // a lead byte without its follower
    out.write(skippedBytes);
    out.write('\n');
    out.write((event("u-2") + "\n").getBytes(StandardCharsets.UTF_8));
    Path file = dir.resolve("utf8.log");
    Files.write(file, out.toByteArray());

    RecordingSink sink = read(file);
    assertThat(sink.auditIds()).containsExactly("u-1", "u-2");
    assertThat(sink.problemLines()).containsExactly(2L, 3L);
    assertThat(sink.problems)
        .allSatisfy(p -> assertThat(p.reason()).startsWith("not valid UTF-8: "));
  }

  @Test
  void utf16IsAProblemNotACrash() throws IOException {
    Path file = dir.resolve("utf16.json");
    Files.write(file, ("\uFEFF" + event("w-1") + "\n").getBytes(StandardCharsets.UTF_16LE));
    RecordingSink sink = read(file);
    assertThat(sink.counts()).isEqualTo("0/1/0");
    assertThat(sink.problems.get(0).reason()).startsWith("not UTF-8");
  }

  @Test
  void aUtf8ByteOrderMarkIsReadPast() throws IOException {
    Path file = dir.resolve("bom.json");
    Files.write(file, ("\uFEFF" + event("b-1") + "\n").getBytes(StandardCharsets.UTF_8));
    RecordingSink sink = new RecordingSink();
    rawReader.read(file, "bom", sink);
    assertThat(sink.auditIds()).containsExactly("b-1");
    assertThat(new String(sink.events.get(0).raw(), StandardCharsets.UTF_8))
        .isEqualTo(event("b-1"));
  }

  @Test
  void aTenMegabyteLineOfGarbageIsOneProblem() throws IOException {
    String garbage = "x".repeat(10 << 20);
    String unterminated = "{\"kind\":\"Event\",\"requestObject\":\"" + "y".repeat(10 << 20);
    Path file =
        write(
            "garbage.log",
            event("l-1")
                + "\n"
                + garbage
                + "\n"
                + event("l-2")
                + "\n"
                + unterminated
                + "\n"
                + event("l-3")
                + "\n");
    RecordingSink sink = read(file);
    assertThat(sink.auditIds()).containsExactly("l-1", "l-2", "l-3");
    assertThat(sink.problemLines()).containsExactly(2L, 4L);
  }

  @Test
  void aTenMegabyteEventWithinTheLimitIsRead() throws IOException {
    String big =
        event("big")
            .replace(
                "\"level\"",
                "\"requestObject\":{\"data\":\"" + "z".repeat(10 << 20) + "\"},\"level\"");
    Path file = write("big.log", event("s-1") + "\n" + big + "\n" + event("s-2") + "\n");
    RecordingSink sink = new RecordingSink();
    rawReader.read(file, "big", sink);
    assertThat(sink.auditIds()).containsExactly("s-1", "big", "s-2");
    assertThat(sink.events.get(1).raw()).hasSize(big.length());
  }

  @Test
  void anEventOverTheLimitIsReportedAndTheNextOneIsRead() throws IOException {
    String big =
        event("big")
            .replace(
                "\"level\"",
                "\"requestObject\":{\"data\":\"" + "z".repeat(3 << 20) + "\"},\"level\"");
    String cutInAString = big.substring(0, big.length() - 2);
    String cutAfterAComma = big.substring(0, big.indexOf("},\"level\"") + 2);
    Path file =
        write(
            "big.log",
            String.join(
                "\n",
                event("o-1"),
                big,
                event("o-2"),
                cutInAString,
                event("o-3"),
                cutAfterAComma,
                event("o-4"),
                ""));
    AuditLogReader small = new AuditLogReader(new ReaderOptions(true, 1 << 20));
    RecordingSink sink = new RecordingSink();
    small.read(file, "big", sink);
    // the parser notices the cut ones only on the next line, long after their start was let go
    assertThat(sink.auditIds()).containsExactly("o-1", "o-2", "o-3", "o-4");
    assertThat(sink.problemLines()).containsExactly(2L, 4L, 6L);
    assertThat(sink.problems.get(0).reason())
        .isEqualTo(
            "an event of " + big.length() + " bytes, larger than the limit of 1048576 bytes");
    assertThat(sink.problems.get(1).reason()).startsWith("not valid JSON: ");
  }

  @Test
  void blankLinesAndCrlfLineEndingsKeepTheLineNumbers() throws IOException {
    String text =
        event("r-1")
            + "\r\n\r\n   \r\n"
            + "not json\r\n"
            + event("r-2")
            + "\r\n\n\r"
            + "{\"kind\": 1}\r\n"
            + event("r-3")
            + "\r\n";
    Path file = write("crlf.log", text);
    RecordingSink sink = new RecordingSink();
    rawReader.read(file, "crlf", sink);
    assertThat(sink.auditIds()).containsExactly("r-1", "r-2", "r-3");
    // lines: 1 r-1, 2 and 3 blank, 4 not json, 5 r-2, 6 blank (\n), 7 blank (a lone \r), 8 kind 1
    assertThat(sink.problemLines()).containsExactly(4L, 8L);
    assertThat(sink.events)
        .allSatisfy(
            e -> assertThat(new String(e.raw(), StandardCharsets.UTF_8)).doesNotContain("\r"));
  }

  @Test
  void keepRawGivesTheExactBytesOfEachEvent() throws IOException {
    for (String name :
        new String[] {
          "eventlist-webhook-batch.json", "pretty-printed-three-objects.json", "wrong-types.jsonl"
        }) {
      Path file = fixture(name);
      String text = Files.readString(file);
      RecordingSink sink = new RecordingSink();
      rawReader.read(file, name, sink);
      assertThat(sink.events).isNotEmpty();
      int from = 0;
      for (AuditEvent e : sink.events) {
        String raw = new String(e.raw(), StandardCharsets.UTF_8);
        assertThat(raw).startsWith("{").endsWith("}").contains("\"" + e.auditId() + "\"");
        int at = text.indexOf(raw, from);
        assertThat(at)
            .as("%s: %s is in the file, after the event before it", name, e.auditId())
            .isGreaterThanOrEqualTo(from);
        from = at + raw.length();
      }
    }
  }

  @Test
  void withoutKeepRawThereAreNoRawBytes() {
    RecordingSink sink = read(fixture("eventlist-webhook-batch.json"));
    assertThat(sink.events).allSatisfy(e -> assertThat(e.raw()).isNull());
  }

  @Test
  void aMissingFileIsAnErrorAndAnEmptyFileIsNothing() throws IOException {
    Path missing = dir.resolve("missing.log");
    assertThatThrownBy(() -> read(missing))
        .isInstanceOf(AuditSourceException.class)
        .hasMessage(missing + ": no such file");
    assertThat(read(write("empty.log", "")).counts()).isEqualTo("0/0/0");
    assertThat(read(write("blank.log", "\n\n  \n")).counts()).isEqualTo("0/0/0");
  }

  @Test
  void aReadSaysHowManyBytesAndLinesItWentThrough() throws IOException {
    assertThat(linesOf("")).isZero();
    assertThat(linesOf("\n\n  \n")).isEqualTo(3);
    assertThat(linesOf(event("n-1"))).isEqualTo(1);
    assertThat(linesOf(event("n-1") + "\n" + event("n-2") + "\n")).isEqualTo(2);
    assertThat(linesOf(event("n-1") + "\r\n\r\n" + event("n-2"))).isEqualTo(3);
    // ended by a syntax error and the search for the next line starting with '{'
    assertThat(linesOf(event("n-1") + "\nnot json\nnor this")).isEqualTo(3);
    assertThat(linesOf(event("n-1") + "\n" + event("n-2").substring(0, 30) + "\n")).isEqualTo(2);
    assertThat(linesOf("\u0000\u0001binary\n\u0002")).isEqualTo(2);

    String text = event("g-1") + "\n" + event("g-2") + "\n";
    Path gzipped = dir.resolve("counted.log.gz");
    Files.write(gzipped, gzip(text));
    AuditLogReader.SourceRead read =
        reader.read(new AuditSource("counted", gzipped), new RecordingSink());
    assertThat(read.lines()).isEqualTo(2);
    assertThat(read.bytes()).isEqualTo(Files.size(gzipped));
  }

  private long linesOf(String text) throws IOException {
    Path file = write("lines.log", text);
    AuditLogReader.SourceRead read = reader.read(file, "lines", new RecordingSink());
    assertThat(read.bytes()).isEqualTo(Files.size(file));
    return read.lines();
  }

  private RecordingSink read(Path file) {
    RecordingSink sink = new RecordingSink();
    reader.read(file, file.toString(), sink);
    return sink;
  }

  private Path write(String name, String text) throws IOException {
    return Files.writeString(dir.resolve(name), text);
  }

  static Path fixture(String name) {
    try {
      return Path.of(AuditLogReaderTest.class.getResource("/fixtures/" + name).toURI());
    } catch (URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }

  static byte[] gzip(String text) throws IOException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (OutputStream out = new GZIPOutputStream(bytes)) {
      out.write(text.getBytes(StandardCharsets.UTF_8));
    }
    return bytes.toByteArray();
  }
}
