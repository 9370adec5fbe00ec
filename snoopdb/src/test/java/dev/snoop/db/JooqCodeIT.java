package dev.snoop.db;

import static org.assertj.core.api.Assertions.assertThat;

import dev.snoop.db.testing.MigratedDatabase;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.jooq.codegen.GenerationTool;
import org.jooq.meta.jaxb.Configuration;
import org.jooq.meta.jaxb.Database;
import org.jooq.meta.jaxb.Generate;
import org.jooq.meta.jaxb.Generator;
import org.jooq.meta.jaxb.Jdbc;
import org.jooq.meta.jaxb.SchemaMappingType;
import org.jooq.meta.jaxb.Target;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * The committed jOOQ classes in {@code src/main/jooq} must be what jOOQ generates from the migrated
 * schema. {@link #REGENERATE} rewrites them after a migration or a view changes.
 */
@ExtendWith(MigratedDatabase.class)
class JooqCodeIT {
  static final String PACKAGE = "dev.snoop.db.jooq";
  static final Path COMMITTED = Path.of("src/main/jooq");

  /** The command that rewrites them, from the repository's root (as README.md says). */
  static final String REGENERATE =
      "./mvnw -pl snoopdb -am verify -Dtest=none -Dsurefire.failIfNoSpecifiedTests=false"
          + " -Dit.test=JooqCodeIT -Dsnoop.jooq.write=true";

  @Test
  void committedClassesMatchTheMigrations(dev.snoop.db.Database database, @TempDir Path out)
      throws Exception {
    boolean write = Boolean.getBoolean("snoop.jooq.write");
    Path target = write ? COMMITTED : out;
    if (write) {
      deleteGenerated(COMMITTED);
    }
    GenerationTool.generate(configuration(database.jdbcUrl(), target));
    if (write) {
      return;
    }
    assertThat(read(out))
        .as(
            "jOOQ classes in snoopdb/%s differ from the migrations; regenerate with"
                + " "
                + REGENERATE,
            COMMITTED)
        .isEqualTo(read(COMMITTED));
  }

  private static Configuration configuration(String url, Path target) {
    return new Configuration()
        .withJdbc(new Jdbc().withUrl(url))
        .withGenerator(
            new Generator()
                .withDatabase(
                    new Database()
                        .withName("org.jooq.meta.postgres.PostgresDatabase")
                        .withSchemata(
                            new SchemaMappingType().withInputSchema("public"),
                            new SchemaMappingType().withInputSchema("conformance"),
                            new SchemaMappingType().withInputSchema("testing"),
                            new SchemaMappingType().withInputSchema("snoop"))
                        .withExcludes("flyway_schema_history"))
                .withGenerate(
                    new Generate()
                        .withGeneratedAnnotation(false)
                        // a view's source text depends on the server version; the SQL is in
                        // migrations/ anyway
                        .withSources(false)
                        .withComments(true)
                        .withJavaTimeTypes(true))
                .withTarget(
                    new Target()
                        .withPackageName(PACKAGE)
                        .withDirectory(target.toAbsolutePath().toString())
                        .withClean(true)));
  }

  private static Map<String, String> read(Path root) throws IOException {
    Map<String, String> files = new TreeMap<>();
    if (!Files.exists(root)) {
      return files;
    }
    try (Stream<Path> paths = Files.walk(root)) {
      for (Path file : paths.filter(Files::isRegularFile).toList()) {
        files.put(root.relativize(file).toString(), Files.readString(file));
      }
    }
    return files;
  }

  private static void deleteGenerated(Path root) throws IOException {
    Path generated = root.resolve(PACKAGE.replace('.', '/'));
    if (!Files.exists(generated)) {
      return;
    }
    try (Stream<Path> paths = Files.walk(generated)) {
      for (Path file : paths.sorted(java.util.Comparator.reverseOrder()).toList()) {
        Files.delete(file);
      }
    }
  }
}
