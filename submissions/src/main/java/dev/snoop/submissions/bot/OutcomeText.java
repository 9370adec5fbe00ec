package dev.snoop.submissions.bot;

import dev.snoop.submissions.Verification;

/** An {@link Outcome} as the bot prints it: one line, then what it writes (or would). */
public final class OutcomeText {
  private OutcomeText() {}

  public static String format(Outcome o) {
    StringBuilder out = new StringBuilder();
    out.append(o.repo()).append('#').append(o.number());
    o.headSha().ifPresent(sha -> out.append(' ').append(sha, 0, Math.min(12, sha.length())));
    switch (o.result()) {
      case SKIPPED -> out.append(": skipped, ").append(o.detail()).append('\n');
      case FAILED -> out.append(": FAILED, ").append(o.detail()).append('\n');
      case VERIFIED -> verified(out, o);
    }
    return out.toString();
  }

  private static void verified(StringBuilder out, Outcome o) {
    Verification v = o.verification().orElseThrow();
    Actions a = o.actions().orElseThrow();
    out.append(": ").append(v.verdict().id()).append(" \"").append(v.title()).append("\"\n");
    String verb = o.applied() ? "" : "would ";
    if (a.none()) {
      out.append("  up to date: nothing to change\n");
      return;
    }
    if (!a.addLabels().isEmpty()) {
      out.append("  ").append(verb).append("add labels:    ");
      out.append(String.join(", ", a.addLabels())).append('\n');
    }
    if (!a.removeLabels().isEmpty()) {
      out.append("  ").append(verb).append("remove labels: ");
      out.append(String.join(", ", a.removeLabels())).append('\n');
    }
    if (!a.deleteComments().isEmpty()) {
      out.append("  ").append(verb).append("delete older comments: ");
      out.append(a.deleteComments()).append('\n');
    }
    a.status()
        .ifPresent(
            s ->
                out.append("  ")
                    .append(verb)
                    .append("set status:    ")
                    .append(s.context())
                    .append(' ')
                    .append(s.state())
                    .append(" \"")
                    .append(s.description())
                    .append("\"\n"));
    a.postComment()
        .ifPresent(
            body -> {
              out.append("  ").append(verb).append("post comment:\n");
              body.strip().lines().forEach(line -> out.append("    | ").append(line).append('\n'));
            });
  }
}
