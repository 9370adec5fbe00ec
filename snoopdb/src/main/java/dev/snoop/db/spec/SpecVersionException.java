package dev.snoop.db.spec;

import dev.snoop.db.input.InputException;

/** A spec is of the other OpenAPI version than the one it was loaded as. */
public final class SpecVersionException extends InputException {
  private final boolean openApiV3;

  SpecVersionException(String message, boolean openApiV3) {
    super(message);
    this.openApiV3 = openApiV3;
  }

  /** True when the document is OpenAPI v3 (loaded as a swagger.json), false when the reverse. */
  public boolean openApiV3() {
    return openApiV3;
  }
}
