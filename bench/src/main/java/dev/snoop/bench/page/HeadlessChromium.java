package dev.snoop.bench.page;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;

/**
 * Debian's Chromium and chromedriver ({@code apt-get install chromium chromium-driver}), headless,
 * driven by Selenium without Selenium Manager (which would download a browser).
 */
public final class HeadlessChromium {
  public static final Path BROWSER = Path.of("/usr/bin/chromium");
  public static final Path DRIVER = Path.of("/usr/bin/chromedriver");

  /** Nothing the page does not ask for: no sync, updates or background traffic. */
  private static final List<String> FLAGS =
      List.of(
          "--headless",
          "--no-sandbox",
          "--disable-gpu",
          "--disable-quic",
          "--no-first-run",
          "--disable-background-networking",
          "--disable-component-update",
          "--disable-sync",
          "--disable-dev-shm-usage",
          "--window-size=1400,1000");

  private HeadlessChromium() {}

  /** Whether the browser and its driver are installed. */
  public static boolean installed() {
    return Files.isExecutable(BROWSER) && Files.isExecutable(DRIVER);
  }

  /** Starts a browser with a fresh profile; the caller quits it. */
  public static ChromeDriver start() {
    if (!installed()) {
      throw new IllegalStateException(
          "Chromium is not installed: "
              + BROWSER
              + " and "
              + DRIVER
              + " are needed (apt-get install chromium chromium-driver)");
    }
    Path profile;
    try {
      profile = Files.createTempDirectory("snoop-chromium-");
    } catch (IOException e) {
      throw new UncheckedIOException("creating a browser profile folder", e);
    }
    ChromeOptions options = new ChromeOptions();
    options.setBinary(BROWSER.toFile());
    options.addArguments(FLAGS);
    options.addArguments("--user-data-dir=" + profile);
    ChromeDriverService service =
        new ChromeDriverService.Builder().usingDriverExecutable(DRIVER.toFile()).build();
    return new ChromeDriver(service, options);
  }
}
