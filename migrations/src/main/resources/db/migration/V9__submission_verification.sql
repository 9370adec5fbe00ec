CREATE TABLE snoop.submission_verification (
  id           bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  repo         text NOT NULL,
  pr_number    integer,
  head_sha     text,
  title        text NOT NULL,
  release      text,
  product      text,
  checks       jsonb NOT NULL,
  labels       text[] NOT NULL,
  comment      text NOT NULL,
  verdict      text NOT NULL CHECK (verdict IN ('pass', 'fail', 'cannot_process')),
  verified_at  timestamptz NOT NULL DEFAULT now(),
  source       text NOT NULL
);
CREATE INDEX submission_verification_pr ON snoop.submission_verification (repo, pr_number, verified_at DESC);
COMMENT ON TABLE snoop.submission_verification IS 'One row per verification of a certification submission (a k8s-conformance PR, branch or folder), as snoop verify-submission, verify-pr and the bot computed it.';
COMMENT ON COLUMN snoop.submission_verification.id IS 'Verification number.';
COMMENT ON COLUMN snoop.submission_verification.repo IS 'Repository the submission belongs to: owner/name on GitHub, or the local clone or folder verified.';
COMMENT ON COLUMN snoop.submission_verification.pr_number IS 'Pull request number; null for a local folder or branch.';
COMMENT ON COLUMN snoop.submission_verification.head_sha IS 'Commit verified (the PR head); null for a folder.';
COMMENT ON COLUMN snoop.submission_verification.title IS 'PR title the checks read (for a folder or branch: given, or derived).';
COMMENT ON COLUMN snoop.submission_verification.release IS 'Kubernetes release of the submission, vX.Y (from its folder, else its title); null when none was found.';
COMMENT ON COLUMN snoop.submission_verification.product IS 'Product folder name of the submission.';
COMMENT ON COLUMN snoop.submission_verification.checks IS 'The checks in order: [{"id", "name", "origin": "bot"|"snoop", "status": "pass"|"fail"|"warn"|"skip", "findings": [{"file", "message"}]}].';
COMMENT ON COLUMN snoop.submission_verification.labels IS 'Labels the verification gives the PR, in the official bot''s vocabulary and order.';
COMMENT ON COLUMN snoop.submission_verification.comment IS 'The PR comment, in the official bot''s format.';
COMMENT ON COLUMN snoop.submission_verification.verdict IS 'pass (technically complete), fail (a check failed), cannot_process (not a submission, or its release cannot be checked).';
COMMENT ON COLUMN snoop.submission_verification.verified_at IS 'When the verification ran.';
COMMENT ON COLUMN snoop.submission_verification.source IS 'Where the submission was read from: directory, git or github.';
