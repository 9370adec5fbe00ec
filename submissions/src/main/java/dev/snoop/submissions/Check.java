package dev.snoop.submissions;

import java.util.List;
import java.util.Objects;

/**
 * The result of one check.
 *
 * @param id a stable identifier, e.g. {@code required-files}
 * @param name what is checked, e.g. "submission contains all required files"
 * @param description the title the comment gives a failure (for the bot's checks, its scenario
 *     description, word for word)
 * @param origin {@link Origin#BOT} for the official bot's 15 checks (with its exact logic), {@link
 *     Origin#SNOOP} for the checks that fix its faults
 * @param findings what was found: the hints of a failure or warning, a note otherwise
 */
public record Check(
    String id,
    String name,
    String description,
    Origin origin,
    CheckStatus status,
    List<Finding> findings) {
  public Check {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(status, "status");
    findings = List.copyOf(findings);
  }

  public enum Origin {
    BOT,
    SNOOP;

    public String id() {
      return name().toLowerCase();
    }
  }

  public boolean failed() {
    return status == CheckStatus.FAIL;
  }
}
