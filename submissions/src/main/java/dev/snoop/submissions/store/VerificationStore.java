package dev.snoop.submissions.store;

import static dev.snoop.db.jooq.snoop.Tables.SUBMISSION_VERIFICATION;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.snoop.db.jooq.snoop.tables.records.SubmissionVerificationRecord;
import dev.snoop.submissions.Check;
import dev.snoop.submissions.Finding;
import dev.snoop.submissions.Verification;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import org.jooq.DSLContext;
import org.jooq.JSONB;

/** Stores verifications and reads them back, newest first. */
public final class VerificationStore {
  private static final ObjectMapper JSON = new ObjectMapper();

  private final DSLContext sql;

  public VerificationStore(DSLContext sql) {
    this.sql = sql;
  }

  /**
   * A verification as stored.
   *
   * @param checks the checks as JSON: [{"id", "name", "origin", "status", "findings": [{"file",
   *     "message"}]}]
   */
  public record Stored(
      long id,
      String repo,
      Optional<Integer> prNumber,
      Optional<String> headSha,
      String title,
      Optional<String> release,
      Optional<String> product,
      String checks,
      List<String> labels,
      String comment,
      String verdict,
      OffsetDateTime verifiedAt,
      String source) {}

  /** Records the verification; returns its id. */
  public long record(Verification v) {
    return sql.insertInto(SUBMISSION_VERIFICATION)
        .set(SUBMISSION_VERIFICATION.REPO, v.origin().repo())
        .set(SUBMISSION_VERIFICATION.PR_NUMBER, v.origin().prNumber().orElse(null))
        .set(SUBMISSION_VERIFICATION.HEAD_SHA, v.origin().headSha().orElse(null))
        .set(SUBMISSION_VERIFICATION.TITLE, v.title())
        .set(SUBMISSION_VERIFICATION.RELEASE, v.release().orElse(null))
        .set(SUBMISSION_VERIFICATION.PRODUCT, v.product().orElse(null))
        .set(SUBMISSION_VERIFICATION.CHECKS, JSONB.valueOf(checksJson(v.checks())))
        .set(SUBMISSION_VERIFICATION.LABELS, v.labels().toArray(String[]::new))
        .set(SUBMISSION_VERIFICATION.COMMENT, v.comment())
        .set(SUBMISSION_VERIFICATION.VERDICT, v.verdict().id())
        .set(SUBMISSION_VERIFICATION.VERIFIED_AT, v.verifiedAt().atOffset(ZoneOffset.UTC))
        .set(SUBMISSION_VERIFICATION.SOURCE, v.origin().source())
        .returning(SUBMISSION_VERIFICATION.ID)
        .fetchOne(SUBMISSION_VERIFICATION.ID);
  }

  /** The newest verification of a repository's pull request. */
  public Optional<Stored> latest(String repo, int prNumber) {
    return sql.selectFrom(SUBMISSION_VERIFICATION)
        .where(SUBMISSION_VERIFICATION.REPO.eq(repo))
        .and(SUBMISSION_VERIFICATION.PR_NUMBER.eq(prNumber))
        .orderBy(SUBMISSION_VERIFICATION.VERIFIED_AT.desc(), SUBMISSION_VERIFICATION.ID.desc())
        .limit(1)
        .fetchOptional(VerificationStore::stored);
  }

  /** The newest verifications of any submission, newest first. */
  public List<Stored> recent(int limit) {
    return sql.selectFrom(SUBMISSION_VERIFICATION)
        .orderBy(SUBMISSION_VERIFICATION.VERIFIED_AT.desc(), SUBMISSION_VERIFICATION.ID.desc())
        .limit(limit)
        .fetch(VerificationStore::stored);
  }

  static String checksJson(List<Check> checks) {
    ArrayNode array = JSON.createArrayNode();
    for (Check check : checks) {
      ObjectNode node = array.addObject();
      node.put("id", check.id());
      node.put("name", check.name());
      node.put("origin", check.origin().id());
      node.put("status", check.status().id());
      ArrayNode findings = node.putArray("findings");
      for (Finding finding : check.findings()) {
        ObjectNode f = findings.addObject();
        f.put("file", finding.file().orElse(null));
        f.put("message", finding.message());
      }
    }
    return array.toString();
  }

  private static Stored stored(SubmissionVerificationRecord r) {
    return new Stored(
        r.getId(),
        r.getRepo(),
        Optional.ofNullable(r.getPrNumber()),
        Optional.ofNullable(r.getHeadSha()),
        r.getTitle(),
        Optional.ofNullable(r.getRelease()),
        Optional.ofNullable(r.getProduct()),
        r.getChecks().data(),
        List.of(r.getLabels()),
        r.getComment(),
        r.getVerdict(),
        r.getVerifiedAt(),
        r.getSource());
  }
}
