package dev.snoop.coverage.export;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import dev.snoop.db.release.Release;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;
import org.jooq.DSLContext;

/**
 * APISnoop's coverage files ({@code resources/coverage/} in kubernetes-sigs/apisnoop) made from the
 * coverage views: the one writer behind {@code snoop export} and the server's {@code /apisnoop/}.
 *
 * <p>{@code releases.yaml} lists exactly the releases a {@code <release>.json} can be made for
 * (those with a loaded spec), as APISnoop's web app probes each one it lists.
 */
public final class ApisnoopFiles {
  public static final String RELEASES = "releases.yaml";
  public static final String PROGRESS = "conformance-progress.json";
  public static final String PER_RELEASE = "conformance-coverage-per-release.json";
  public static final String CONFORMANCE_ENDPOINTS = "conformance-endpoints.json";
  public static final String NEW_ENDPOINTS = "new-endpoints.json";
  public static final String INELIGIBLE_JSON = "ineligible_endpoints.json";
  public static final String INELIGIBLE_YAML = "ineligible_endpoints.yaml";
  public static final String PENDING = "pending_eligible_endpoints.yaml";

  /** The files that do not depend on one release, in the order they are written. */
  public static final List<String> SHARED =
      List.of(
          RELEASES,
          PROGRESS,
          PER_RELEASE,
          CONFORMANCE_ENDPOINTS,
          NEW_ENDPOINTS,
          INELIGIBLE_JSON,
          INELIGIBLE_YAML,
          PENDING);

  private static final ObjectMapper JSON =
      new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
  private static final ObjectMapper YAML =
      new ObjectMapper(
          YAMLFactory.builder().disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER).build());

  private final ApisnoopStore store;

  public ApisnoopFiles(DSLContext sql) {
    this.store = new ApisnoopStore(sql);
  }

  /** The name of a release's file, e.g. {@code 1.34.0.json}. */
  public static String releaseFile(Release release) {
    return release + ".json";
  }

  /** The releases a {@code <release>.json} can be made for, newest first. */
  public List<Release> releases() {
    return store.releases().stream().map(e -> Release.parse(e.version())).toList();
  }

  /** Every file that can be made now: one per release with a loaded spec, then the shared ones. */
  public List<String> names() {
    List<String> names = new ArrayList<>();
    releases().forEach(r -> names.add(releaseFile(r)));
    names.addAll(SHARED);
    return names;
  }

  /**
   * The content of the file of this name; empty when there is no such file (the name is compared
   * with the file names, never used as a path).
   */
  public Optional<byte[]> content(String name) {
    Supplier<Object> value =
        switch (name) {
          case RELEASES -> () -> yaml(store.releases());
          case PROGRESS -> store::progress;
          case PER_RELEASE -> store::perRelease;
          case CONFORMANCE_ENDPOINTS -> store::conformanceEndpoints;
          case NEW_ENDPOINTS -> store::newEndpoints;
          case INELIGIBLE_JSON -> store::ineligible;
          case INELIGIBLE_YAML -> () -> yaml(store.ineligible());
          case PENDING -> () -> yaml(store.pending());
          default -> null;
        };
    if (value == null) {
      Optional<Release> release =
          releases().stream().filter(r -> releaseFile(r).equals(name)).findFirst();
      if (release.isEmpty()) {
        return Optional.empty();
      }
      value = () -> store.releaseFile(release.get());
    }
    Object content = value.get();
    return Optional.of(content instanceof Yaml y ? y.bytes : json(content));
  }

  private static byte[] json(Object value) {
    try {
      return JSON.writeValueAsBytes(value);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("writing an APISnoop file as JSON", e);
    }
  }

  private static Yaml yaml(Object value) {
    try {
      return new Yaml(YAML.writeValueAsBytes(value));
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("writing an APISnoop file as YAML", e);
    }
  }

  /** Content already written as YAML. */
  private record Yaml(byte[] bytes) {}
}
