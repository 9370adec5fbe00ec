package dev.snoop.submissions.source;

import dev.snoop.db.input.InputException;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;

/**
 * A branch of a local k8s-conformance clone read as the pull request it would open against a base
 * branch: the files changed since the merge base (added, modified, renamed; deletions carry no
 * content and are left out), their contents at the head, the number of commits, and the head
 * commit's subject as the title. Runs the {@code git} command.
 */
public final class GitSubmission {
  private final Path repo;

  public GitSubmission(Path repo) {
    this.repo = repo;
  }

  /**
   * @param title the PR title; empty for the head commit's subject
   */
  public Submission read(String base, String head, Optional<String> title) {
    String headSha = git("rev-parse", "--verify", head + "^{commit}").strip();
    git("rev-parse", "--verify", base + "^{commit}");
    int commits = Integer.parseInt(git("rev-list", "--count", base + ".." + headSha).strip());
    String subject = git("log", "-1", "--format=%s", headSha).strip();
    List<SubmissionFile> files = new ArrayList<>();
    String changes = git("diff", "--name-status", "-z", "--no-renames", base + "..." + headSha);
    String[] fields = changes.split("\0");
    for (int i = 0; i + 1 < fields.length; i += 2) {
      String status = fields[i];
      String path = fields[i + 1];
      if (!status.startsWith("D")) {
        files.add(new SubmissionFile(path, gitBytes("show", headSha + ":" + path)));
      }
    }
    return new Submission(
        title.orElse(subject), files, commits, SubmissionOrigin.git(repo.toString(), headSha));
  }

  private String git(String... args) {
    return new String(gitBytes(args), StandardCharsets.UTF_8);
  }

  private byte[] gitBytes(String... args) {
    List<String> command = new ArrayList<>(List.of("git", "-C", repo.toString()));
    command.addAll(List.of(args));
    Process process;
    try {
      process = new ProcessBuilder(command).start();
    } catch (IOException e) {
      throw new InputException("cannot run git: " + e.getMessage(), e);
    }
    try {
      process.getOutputStream().close();
      CompletableFuture<byte[]> err =
          CompletableFuture.supplyAsync(() -> drain(process.getErrorStream()));
      byte[] out = drain(process.getInputStream());
      int exit = process.waitFor();
      if (exit != 0) {
        String message = new String(err.get(), StandardCharsets.UTF_8).strip();
        throw new InputException(
            repo + ": git " + String.join(" ", args) + " failed: " + firstLine(message));
      }
      return out;
    } catch (IOException | ExecutionException e) {
      throw new InputException(repo + ": git " + String.join(" ", args) + ": " + e.getMessage(), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new InputException(repo + ": git interrupted", e);
    }
  }

  private static byte[] drain(InputStream in) {
    try (in) {
      ByteArrayOutputStream buffer = new ByteArrayOutputStream();
      in.transferTo(buffer);
      return buffer.toByteArray();
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  private static String firstLine(String text) {
    return text.lines().findFirst().orElse("(no message)");
  }
}
