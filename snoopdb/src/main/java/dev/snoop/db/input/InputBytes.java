package dev.snoop.db.input;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/** The bytes of an input, where they came from, and their sha256. */
public record InputBytes(String source, byte[] bytes) {
  public String sha256() {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  /**
   * Why these bytes cannot be the JSON or YAML document expected, when it is plain from their start
   * (empty, an HTML page, an HTTP error body); null when they look plausible.
   */
  public String obviousProblem() {
    String head = new String(bytes, 0, Math.min(bytes.length, 200), StandardCharsets.UTF_8).strip();
    if (head.isEmpty()) {
      return "is empty";
    }
    String lower = firstLine(head).toLowerCase();
    if (lower.matches("^<[a-z!?].*")) {
      return "is an HTML or XML page, not the expected document (starts with \""
          + firstLine(head)
          + "\")";
    }
    if (lower.matches("^(http/\\S+ )?[45]\\d\\d\\b.*") || lower.startsWith("too many requests")) {
      return "is an HTTP error body, not the expected document: \"" + firstLine(head) + "\"";
    }
    return null;
  }

  /** The first line of the content, shortened, for messages. */
  public String preview() {
    String head = new String(bytes, 0, Math.min(bytes.length, 200), StandardCharsets.UTF_8).strip();
    return firstLine(head);
  }

  private static String firstLine(String text) {
    String line = text.lines().findFirst().orElse("");
    return line.length() > 80 ? line.substring(0, 80) + "..." : line;
  }
}
