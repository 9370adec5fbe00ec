package dev.snoop.ingest.reader;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;

/**
 * Pulls the fields of an audit event from the parser, after the object's '{' up to and including
 * its '}', and skips every other value unread. A field of the wrong type is noted in {@link
 * EventFields#problem} and skipped; the parser stays usable.
 */
final class FieldReader {
  /** Reads a field of a top-level object that an event does not have. */
  interface TopField {
    void read(JsonParser in, EventFields f, String name) throws IOException;
  }

  private final TopField topField;
  private final Timestamps times = new Timestamps();

  FieldReader(TopField topField) {
    this.topField = topField;
  }

  void read(JsonParser in, EventFields f, boolean top) throws IOException {
    String name;
    while ((name = in.nextFieldName()) != null) {
      switch (name) {
        case "kind" -> f.kind = word(in, f, name);
        case "apiVersion" -> f.apiVersion = word(in, f, name);
        case "auditID" -> f.auditId = text(in, f, name);
        case "stage" -> f.stage = word(in, f, name);
        case "verb" -> f.verb = word(in, f, name);
        case "requestURI" -> f.requestUri = text(in, f, name);
        case "userAgent" -> f.userAgent = text(in, f, name);
        case "responseStatus" -> responseStatus(in, f);
        case "requestReceivedTimestamp" -> f.receivedMicros = time(in, f, name);
        case "stageTimestamp" -> f.stageMicros = time(in, f, name);
        case "timestamp" -> f.legacyMicros = legacyTime(in);
        default -> {
          if (top) {
            topField.read(in, f, name);
          } else {
            skipValue(in);
          }
        }
      }
    }
  }

  private static String text(JsonParser in, EventFields f, String name) throws IOException {
    JsonToken t = in.nextToken();
    if (t == JsonToken.VALUE_STRING) {
      return in.getText();
    }
    if (t != JsonToken.VALUE_NULL) {
      f.fail(name + " is " + describe(t) + ", expected a string");
      in.skipChildren();
    }
    return null;
  }

  /** A string that is nearly always one of a few: see {@link Vocabulary}. */
  private static String word(JsonParser in, EventFields f, String name) throws IOException {
    JsonToken t = in.nextToken();
    if (t == JsonToken.VALUE_STRING) {
      return Vocabulary.of(in.getTextCharacters(), in.getTextOffset(), in.getTextLength());
    }
    if (t != JsonToken.VALUE_NULL) {
      f.fail(name + " is " + describe(t) + ", expected a string");
      in.skipChildren();
    }
    return null;
  }

  private long time(JsonParser in, EventFields f, String name) throws IOException {
    JsonToken t = in.nextToken();
    if (t == JsonToken.VALUE_STRING) {
      long micros = times.micros(in.getTextCharacters(), in.getTextOffset(), in.getTextLength());
      if (micros != Timestamps.INVALID) {
        return micros;
      }
      String text = in.getText();
      f.fail(
          name
              + " \""
              + (text.length() > 40 ? text.substring(0, 40) + "..." : text)
              + "\" is not an RFC 3339 time");
    } else if (t != JsonToken.VALUE_NULL) {
      f.fail(name + " is " + describe(t) + ", expected a time");
      in.skipChildren();
    }
    return AuditEvent.NO_TIME;
  }

  /** The old {@code timestamp}: only a fallback, so a bad one is ignored. */
  private long legacyTime(JsonParser in) throws IOException {
    if (in.nextToken() == JsonToken.VALUE_STRING) {
      long micros = times.micros(in.getTextCharacters(), in.getTextOffset(), in.getTextLength());
      return micros == Timestamps.INVALID ? AuditEvent.NO_TIME : micros;
    }
    in.skipChildren();
    return AuditEvent.NO_TIME;
  }

  private static void responseStatus(JsonParser in, EventFields f) throws IOException {
    JsonToken t = in.nextToken();
    if (t == JsonToken.VALUE_NULL) {
      return;
    }
    if (t != JsonToken.START_OBJECT) {
      f.fail("responseStatus is " + describe(t) + ", expected an object");
      in.skipChildren();
      return;
    }
    String name;
    while ((name = in.nextFieldName()) != null) {
      if (!name.equals("code")) {
        skipValue(in);
        continue;
      }
      t = in.nextToken();
      if (t == JsonToken.VALUE_NUMBER_INT && in.getNumberType() == JsonParser.NumberType.INT) {
        f.code = in.getIntValue();
      } else if (t != JsonToken.VALUE_NULL) {
        String found =
            t == JsonToken.VALUE_NUMBER_INT ? "out of range (" + in.getText() + ")" : describe(t);
        f.fail("responseStatus.code is " + found + ", expected an integer");
        in.skipChildren();
      }
    }
  }

  static void skipValue(JsonParser in) throws IOException {
    in.nextToken();
    in.skipChildren();
  }

  /** A JSON value's type, for messages: "a number", "an object". */
  static String describe(JsonToken t) {
    return switch (t) {
      case VALUE_STRING -> "a string";
      case VALUE_NUMBER_INT -> "an integer";
      case VALUE_NUMBER_FLOAT -> "a number";
      case VALUE_TRUE, VALUE_FALSE -> "a boolean";
      case VALUE_NULL -> "null";
      case START_OBJECT -> "an object";
      case START_ARRAY -> "a list";
      default -> String.valueOf(t);
    };
  }
}
