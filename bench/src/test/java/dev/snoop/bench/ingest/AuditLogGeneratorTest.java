package dev.snoop.bench.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.snoop.db.conformance.ConformanceListParser;
import dev.snoop.db.conformance.ConformanceTest;
import dev.snoop.db.input.InputBytes;
import dev.snoop.db.input.InputException;
import dev.snoop.db.spec.SpecOperation;
import dev.snoop.db.spec.SpecParser;
import dev.snoop.db.testing.SharedData;
import dev.snoop.ingest.matcher.EndpointMatcher;
import dev.snoop.ingest.matcher.HttpMethod;
import dev.snoop.ingest.matcher.Match;
import dev.snoop.ingest.matcher.Operation;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.regex.Pattern;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class AuditLogGeneratorTest {
  private static final int EVENTS = 60_000;
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Pattern UUID =
      Pattern.compile("[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}");
  private static final Pattern MICROS =
      Pattern.compile("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{6}Z");
  private static final Set<String> STAGES =
      Set.of("RequestReceived", "ResponseStarted", "ResponseComplete");

  /** Paths no operation serves, generated on purpose. */
  private static final Pattern NOT_IN_SPEC =
      Pattern.compile(
          "^/(healthz|livez|readyz)|^/apis/(stable\\.example\\.com|mygroup\\.example\\.com"
              + "|metrics\\.k8s\\.io|wardle\\.example\\.com)(/|\\?|$)");

  private static List<SpecOperation> operations;
  private static List<String> codenames;
  private static AuditLogGenerator generator;
  private static EndpointMatcher matcher;

  /** One log of EVENTS events (seed 42), as lines and parsed. */
  private static List<String> lines;

  private static List<JsonNode> events;

  private static AuditLogStats stats;
  private static byte[] log;

  @BeforeAll
  static void generateOnce() throws IOException {
    Path spec = SharedData.path("openapi/v1.34.0/swagger.json");
    Path list = SharedData.path("conformance-yaml/v1.34.yaml");
    operations = SpecParser.parseV2(new InputBytes(spec.toString(), Files.readAllBytes(spec)));
    codenames =
        ConformanceListParser.parse(new InputBytes(list.toString(), Files.readAllBytes(list)))
            .stream()
            .map(ConformanceTest::codename)
            .toList();
    generator = new AuditLogGenerator(operations, codenames, "v1.34.0");
    matcher =
        EndpointMatcher.of(
            operations.stream()
                .map(o -> new Operation(o.path(), HttpMethod.of(o.method()), o.operationId()))
                .toList());
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    stats = generator.write(out, 42, EVENTS);
    log = out.toByteArray();
    lines = List.of(new String(log, StandardCharsets.UTF_8).split("\n"));
    events = new ArrayList<>(EVENTS);
    for (String line : lines) {
      events.add(JSON.readTree(line));
    }
  }

  @Test
  void sameSeedWritesTheSameLogAndAnotherSeedAnother() throws IOException {
    assertThat(sha256(generator, 42, EVENTS)).isEqualTo(sha256(log));
    assertThat(sha256(generator, 43, EVENTS)).isNotEqualTo(sha256(log));
    AuditLogGenerator again = new AuditLogGenerator(operations, codenames, "v1.34.0");
    assertThat(sha256(again, 7, 5_000)).isEqualTo(sha256(generator, 7, 5_000));
  }

  @ParameterizedTest
  @ValueSource(ints = {0, 1, 2, 3, 10, 1_001})
  void writesExactlyTheEventsAskedFor(int n) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    AuditLogStats small = generator.write(out, n, n);
    String text = out.toString(StandardCharsets.UTF_8);
    List<String> lines = text.isEmpty() ? List.of() : List.of(text.split("\n"));
    assertThat(lines).hasSize(n);
    assertThat(small.events()).isEqualTo(n);
    assertThat(small.bytes()).isEqualTo(out.size());
    Map<String, Integer> completes = new HashMap<>();
    for (String line : lines) {
      JsonNode e = JSON.readTree(line);
      if (e.path("stage").asText().equals("ResponseComplete")) {
        completes.merge(e.path("auditID").asText(), 1, Integer::sum);
      }
    }
    Set<String> ids = new HashSet<>();
    lines.forEach(l -> ids.add(l.substring(l.indexOf("\"auditID\":\"") + 11).substring(0, 36)));
    assertThat(completes.keySet()).as("every request completes").isEqualTo(ids);
    assertThat(completes.values()).allMatch(c -> c == 1);
  }

  @Test
  void everyLineIsAnAuditEventWithTheFieldsOfItsStage() {
    assertThat(events).hasSize(EVENTS);
    assertThat(stats.events()).isEqualTo(EVENTS);
    assertThat(stats.bytes()).isEqualTo(log.length);
    Instant lastStage = Instant.MIN;
    Map<String, String> lastStageOf = new HashMap<>();
    for (JsonNode e : events) {
      String where = e.toString().substring(0, Math.min(300, e.toString().length()));
      assertThat(e.path("kind").asText()).as(where).isEqualTo("Event");
      assertThat(e.path("apiVersion").asText()).as(where).isEqualTo("audit.k8s.io/v1");
      assertThat(e.path("level").asText()).as(where).isIn("Metadata", "RequestResponse");
      assertThat(e.path("auditID").asText()).as(where).matches(UUID);
      String stage = e.path("stage").asText();
      assertThat(stage).as(where).isIn(STAGES);
      assertThat(e.path("requestURI").asText()).as(where).startsWith("/");
      assertThat(e.has("verb")).as(where).isTrue();
      assertThat(e.path("user").path("username").asText()).as(where).isNotEmpty();
      assertThat(e.path("user").path("groups").size()).as(where).isPositive();
      assertThat(e.path("sourceIPs").size()).as(where).isEqualTo(1);
      assertThat(e.path("userAgent").asText()).as(where).isNotEmpty();
      if (e.has("objectRef")) {
        assertThat(e.path("objectRef").path("resource").asText()).as(where).isNotEmpty();
        assertThat(e.path("objectRef").path("apiVersion").asText()).as(where).isNotEmpty();
      }
      String received = e.path("requestReceivedTimestamp").asText();
      String staged = e.path("stageTimestamp").asText();
      assertThat(received).as(where).matches(MICROS);
      assertThat(staged).as(where).matches(MICROS);
      Instant stageTime = Instant.parse(staged);
      assertThat(Instant.parse(received)).as(where).isBeforeOrEqualTo(stageTime);
      assertThat(stageTime).as("timestamps increase: " + where).isAfterOrEqualTo(lastStage);
      lastStage = stageTime;
      boolean receivedStage = stage.equals("RequestReceived");
      assertThat(e.has("responseStatus")).as(where).isEqualTo(!receivedStage);
      assertThat(e.has("annotations")).as(where).isEqualTo(!receivedStage);
      if (!receivedStage) {
        assertThat(e.path("responseStatus").path("code").asInt()).as(where).isBetween(101, 599);
        assertThat(e.path("annotations").path("authorization.k8s.io/decision").asText())
            .as(where)
            .isIn("allow", "forbid");
      }
      boolean bodies = e.path("level").asText().equals("RequestResponse");
      boolean failed = e.path("responseStatus").path("code").asInt() >= 300;
      if (bodies && stage.equals("ResponseComplete") && !failed) {
        int size =
            e.path("responseObject").toString().length()
                + (e.has("requestObject") ? e.path("requestObject").toString().length() : 0);
        assertThat(size).as(where).isBetween(800, 4_600);
      } else if (!bodies || !stage.equals("ResponseComplete")) {
        assertThat(e.has("responseObject")).as(where).isFalse();
      }
      String id = e.path("auditID").asText();
      String before = lastStageOf.put(id, stage);
      if (before != null) {
        assertThat(order(before)).as("stages in order: " + where).isLessThan(order(stage));
      }
    }
    assertThat(lastStageOf.values()).as("every request completes").containsOnly("ResponseComplete");
  }

  @Test
  void sizesAndSharesAreThoseOfAnE2eRun() {
    long metadata = 0;
    long metadataBytes = 0;
    long withBodies = 0;
    long e2e = 0;
    Set<String> ids = new HashSet<>();
    Set<String> receivedIds = new HashSet<>();
    Map<String, Long> codes = new TreeMap<>();
    for (int i = 0; i < EVENTS; i++) {
      JsonNode e = events.get(i);
      int size = lines.get(i).getBytes(StandardCharsets.UTF_8).length + 1;
      if (e.path("level").asText().equals("Metadata")) {
        metadata++;
        metadataBytes += size;
      } else {
        withBodies++;
      }
      if (e.path("userAgent").asText().startsWith("e2e.test/")) {
        e2e++;
      }
      String id = e.path("auditID").asText();
      ids.add(id);
      if (e.path("stage").asText().equals("RequestReceived")) {
        receivedIds.add(id);
      }
      if (e.path("stage").asText().equals("ResponseComplete")) {
        codes.merge(e.path("responseStatus").path("code").asText(), 1L, Long::sum);
      }
    }
    // An e2e event carries its test's codename in the userAgent (113 characters on average in
    // v1.34) and a controller's event an RBAC reason of about 190, so Metadata events average
    // about 880 bytes; the bounds catch drift.
    double averageMetadata = metadataBytes / (double) metadata;
    assertThat(averageMetadata).isBetween(750.0, 950.0);
    assertThat(stats.averageBytes("Metadata")).isCloseTo(averageMetadata, within(1.0));
    assertThat(withBodies / (double) EVENTS).as("RequestResponse share").isBetween(0.035, 0.065);
    assertThat(receivedIds.size() / (double) ids.size())
        .as("requests logged at RequestReceived too")
        .isBetween(0.45, 0.55);
    assertThat(e2e / (double) EVENTS).as("e2e share").isBetween(0.50, 0.60);
    assertThat(stats.requests()).isEqualTo(ids.size());
    assertThat(stats.requestsAtEveryStage()).isEqualTo(receivedIds.size());
    assertThat(stats.eventsByLevel().get("RequestResponse")).isEqualTo(withBodies);
    long requests = ids.size();
    long serverErrors = codes.getOrDefault("500", 0L) + codes.getOrDefault("503", 0L);
    assertThat(serverErrors / (double) requests).as("5xx share").isBetween(0.005, 0.02);
    assertThat(codes.getOrDefault("200", 0L) + codes.getOrDefault("201", 0L))
        .isGreaterThan(requests * 8 / 10);
    assertThat(codes).containsKeys("101", "403", "404", "409", "422");
  }

  @Test
  void everyRequestOfTheSpecsTrafficMatchesAnOperationAndTheRestDoNot() {
    Map<String, Long> inSpec = new TreeMap<>();
    Map<String, Long> notInSpec = new TreeMap<>();
    Set<String> operationsHit = new HashSet<>();
    List<String> failures = new ArrayList<>();
    for (JsonNode e : events) {
      String uri = e.path("requestURI").asText();
      String verb = e.path("verb").asText();
      String agent = e.path("userAgent").asText();
      Match match = matcher.match(verb, uri);
      if (NOT_IN_SPEC.matcher(uri).find()) {
        notInSpec.merge(uri.replaceFirst("^(/apis/[^/]+|/[a-z]+).*", "$1"), 1L, Long::sum);
        if (match.matched()) {
          failures.add("matched but should not: " + verb + " " + uri);
        }
      } else if (agent.startsWith("e2e.test/")
          || agent.startsWith("kube-controller-manager/")
          || agent.startsWith("kube-scheduler/")
          || agent.startsWith("kubelet/")) {
        inSpec.merge(agent.substring(0, agent.indexOf('/')), 1L, Long::sum);
        if (!match.matched()) {
          failures.add(match.unmatched() + ": " + verb + " " + uri + " from " + agent);
        } else {
          operationsHit.add(match.operationId());
        }
      }
    }
    assertThat(failures).isEmpty();
    assertThat(inSpec.keySet())
        .containsExactlyInAnyOrder(
            "e2e.test", "kube-controller-manager", "kube-scheduler", "kubelet");
    assertThat(notInSpec.keySet())
        .contains(
            "/healthz",
            "/livez",
            "/readyz",
            "/apis/stable.example.com",
            "/apis/metrics.k8s.io",
            "/apis/wardle.example.com");
    assertThat(operationsHit.size()).as("operations hit").isGreaterThan(300);
  }

  @Test
  void e2eAgentsNameConformanceTestsOtherTestsAndNone() {
    Set<String> conformance = new HashSet<>(codenames);
    Map<String, Long> kinds = new TreeMap<>();
    for (JsonNode e : events) {
      String agent = e.path("userAgent").asText();
      if (!agent.startsWith("e2e.test/")) {
        continue;
      }
      assertThat(agent).startsWith("e2e.test/v1.34.0 (linux/amd64) kubernetes/");
      int separator = agent.indexOf(" -- ");
      String kind =
          separator < 0
              ? "setup"
              : conformance.contains(agent.substring(separator + 4)) ? "conformance" : "other";
      kinds.merge(kind, 1L, Long::sum);
    }
    long all = kinds.values().stream().mapToLong(Long::longValue).sum();
    assertThat(kinds.get("conformance") / (double) all).isBetween(0.45, 0.75);
    assertThat(kinds.get("other") / (double) all).isBetween(0.2, 0.5);
    assertThat(kinds.get("setup") / (double) all).isBetween(0.005, 0.05);
  }

  @Test
  void componentsIdentifyAsTheyDo() {
    Set<String> users = new HashSet<>();
    for (JsonNode e : events) {
      String agent = e.path("userAgent").asText();
      String user = e.path("user").path("username").asText();
      if (agent.startsWith("kube-controller-manager/")) {
        assertThat(agent)
            .matches(
                "kube-controller-manager/v1\\.34\\.0 \\(linux/amd64\\) kubernetes/[0-9a-f]{7}/.+");
        assertThat(user)
            .matches("system:serviceaccount:kube-system:.+|system:kube-controller-manager");
      } else if (agent.startsWith("kubelet/")) {
        assertThat(user).startsWith("system:node:kind-");
      }
      users.add(user);
    }
    assertThat(users)
        .contains(
            "kubernetes-admin",
            "system:kube-scheduler",
            "system:kube-controller-manager",
            "system:serviceaccount:kube-system:namespace-controller",
            "system:node:kind-worker",
            "system:anonymous");
  }

  /** Each operation, from the URIs the generator makes for it, maps back to itself. */
  @Test
  void everyOperationsUriMapsBackToIt() {
    Catalog catalog = new Catalog(operations);
    Cluster cluster = new Cluster("v1.34.0");
    RequestMaker maker = new RequestMaker(cluster, new SplittableRandom(1));
    List<String> failures = new ArrayList<>();
    Principal who = Principal.of("u", null, List.of("g"), "10.0.0.1", "a", "");
    for (Endpoint e : catalog.endpoints) {
      for (RequestMaker.Client client : RequestMaker.Client.values()) {
        for (boolean watch : new boolean[] {false, true}) {
          Request r =
              maker.make(
                  Traffic.E2E_OTHER,
                  who,
                  e,
                  "e2e-tests-pods-x7k2q",
                  e.nameBase + "-x7k2q",
                  client,
                  watch,
                  null);
          Match m = matcher.match(r.verb, r.uri);
          if (!e.operationId.equals(m.operationId())) {
            failures.add(r.verb + " " + r.uri + " -> " + m + ", expected " + e.operationId);
          }
        }
      }
    }
    assertThat(failures).isEmpty();
  }

  @Test
  void gzipHoldsTheSameLog(@TempDir Path dir) throws IOException {
    Path plain = dir.resolve("audit.log");
    Path gzip = dir.resolve("audit.log.gz");
    AuditLogStats a = generator.write(plain, 3, 20_000, false);
    AuditLogStats b = generator.write(gzip, 3, 20_000, true);
    assertThat(Files.size(plain)).isEqualTo(a.bytes()).isEqualTo(b.bytes());
    assertThat(Files.size(gzip)).isLessThan(Files.size(plain) / 4);
    try (InputStream in = new GZIPInputStream(Files.newInputStream(gzip))) {
      assertThat(in.readAllBytes()).isEqualTo(Files.readAllBytes(plain));
    }
  }

  /** A spec with few operations and no conformance list still gives a log of matching requests. */
  @Test
  void worksWithASmallSpecAndNoConformanceList() throws IOException {
    List<SpecOperation> few =
        List.of(
            new SpecOperation(
                "/apis/apps/v1/namespaces/{namespace}/deployments/{name}",
                "GET",
                "readAppsV1NamespacedDeployment",
                "apps_v1",
                null,
                "get",
                "apps",
                "v1",
                "Deployment"),
            new SpecOperation(
                "/apis/apps/v1/deployments",
                "GET",
                "listAppsV1DeploymentForAllNamespaces",
                "apps_v1",
                null,
                "list",
                "apps",
                "v1",
                "Deployment"));
    EndpointMatcher small =
        EndpointMatcher.of(
            few.stream()
                .map(o -> new Operation(o.path(), HttpMethod.of(o.method()), o.operationId()))
                .toList());
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    new AuditLogGenerator(few, List.of(), "v1.30.0").write(out, 1, 5_000);
    String[] lines = out.toString(StandardCharsets.UTF_8).split("\n");
    assertThat(lines).hasSize(5_000);
    for (String line : lines) {
      JsonNode e = JSON.readTree(line);
      String uri = e.path("requestURI").asText();
      if (!NOT_IN_SPEC.matcher(uri).find()) {
        assertThat(small.match(e.path("verb").asText(), uri).matched()).as(line).isTrue();
      }
      assertThat(e.path("userAgent").asText()).doesNotContain("[Conformance]");
    }
  }

  /**
   * The wide shape spreads e2e tests over every endpoint (many more distinct endpoint and agent
   * pairs: a larger aggregate); the stages shape has few agents and logs every request at every
   * stage. Each is reproducible from its seed.
   */
  @Test
  void shapesChangeWhatTheirNamesSay() throws IOException {
    Shaped realistic = shaped(Shape.REALISTIC);
    Shaped wide = shaped(Shape.WIDE);
    Shaped stages = shaped(Shape.STAGES);
    assertThat(realistic.pairs()).isEqualTo(distinctPairs(lines));
    assertThat(wide.pairs()).isGreaterThan(6 * realistic.pairs());
    assertThat(stages.agents()).isLessThan(realistic.agents() / 4);
    assertThat(stages.pairs()).isLessThan(realistic.pairs());
    assertThat(stages.stats().requestsAtEveryStage())
        .isGreaterThan(stages.stats().requests() * 99 / 100);
    assertThat(realistic.stats().requestsAtEveryStage())
        .isLessThan(realistic.stats().requests() * 6 / 10);
    AuditLogGenerator again = new AuditLogGenerator(operations, codenames, "v1.34.0", Shape.WIDE);
    assertThat(sha256(again, 7, 5_000))
        .isEqualTo(
            sha256(new AuditLogGenerator(operations, codenames, "v1.34.0", Shape.WIDE), 7, 5_000))
        .isNotEqualTo(sha256(generator, 7, 5_000));
    assertThat(Shape.of(" Wide")).isEqualTo(Shape.WIDE);
    assertThatThrownBy(() -> Shape.of("tall")).hasMessageContaining("realistic, wide or stages");
  }

  private record Shaped(AuditLogStats stats, long pairs, long agents) {}

  private static Shaped shaped(Shape shape) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    AuditLogStats shapeStats =
        new AuditLogGenerator(operations, codenames, "v1.34.0", shape).write(out, 42, EVENTS);
    List<String> shapeLines = List.of(out.toString(StandardCharsets.UTF_8).split("\n"));
    Set<String> agents = new HashSet<>();
    for (String line : shapeLines) {
      agents.add(JSON.readTree(line).path("userAgent").asText());
    }
    return new Shaped(shapeStats, distinctPairs(shapeLines), agents.size());
  }

  /** Distinct (operation, userAgent) of the matched requests: the rows of the run's aggregate. */
  private static long distinctPairs(List<String> logLines) throws IOException {
    Set<String> pairs = new HashSet<>();
    for (String line : logLines) {
      JsonNode e = JSON.readTree(line);
      Match m = matcher.match(e.path("verb").asText(), e.path("requestURI").asText());
      if (m.matched()) {
        pairs.add(m.operationId() + " " + e.path("userAgent").asText());
      }
    }
    return pairs.size();
  }

  @Test
  void refusesWhatItCannotUse() {
    assertThatThrownBy(() -> new AuditLogGenerator(List.of(), codenames, "v1.34.0"))
        .isInstanceOf(InputException.class)
        .hasMessageContaining("no operations");
    assertThatThrownBy(() -> new AuditLogGenerator(operations, codenames, "1.34"))
        .hasMessageContaining("v1.34.0");
    assertThatThrownBy(() -> generator.write(OutputStream.nullOutputStream(), 1, -1))
        .hasMessageContaining("negative");
  }

  private static int order(String stage) {
    return switch (stage) {
      case "RequestReceived" -> 0;
      case "ResponseStarted" -> 1;
      default -> 2;
    };
  }

  private static String sha256(AuditLogGenerator g, long seed, int n) throws IOException {
    MessageDigest digest = digest();
    try (DigestOutputStream out = new DigestOutputStream(OutputStream.nullOutputStream(), digest)) {
      g.write(out, seed, n);
    }
    return java.util.HexFormat.of().formatHex(digest.digest());
  }

  private static String sha256(byte[] bytes) {
    return java.util.HexFormat.of().formatHex(digest().digest(bytes));
  }

  private static MessageDigest digest() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
