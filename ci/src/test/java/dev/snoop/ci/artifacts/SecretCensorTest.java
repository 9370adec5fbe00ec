package dev.snoop.ci.artifacts;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SecretCensorTest {
  @TempDir Path temp;

  private static String censored(SecretCensor censor, String text) {
    byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
    censor.censor(bytes);
    return new String(bytes, StandardCharsets.UTF_8);
  }

  @Test
  void eachValueItsTrimmedFormAndItsBase64AreStarredOutKeepingTheLength() {
    SecretCensor censor = SecretCensor.of(List.of("ghp_token123\n"));
    String base64 = Base64.getEncoder().encodeToString("ghp_token123".getBytes());
    assertThat(censored(censor, "token=ghp_token123 again ghp_token123\nb64 " + base64 + " end"))
        .isEqualTo("token=************ again ************\nb64 " + "*".repeat(16) + " end");
    assertThat(censor.longest())
        .isEqualTo(Base64.getEncoder().encode("ghp_token123\n".getBytes()).length);
  }

  @Test
  void aLongerSecretContainingAShorterOneIsCensoredWhole() {
    SecretCensor censor = SecretCensor.of(List.of("abcd", "xxabcdxx"));
    assertThat(censored(censor, "1 xxabcdxx 2 abcd")).isEqualTo("1 ******** 2 ****");
  }

  @Test
  void valuesTooShortToHideAnythingAreLeftAlone() {
    SecretCensor censor = SecretCensor.of(List.of("a", "42", ""));
    assertThat(censor.longest()).isZero();
    assertThat(censored(censor, "a 42 is 42, NDI= in base64"))
        .isEqualTo("a 42 is 42, NDI= in base64");
  }

  @Test
  void aSecretsDirectoryIsReadAsAPodMountsIt() throws IOException {
    Files.createDirectories(temp.resolve("github-token"));
    Files.writeString(temp.resolve("github-token/token"), "s3cr3t-token\n");
    Files.writeString(temp.resolve("README"), "not a secret: no key directory");
    SecretCensor censor = SecretCensor.fromDirectory(temp);
    assertThat(censored(censor, "not a secret: no key directory, s3cr3t-token"))
        .isEqualTo("not a secret: no key directory, ************");

    assertThat(SecretCensor.fromDirectory(temp.resolve("missing")).longest()).isZero();

    Path file = Files.writeString(temp.resolve("out.txt"), "Authorization: s3cr3t-token");
    censor.censor(file);
    assertThat(Files.readString(file)).isEqualTo("Authorization: ************");
  }
}
