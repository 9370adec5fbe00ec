package dev.snoop.db;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;

/**
 * Test helper run as a separate process: opens the embedded database in a data directory, says
 * "open" on stdout, and holds it until its stdin closes.
 */
public final class HoldDatabase {
  private HoldDatabase() {}

  public static void main(String[] args) throws Exception {
    try (Database database =
        Database.open(
            new DatabaseSettings(Optional.empty(), Path.of(args[0]), Duration.ofSeconds(60)))) {
      System.out.println("open");
      System.out.flush();
      while (System.in.read() >= 0) {
        // hold until stdin closes
      }
    }
  }
}
