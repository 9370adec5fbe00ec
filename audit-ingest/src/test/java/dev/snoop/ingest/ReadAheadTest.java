package dev.snoop.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import dev.snoop.ingest.reader.AuditEvent;
import dev.snoop.ingest.reader.AuditEventSink;
import dev.snoop.ingest.reader.ReadProblem;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Reading on its own thread keeps the sink's view: same items, same order, same failures. */
class ReadAheadTest {
  private static final Duration LIMIT = Duration.ofSeconds(10);

  private static AuditEvent event(int n) {
    return new AuditEvent(
        "id" + n, "ResponseComplete", "get", "/api/v1/nodes", "a", 200, 0, 0, null);
  }

  /** Records what reaches it as text, in order. */
  private static class Recording implements AuditEventSink {
    final List<String> seen = new ArrayList<>();

    @Override
    public void event(AuditEvent event) {
      seen.add(event.auditId());
    }

    @Override
    public void problem(ReadProblem problem) {
      seen.add("problem " + problem.line());
    }

    @Override
    public void skipped(String reason) {
      seen.add("skipped " + reason);
    }
  }

  @Test
  void everythingReachesTheSinkInOrderAndTheResultIsReturned() throws Exception {
    Recording sink = new Recording();
    String result =
        ReadAhead.run(
            out -> {
              for (int n = 0; n < 5_000; n++) {
                out.event(event(n));
                if (n == 2_000) {
                  out.problem(new ReadProblem("f", 2_001, "bad"));
                  out.skipped("gke");
                }
              }
              return "done";
            },
            sink);
    assertThat(result).isEqualTo("done");
    assertThat(sink.seen).hasSize(5_002);
    assertThat(sink.seen.subList(2_000, 2_004))
        .containsExactly("id2000", "problem 2001", "skipped gke", "id2001");
    assertThat(sink.seen.get(4_999 + 2)).isEqualTo("id4999");
  }

  @Test
  void aFailingSinkStopsTheReadingAndItsExceptionIsThrown() {
    AuditEventSink failing =
        new Recording() {
          @Override
          public void event(AuditEvent event) {
            if (event.auditId().equals("id1000")) {
              throw new IllegalStateException("too many problems");
            }
          }
        };
    assertTimeoutPreemptively(
        LIMIT,
        () ->
            assertThatThrownBy(
                    () ->
                        ReadAhead.run(
                            out -> {
                              for (int n = 0; ; n++) { // endless unless stopped
                                out.event(event(n));
                              }
                            },
                            failing))
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("too many problems"));
  }

  @Test
  void aReadingFailureComesAfterWhatWasReadBeforeIt() {
    Recording sink = new Recording();
    assertThatThrownBy(
            () ->
                ReadAhead.run(
                    out -> {
                      out.event(event(1));
                      throw new java.io.IOException("disk gone");
                    },
                    sink))
        .isInstanceOf(java.io.IOException.class)
        .hasMessage("disk gone");
    assertThat(sink.seen).containsExactly("id1");
  }

  @Test
  void anErrorWhileReadingDoesNotLeaveTheSinkWaiting() {
    assertTimeoutPreemptively(
        LIMIT,
        () ->
            assertThatThrownBy(
                    () ->
                        ReadAhead.run(
                            out -> {
                              throw new OutOfMemoryError("simulated");
                            },
                            new Recording()))
                .isInstanceOf(OutOfMemoryError.class));
  }
}
