package dev.snoop.cli;

import dev.snoop.db.Database;
import dev.snoop.web.Routes;
import dev.snoop.web.ServerOptions;
import dev.snoop.web.WebServer;
import dev.snoop.web.api.CoverageApi;
import dev.snoop.web.api.EndpointsApi;
import dev.snoop.web.api.ReleasesApi;
import dev.snoop.web.api.VerificationsApi;
import dev.snoop.web.apisnoop.ApisnoopRoutes;
import dev.snoop.web.page.PageRoutes;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import org.jooq.DSLContext;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code snoop serve}: the pages, the JSON API, the live audit sink and the webhook, until stopped.
 */
@Command(
    name = "serve",
    description =
        "Serve the web pages, the JSON API (/api), APISnoop's files (/apisnoop), the live audit"
            + " sink and the GitHub webhook over snoopdb, until stopped (Ctrl-C).")
final class ServeCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Option(
      names = "--listen",
      defaultValue = "127.0.0.1:8080",
      description = "HOST:PORT to listen on (default: 127.0.0.1:8080; port 0 picks a free one).")
  String listen;

  @Option(
      names = "--api-token-file",
      description =
          "File holding the token that requests changing state must bear (Authorization: Bearer);"
              + " without it the server changes nothing on request.")
  Path apiTokenFile;

  @Override
  public Integer call() throws InterruptedException {
    SnoopCommand root = (SnoopCommand) spec.root().userObject();
    ServerOptions options =
        new ServerOptions(
            host(listen), port(listen), token(apiTokenFile), ServerOptions.DEFAULT_MAX_BODY_BYTES);
    try (Database db = root.openDatabase()) {
      serve(db, options, spec.commandLine().getOut());
    }
    return ExitCode.OK;
  }

  /** Every area's routes over the database. */
  static List<Routes> routes(Database db) {
    DSLContext sql = db.dsl();
    return List.of(
        new ReleasesApi(sql),
        new CoverageApi(sql),
        new EndpointsApi(sql),
        new VerificationsApi(sql),
        new ApisnoopRoutes(sql),
        new PageRoutes());
  }

  /** Serves over the open database, printing the URL, until the process is stopped. */
  static void serve(Database db, ServerOptions options, PrintWriter out)
      throws InterruptedException {
    try (WebServer server = WebServer.start(options, routes(db))) {
      out.println("snoop serves " + server.uri());
      out.flush();
      CountDownLatch stopped = new CountDownLatch(1);
      Runtime.getRuntime().addShutdownHook(new Thread(stopped::countDown));
      stopped.await();
    }
  }

  static String host(String listen) {
    int colon = listen.lastIndexOf(':');
    if (colon < 0) {
      throw new UserException("--listen: expected HOST:PORT, e.g. 127.0.0.1:8080, not " + listen);
    }
    return colon == 0 ? "0.0.0.0" : listen.substring(0, colon);
  }

  static int port(String listen) {
    String port = listen.substring(listen.lastIndexOf(':') + 1);
    try {
      int value = Integer.parseInt(port);
      if (value < 0 || value > 65535) {
        throw new NumberFormatException();
      }
      return value;
    } catch (NumberFormatException e) {
      throw new UserException("--listen: the port must be 0 to 65535, not " + port);
    }
  }

  private static Optional<String> token(Path file) {
    if (file == null) {
      return Optional.empty();
    }
    try {
      String token = Files.readString(file, StandardCharsets.UTF_8).strip();
      if (token.isEmpty()) {
        throw new UserException("--api-token-file: " + file + " is empty");
      }
      return Optional.of(token);
    } catch (IOException e) {
      throw new UserException("--api-token-file: cannot read " + file + ": " + e.getMessage());
    }
  }
}
