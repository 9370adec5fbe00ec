package dev.snoop.submissions;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.snoop.db.Database;
import dev.snoop.db.conformance.ConformanceLists;
import dev.snoop.db.input.Input;
import dev.snoop.db.input.InputReader;
import dev.snoop.db.release.Release;
import dev.snoop.db.release.ReleaseCatalogue;
import dev.snoop.db.testing.MigratedDatabase;
import dev.snoop.db.testing.SharedData;
import dev.snoop.submissions.source.DirectorySubmission;
import dev.snoop.submissions.source.Submission;
import dev.snoop.submissions.source.SubmissionOrigin;
import dev.snoop.submissions.store.VerificationStore;
import dev.snoop.submissions.testlist.DatabaseTestLists;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** Lists from snoopdb, and verifications stored and read back, on a real PostgreSQL. */
@ExtendWith(MigratedDatabase.class)
class VerificationStoreIT {
  private final Database db;
  @TempDir Path cache;

  VerificationStoreIT(Database db) {
    this.db = db;
  }

  @Test
  void listsLoadedIntoSnoopdbAreUsedAndVerificationsAreStored() throws Exception {
    InputReader reader = new InputReader(cache);
    new ReleaseCatalogue(db.dsl(), reader)
        .load(Input.file(SharedData.path("apisnoop-coverage/releases.yaml")));
    DatabaseTestLists lists = new DatabaseTestLists(db.dsl(), reader);
    assertThat(lists.find(Release.parse("1.30.0"))).isEmpty();
    new ConformanceLists(db.dsl(), reader)
        .load(Release.parse("1.30.0"), Input.file(SharedData.path("conformance-yaml/v1.30.yaml")));
    assertThat(lists.find(Release.parse("v1.30")).orElseThrow().count()).isEqualTo(402);

    Verifier verifier = new Verifier(lists, Release.parse("v1.31"));
    Submission acp =
        DirectorySubmission.read(SharedData.path("submissions/v1.30/acp"), Optional.empty());
    Submission pr =
        new Submission(
            acp.title(),
            acp.files(),
            2,
            SubmissionOrigin.github("cncf/k8s-conformance", 3297, "0123456789abcdef"));
    VerificationStore store = new VerificationStore(db.dsl());
    store.record(verifier.verify(acp));
    Verification failed = verifier.verify(pr);
    long id = store.record(failed);

    VerificationStore.Stored stored = store.latest("cncf/k8s-conformance", 3297).orElseThrow();
    assertThat(stored.id()).isEqualTo(id);
    assertThat(stored.verdict()).isEqualTo("fail");
    assertThat(stored.release()).contains("v1.30");
    assertThat(stored.product()).contains("acp");
    assertThat(stored.headSha()).contains("0123456789abcdef");
    assertThat(stored.source()).isEqualTo("github");
    assertThat(stored.labels()).isEqualTo(failed.labels());
    assertThat(stored.comment()).isEqualTo(failed.comment());
    JsonNode checks = new ObjectMapper().readTree(stored.checks());
    assertThat(checks).hasSize(24);
    JsonNode commit = checks.get(14);
    assertThat(commit.get("id").asText()).isEqualTo("one-commit");
    assertThat(commit.get("status").asText()).isEqualTo("fail");
    assertThat(commit.get("origin").asText()).isEqualTo("bot");
    assertThat(store.recent(10)).hasSize(2);
    assertThat(store.recent(10).get(1).prNumber()).isEmpty();
    assertThat(store.recent(10).get(1).verdict()).isEqualTo("pass");
  }
}
