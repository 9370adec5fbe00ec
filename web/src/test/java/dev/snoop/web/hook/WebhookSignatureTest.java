package dev.snoop.web.hook;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class WebhookSignatureTest {
  @Test
  void theSignatureIsGitHubsHmacSha256() {
    // the example in GitHub's "Validating webhook deliveries"
    WebhookSignature signature =
        new WebhookSignature("It's a Secret to Everybody".getBytes(StandardCharsets.UTF_8));
    byte[] body = "Hello, World!".getBytes(StandardCharsets.UTF_8);
    String expected = "sha256=757107ea0eb2509fc211221cce984b8a37570b6d7586c22c46f4379c8b043e17";
    assertThat(signature.sign(body)).isEqualTo(expected);
    assertThat(signature.matches(body, Optional.of(expected))).isTrue();
    assertThat(signature.matches(body, Optional.of(expected.toUpperCase().replace("SHA", "sha"))))
        .isTrue();
    assertThat(signature.matches(body, Optional.of(expected.replace("e17", "e18")))).isFalse();
    assertThat(signature.matches(body, Optional.of("sha1=757107ea"))).isFalse();
    assertThat(signature.matches(body, Optional.empty())).isFalse();
  }
}
