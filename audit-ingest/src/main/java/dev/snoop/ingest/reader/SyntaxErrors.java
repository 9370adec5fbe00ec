package dev.snoop.ingest.reader;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.core.io.JsonEOFException;

/** Jackson's parse errors in a problem's words: what is wrong, without Jackson's positions. */
final class SyntaxErrors {
  private SyntaxErrors() {}

  static String describe(JsonProcessingException e) {
    String message = e.getOriginalMessage() == null ? e.toString() : e.getOriginalMessage();
    message = message.lines().findFirst().orElse("");
    if (message.length() > 200) {
      message = message.substring(0, 200) + "...";
    }
    if (e instanceof JsonEOFException) {
      return "truncated: the input ends inside this JSON value (" + message + ")";
    }
    if (e instanceof StreamConstraintsException) {
      return "too large or too deeply nested to read: " + message;
    }
    if (message.contains("UTF-8")) {
      return "not valid UTF-8: " + message;
    }
    return "not valid JSON: " + message;
  }
}
