package dev.snoop.ingest.reader;

import java.util.ArrayList;
import java.util.List;

/** Keeps everything a reader reports, in order. */
final class RecordingSink implements AuditEventSink {
  final List<AuditEvent> events = new ArrayList<>();
  final List<ReadProblem> problems = new ArrayList<>();
  final List<String> skipped = new ArrayList<>();

  @Override
  public void event(AuditEvent event) {
    events.add(event);
  }

  @Override
  public void problem(ReadProblem problem) {
    problems.add(problem);
  }

  @Override
  public void skipped(String reason) {
    skipped.add(reason);
  }

  List<String> auditIds() {
    return events.stream().map(AuditEvent::auditId).toList();
  }

  List<Long> problemLines() {
    return problems.stream().map(ReadProblem::line).toList();
  }

  /** "events/problems/skipped", for one assertion that shows all three when it fails. */
  String counts() {
    return events.size() + "/" + problems.size() + "/" + skipped.size();
  }
}
