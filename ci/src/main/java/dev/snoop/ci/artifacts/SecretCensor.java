package dev.snoop.ci.artifacts;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

/**
 * Hides secret values in what a run writes, as Prow's sidecar does with {@code censor_secrets}:
 * each value (trimmed: a secret file's last newline is no secret) and its base64 forms, trimmed and
 * as written, are overwritten with as many {@code *}. Same length, so a log can be censored piece
 * by piece and its size still says how much was copied. Values shorter than {@value #SHORTEST}
 * characters are left alone: censoring them would star out ordinary text and hide nothing worth
 * hiding.
 */
public final class SecretCensor {
  static final int SHORTEST = 4;

  private final List<byte[]> secrets;

  private SecretCensor(List<byte[]> secrets) {
    this.secrets = secrets;
  }

  public static SecretCensor of(Collection<String> values) {
    Set<String> forms = new LinkedHashSet<>();
    for (String value : values) {
      if (value.strip().length() < SHORTEST) {
        continue;
      }
      forms.add(value.strip());
      for (String v : List.of(value.strip(), value)) {
        forms.add(Base64.getEncoder().encodeToString(v.getBytes(StandardCharsets.UTF_8)));
      }
    }
    List<byte[]> secrets = new ArrayList<>();
    forms.stream()
        .map(f -> f.getBytes(StandardCharsets.UTF_8))
        .sorted(Comparator.comparingInt((byte[] b) -> b.length).reversed())
        .forEach(secrets::add);
    return new SecretCensor(secrets);
  }

  /**
   * Every value of a secrets directory laid out as a pod mounts secrets: {@code <secret>/<key>}.
   */
  public static SecretCensor fromDirectory(Path directory) {
    List<String> values = new ArrayList<>();
    if (!Files.isDirectory(directory)) {
      return of(values); // no secrets there for a run to print
    }
    try (Stream<Path> files = Files.walk(directory, 2)) {
      for (Path file : (Iterable<Path>) files::iterator) {
        if (directory.relativize(file).getNameCount() == 2 && Files.isRegularFile(file)) {
          values.add(Files.readString(file, StandardCharsets.UTF_8));
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("reading the secrets in " + directory, e);
    }
    return of(values);
  }

  /** The length of the longest form censored, in bytes (0: nothing to censor). */
  public int longest() {
    return secrets.isEmpty() ? 0 : secrets.get(0).length;
  }

  /** Overwrites each secret in {@code bytes}; true when there was one. */
  public boolean censor(byte[] bytes) {
    boolean found = false;
    for (byte[] secret : secrets) {
      for (int at = indexOf(bytes, secret, 0); at >= 0; at = indexOf(bytes, secret, at + 1)) {
        Arrays.fill(bytes, at, at + secret.length, (byte) '*');
        found = true;
      }
    }
    return found;
  }

  /** Censors a whole file in place. */
  public void censor(Path file) {
    try {
      byte[] bytes = Files.readAllBytes(file);
      if (censor(bytes)) {
        Files.write(file, bytes);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("censoring " + file, e);
    }
  }

  private static int indexOf(byte[] bytes, byte[] secret, int from) {
    int last = bytes.length - secret.length;
    for (int i = from; i <= last; i++) {
      if (bytes[i] == secret[0] && matches(bytes, i, secret)) {
        return i;
      }
    }
    return -1;
  }

  private static boolean matches(byte[] bytes, int at, byte[] secret) {
    for (int j = 1; j < secret.length; j++) {
      if (bytes[at + j] != secret[j]) {
        return false;
      }
    }
    return true;
  }
}
