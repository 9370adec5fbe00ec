package dev.snoop.ingest.reader;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.nio.charset.StandardCharsets;

/**
 * Reads the JSON values of one file from a streaming parser, pulling the fields of each event and
 * skipping the rest, and tells the sink what each value is.
 *
 * <p>An event is read as a "unit": the window holds its bytes from its start, for its raw copy and
 * to resume after an error in it. A top-level object is a unit, and so is each element of a list
 * (an EventList's {@code items}, or a top-level array).
 */
final class EventDecoder {
  private final JsonFactory json;
  private final ByteWindow window;
  private final String source;
  private final AuditEventSink sink;
  private final boolean keepRaw;
  private final int maxEventBytes;
  private final FieldReader fields;

  /** The top-level object, a list element, an AKS record's embedded event. */
  private final EventFields top = new EventFields();

  private final EventFields item = new EventFields();
  private final EventFields embedded = new EventFields();
  private boolean hasEmbedded;
  private byte[] embeddedRaw;

  /** The parser of the current stretch of input, and where that stretch starts. */
  private JsonParser p;

  private long baseOffset;
  private long baseLine;

  /** The unit being read, if any, and the end of the last one. */
  private boolean inUnit;

  private long unitOffset;
  private long unitLine;
  private long lastEndOffset;
  private long lastEndLine;

  EventDecoder(
      JsonFactory json, ByteWindow window, String source, AuditEventSink sink, ReaderOptions o) {
    this.json = json;
    this.window = window;
    this.source = source;
    this.sink = sink;
    this.keepRaw = o.keepRaw();
    this.maxEventBytes = o.maxEventBytes();
    this.fields = new FieldReader(this::readTopField);
  }

  /**
   * Reads the JSON values from {@code parser}, which starts at {@code base}, to the end of the
   * input. A syntax error ends it: then {@link #badInputStart()} says where the bad input starts.
   */
  void read(JsonParser parser, Position base) throws IOException {
    p = parser;
    baseOffset = base.offset();
    baseLine = base.line();
    inUnit = false;
    lastEndOffset = base.offset();
    lastEndLine = base.line();
    readValues();
  }

  /**
   * Where the input a syntax error spoils starts: the unit being read (whose bytes may have been
   * let go, if it is over the limit), or the first byte after the last one; null when that is no
   * longer known.
   */
  Position badInputStart() throws IOException {
    if (inUnit) {
      return new Position(unitOffset, unitLine);
    }
    return lastEndOffset >= window.retainedFrom()
        ? window.skipWhitespace(new Position(lastEndOffset, lastEndLine))
        : null;
  }

  /** The byte where the parser stopped: after an error, the offending byte. */
  Position parserStop() {
    JsonLocation at = p.currentLocation();
    return new Position(
        Math.max(window.retainedFrom(), baseOffset + at.getByteOffset() - 1),
        baseLine + at.getLineNr() - 1);
  }

  /** The line of the input being read, for a failure below the JSON. */
  long currentLine() {
    return inUnit ? unitLine : lastEndLine;
  }

  /**
   * The number of lines of the input, once {@link #read} returned at its end (a last line without a
   * line end counts).
   */
  long linesAtEnd() {
    JsonLocation end = p.currentLocation();
    long line = baseLine + end.getLineNr() - 1;
    return end.getColumnNr() == 1 ? line - 1 : line;
  }

  private void readValues() throws IOException {
    JsonToken t;
    while ((t = p.nextToken()) != null) {
      if (t == JsonToken.START_OBJECT) {
        readTopObject();
      } else if (t == JsonToken.START_ARRAY) {
        readList();
      } else {
        Position at = tokenStart();
        problem(at.line(), FieldReader.describe(t) + " at the top level, not an object");
        JsonLocation end = p.currentLocation();
        endUnit(baseOffset + end.getByteOffset(), baseLine + end.getLineNr() - 1);
      }
    }
  }

  private void readTopObject() throws IOException {
    Position start = tokenStart();
    beginUnit(start);
    top.reset();
    hasEmbedded = false;
    embeddedRaw = null;
    fields.read(p, top, true);
    long end = endUnit();
    if (top.list) {
      if (top.problem != null) {
        problem(start.line(), top.problem);
      }
    } else if (end - start.offset() > maxEventBytes) {
      problem(start.line(), tooLarge(end - start.offset()));
    } else if (top.problem != null) {
      problem(start.line(), top.problem);
    } else if (hasEmbedded) {
      finish(embedded, start.line(), embeddedRaw, "properties.log: ");
    } else if (top.cloudAudit) {
      sink.skipped(EventFields.GKE_CLOUD_AUDIT);
    } else if (top.textLog) {
      if (top.category != null && top.category.startsWith("kube-audit")) {
        problem(start.line(), "properties.log of a " + top.category + " record is not JSON");
      } else {
        sink.skipped(EventFields.AKS_NOT_AUDIT);
      }
    } else {
      finish(top, start.line(), raw(start.offset(), end), "");
    }
  }

  /** The elements of a list, after its '[': an EventList's items or a top-level array. */
  private void readList() throws IOException {
    JsonToken t;
    long others = 0;
    long firstOtherLine = 0;
    while ((t = p.nextToken()) != JsonToken.END_ARRAY) {
      if (t == JsonToken.START_OBJECT) {
        Position start = tokenStart();
        beginUnit(start);
        item.reset();
        fields.read(p, item, false);
        long end = endUnit();
        if (end - start.offset() > maxEventBytes) {
          problem(start.line(), tooLarge(end - start.offset()));
        } else {
          finish(item, start.line(), raw(start.offset(), end), "");
        }
      } else {
        if (others++ == 0) {
          firstOtherLine = tokenStart().line();
        }
        p.skipChildren();
      }
    }
    if (others > 0) {
      problem(
          firstOtherLine,
          others + (others == 1 ? " element" : " elements") + " of a list, not objects");
    }
  }

  /** Fields of a top-level object that only a wrapper or a list has. */
  private void readTopField(JsonParser in, EventFields f, String name) throws IOException {
    switch (name) {
      case "items" -> {
        JsonToken t = in.nextToken();
        if (t == JsonToken.START_ARRAY) {
          f.list = true;
          readList();
        } else if (t != JsonToken.VALUE_NULL) {
          f.fail("items is " + FieldReader.describe(t) + ", expected a list of events");
          in.skipChildren();
        }
      }
      case "properties" -> readProperties(f);
      case "protoPayload" -> {
        f.cloudAudit = true;
        FieldReader.skipValue(in);
      }
      case "category" -> {
        if (in.nextToken() == JsonToken.VALUE_STRING) {
          f.category = in.getText();
        }
        in.skipChildren();
      }
      default -> FieldReader.skipValue(in);
    }
  }

  /** An AKS diagnostic record: the event is properties.log, an object or a JSON string. */
  private void readProperties(EventFields f) throws IOException {
    if (p.nextToken() != JsonToken.START_OBJECT) {
      p.skipChildren();
      return;
    }
    String name;
    while ((name = p.nextFieldName()) != null) {
      if (!name.equals("log")) {
        FieldReader.skipValue(p);
        continue;
      }
      JsonToken t = p.nextToken();
      if (t == JsonToken.START_OBJECT) {
        long start = tokenStart().offset();
        embedded.reset();
        fields.read(p, embedded, false);
        long end = baseOffset + p.currentTokenLocation().getByteOffset() + 1;
        hasEmbedded = true;
        embeddedRaw =
            start >= window.retainedFrom() && end - start <= maxEventBytes ? raw(start, end) : null;
      } else if (t == JsonToken.VALUE_STRING) {
        readEmbeddedText(f, p.getText());
      } else if (t != JsonToken.VALUE_NULL) {
        f.fail("properties.log is " + FieldReader.describe(t) + ", expected an event");
        p.skipChildren();
      }
    }
  }

  private void readEmbeddedText(EventFields f, String text) throws IOException {
    if (!text.stripLeading().startsWith("{")) {
      f.textLog = true;
      return;
    }
    byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
    embedded.reset();
    hasEmbedded = true;
    embeddedRaw = keepRaw ? bytes : null;
    try (JsonParser in = json.createParser(bytes)) {
      in.nextToken();
      fields.read(in, embedded, false);
      if (in.nextToken() != null) {
        embedded.fail("more than one JSON value");
      }
    } catch (JsonProcessingException e) {
      embedded.fail(SyntaxErrors.describe(e));
    }
  }

  private void finish(EventFields f, long line, byte[] raw, String where) {
    if (f.problem != null) {
      problem(line, where + f.problem);
      return;
    }
    String notAnEvent = f.notAnEvent();
    if (notAnEvent != null) {
      sink.skipped(notAnEvent);
    } else {
      sink.event(f.toEvent(raw));
    }
  }

  private byte[] raw(long start, long end) {
    return keepRaw ? window.copy(start, end) : null;
  }

  private String tooLarge(long size) {
    return "an event of " + size + " bytes, larger than the limit of " + maxEventBytes + " bytes";
  }

  private Position tokenStart() {
    JsonLocation at = p.currentTokenLocation();
    return new Position(baseOffset + at.getByteOffset(), baseLine + at.getLineNr() - 1);
  }

  private void beginUnit(Position start) {
    inUnit = true;
    unitOffset = start.offset();
    unitLine = start.line();
    window.mark(start.offset());
  }

  /**
   * At the '}' that ends a unit: returns the offset after it. The unit's bytes are held until the
   * next unit starts, for its raw copy.
   */
  private long endUnit() {
    JsonLocation at = p.currentTokenLocation();
    long end = baseOffset + at.getByteOffset() + 1;
    endUnit(end, baseLine + at.getLineNr() - 1);
    return end;
  }

  private void endUnit(long end, long line) {
    inUnit = false;
    lastEndOffset = end;
    lastEndLine = line;
  }

  private void problem(long line, String reason) {
    sink.problem(new ReadProblem(source, line, reason));
  }
}
