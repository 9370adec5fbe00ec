package dev.snoop.cli;

import dev.snoop.github.GitHubClient;
import dev.snoop.github.GitHubException;
import dev.snoop.web.hook.WebhookSignature;
import java.io.IOException;
import java.io.PrintWriter;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import picocli.CommandLine.Option;

/**
 * How snoop talks to GitHub, shared by the pull request bot and the job engine: one API URL, one
 * token, one webhook secret, and whether anything is written.
 */
final class GitHubOptions {
  @Option(
      names = "--api-url",
      defaultValue = "https://api.github.com",
      description = "GitHub REST API base URL (default: https://api.github.com).")
  URI apiUrl;

  @Option(
      names = "--token-file",
      description = "File holding the GitHub token (default: env GITHUB_TOKEN).")
  Path tokenFile;

  @Option(
      names = "--apply",
      description =
          "Write to GitHub (labels, comments, commit statuses); without it, a dry run that logs"
              + " what it would write.")
  boolean apply;

  @Option(
      names = "--webhook-secret-file",
      description =
          "File holding the GitHub webhook's secret; deliveries without its X-Hub-Signature-256"
              + " are refused (default: env GITHUB_WEBHOOK_SECRET).")
  Path webhookSecretFile;

  /** The token from its file, else GITHUB_TOKEN; required with {@code --apply}. */
  Optional<String> token() {
    Optional<String> token = secret(tokenFile, "GITHUB_TOKEN", "--token-file");
    if (apply && token.isEmpty()) {
      throw new UserException("--apply needs a GitHub token: --token-file FILE or GITHUB_TOKEN");
    }
    return token;
  }

  /** The one GitHub client, with the token. */
  GitHubClient client() {
    return new GitHubClient(apiUrl, token());
  }

  /** The webhook secret's checker; without a secret, a warning on {@code err} and none. */
  Optional<WebhookSignature> webhookSignature(PrintWriter err) {
    Optional<String> secret =
        secret(webhookSecretFile, "GITHUB_WEBHOOK_SECRET", "--webhook-secret-file");
    if (secret.isEmpty()) {
      err.println(
          "WARNING: no webhook secret (--webhook-secret-file or GITHUB_WEBHOOK_SECRET): anyone"
              + " who can reach the server can deliver events to /hook");
    }
    return secret.map(s -> new WebhookSignature(s.getBytes(StandardCharsets.UTF_8)));
  }

  /** GitHub refusing the token is the user's to fix; other GitHub failures are told as they are. */
  UserException userError(GitHubException e) {
    if (e.badCredentials()) {
      return new UserException(
          "GitHub rejected the token from "
              + (tokenFile != null ? tokenFile.toString() : "GITHUB_TOKEN")
              + ": "
              + e.getMessage());
    }
    return new UserException(e.getMessage());
  }

  /** A secret from its file, else from the environment; stripped, empty when there is none. */
  private static Optional<String> secret(Path file, String env, String option) {
    if (file != null) {
      try {
        String value = Files.readString(file, StandardCharsets.UTF_8).strip();
        if (value.isEmpty()) {
          throw new UserException(option + " " + file + " is empty");
        }
        return Optional.of(value);
      } catch (IOException e) {
        throw new UserException(option + " " + file + ": cannot read it: " + e.getMessage());
      }
    }
    return Optional.ofNullable(System.getenv(env)).map(String::strip).filter(s -> !s.isEmpty());
  }
}
