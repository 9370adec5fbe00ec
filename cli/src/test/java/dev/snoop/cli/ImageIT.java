package dev.snoop.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * snoop's container image as Jib wrote it (profile image, run by CI with the local base): its
 * manifest and config, and the image itself run the way a container runtime would, its layers
 * unpacked into a root file system and {@code snoop} started in it with the image's environment.
 */
class ImageIT {
  private static final JsonMapper JSON = JsonMapper.builder().build();

  @TempDir static Path temp;
  private static Path tarball;
  private static JsonNode manifest;
  private static JsonNode config;
  private static Path rootfs;

  @BeforeAll
  static void unpack() throws Exception {
    tarball = Path.of(System.getProperty("snoop.image.tar"));
    assertThat(tarball).as("the image built by profile image").isRegularFile();
    Path image = Files.createDirectories(temp.resolve("image"));
    run(List.of("tar", "-xf", tarball.toString(), "-C", image.toString()), Map.of());
    manifest = JSON.readTree(image.resolve("manifest.json").toFile()).get(0);
    config = JSON.readTree(image.resolve(manifest.path("Config").asString()).toFile());
    rootfs = Files.createDirectories(temp.resolve("rootfs"));
    for (JsonNode layer : manifest.path("Layers")) {
      run(
          List.of(
              "tar", "-xzf", image.resolve(layer.asString()).toString(), "-C", rootfs.toString()),
          Map.of());
    }
  }

  @Test
  void theImageHasItsNameAndRunsSnoopAsANonRootUser() {
    assertThat(manifest.path("RepoTags").get(0).asString())
        .isEqualTo(System.getProperty("snoop.image.name"));
    JsonNode container = config.path("config");
    assertThat(container.path("Entrypoint").get(0).asString()).isEqualTo("/usr/local/bin/snoop");
    assertThat(container.path("User").asString()).isEqualTo("65532:65532");
    assertThat(env()).containsEntry("HOME", "/tmp");
    assertThat(env().get("PATH")).contains("/usr/local/bin");
  }

  @Test
  void theLayersHoldTheSnoopCommandAndItsClasspath() throws IOException {
    Path snoop = rootfs.resolve("usr/local/bin/snoop");
    assertThat(Files.isExecutable(snoop)).isTrue();
    String classpath = Files.readString(rootfs.resolve("app/jib-classpath-file")).strip();
    assertThat(classpath).contains("/app/classes").contains("/app/libs/");
    assertThat(rootfs.resolve("app/classes/dev/snoop/cli/Main.class")).isRegularFile();
    assertThat(rootfs.resolve("app/libs")).isDirectoryContaining("glob:**/snoop-ci-*.jar");
  }

  /** The image's entrypoint starts snoop, which checks snoop's own example jobs. */
  @Test
  void snoopRunsInTheImage() throws Exception {
    Path examples = Files.createDirectories(rootfs.resolve("tmp/examples"));
    Path source = projectRoot().resolve("ci/examples/snoop-jobs.yaml");
    Files.copy(source, examples.resolve("snoop-jobs.yaml"));

    String help = inImage("/usr/local/bin/snoop --help");
    assertThat(help).contains("Usage: snoop");
    String check = inImage("snoop jobs check /tmp/examples");
    assertThat(check).contains("jobs in 1 file: valid");
  }

  /**
   * Runs a command in the unpacked image as a container runtime would: its own root, /proc, and the
   * image's environment (in a user namespace, so no root is needed).
   */
  private static String inImage(String command) throws Exception {
    Map<String, String> env = env();
    String script =
        "mount -t proc proc '"
            + rootfs
            + "/proc' && exec chroot '"
            + rootfs
            + "' /bin/sh -c '"
            + command
            + "'";
    Files.createDirectories(rootfs.resolve("proc"));
    return run(
        List.of("/usr/bin/unshare", "-r", "-m", "-p", "-f", "/bin/sh", "-c", script),
        Map.of("PATH", env.get("PATH") + ":/usr/sbin:/sbin", "HOME", env.get("HOME")));
  }

  private static Map<String, String> env() {
    Map<String, String> env = new java.util.LinkedHashMap<>();
    for (JsonNode entry : config.path("config").path("Env")) {
      String[] pair = entry.asString().split("=", 2);
      env.put(pair[0], pair[1]);
    }
    return env;
  }

  private static String run(List<String> command, Map<String, String> env) throws Exception {
    ProcessBuilder builder = new ProcessBuilder(new ArrayList<>(command)).redirectErrorStream(true);
    if (!env.isEmpty()) {
      builder.environment().clear();
      builder.environment().putAll(env);
    }
    Process process = builder.start();
    String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(process.waitFor(2, TimeUnit.MINUTES)).isTrue();
    assertThat(process.exitValue()).as("%s:%n%s", command, output).isZero();
    return output;
  }

  private static Path projectRoot() {
    String root = System.getProperty("snoop.project.root", "");
    return root.isBlank() || root.startsWith("${") ? Path.of("..") : Path.of(root);
  }
}
