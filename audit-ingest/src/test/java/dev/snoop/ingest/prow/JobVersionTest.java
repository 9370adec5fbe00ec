package dev.snoop.ingest.prow;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Optional;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class JobVersionTest {
  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      nullValues = "-",
      value = {
        "v1.26.0-alpha.0.275+41df8167dd82e7  | 1.26.0 | 41df8167dd82e7",
        "v1.35.0                             | 1.35.0 | -",
        "v1.34.0-rc.1                        | 1.34.0 | -",
        "1.33.4+abcdef0                      | 1.33.4 | abcdef0",
        "v1.36.0-alpha.1.9+0123456789abcdef0123456789abcdef01234567 | 1.36.0 | 0123456789abcdef0123456789abcdef01234567",
        "v1.26.0-alpha.0.275+41df8167dd82e7-dirty | 1.26.0 | 41df8167dd82e7",
        "v1.26.0.1                           | -      | -",
        "v1.26                               | -      | -",
        "master                              | -      | -",
        "v1.26.0+notahash                    | 1.26.0 | -",
      })
  void readsTheReleaseAndTheCommit(String text, String release, String commit) {
    JobVersion version = JobVersion.parse(text + "\n");

    assertThat(version.release()).isEqualTo(Optional.ofNullable(release));
    assertThat(version.commit()).isEqualTo(Optional.ofNullable(commit));
  }
}
