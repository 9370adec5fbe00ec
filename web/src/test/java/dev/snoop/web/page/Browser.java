package dev.snoop.web.page;

import dev.snoop.bench.page.HeadlessChromium;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Assumptions;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * Headless Chromium on a test server's pages. In CI ({@code SNOOP_SHARED_DATA} set) a missing
 * browser fails the test; elsewhere it skips it.
 */
final class Browser implements AutoCloseable {
  static final Path SCREENSHOTS = Path.of("target", "screenshots");
  private static final Duration WAIT = Duration.ofSeconds(20);

  final ChromeDriver driver;
  private final String base;

  Browser(String base) {
    if (!HeadlessChromium.installed()) {
      String configured = System.getProperty("snoop.shared.data", "");
      String missing =
          "Chromium is missing: apt-get install chromium chromium-driver (.ci/run installs them)";
      if (!configured.isBlank() && !configured.startsWith("${")) {
        throw new AssertionError(missing);
      }
      Assumptions.abort(missing);
    }
    this.driver = HeadlessChromium.start();
    this.base = base.endsWith("/") ? base.substring(0, base.length() - 1) : base;
  }

  /** Opens a page of the server and waits until it shows something other than "Loading". */
  void open(String path) {
    driver.get(base + path);
    waitFor(() -> driver.findElements(By.cssSelector("#page .loading")).isEmpty());
  }

  /** Opens the coverage page and waits until the sunburst has drawn and zoomed. */
  void openSunburst(String path) {
    open(path);
    waitForSunburst();
  }

  void waitForSunburst() {
    waitFor(
        () ->
            !driver.findElements(By.cssSelector("#sunburst svg[data-ready]")).isEmpty()
                || !driver.findElements(By.cssSelector("#page .error")).isEmpty());
    List<WebElement> error = driver.findElements(By.cssSelector("#page .error"));
    if (!error.isEmpty()) {
      throw new AssertionError("the page shows an error: " + error.get(0).getText());
    }
  }

  void waitFor(java.util.function.BooleanSupplier condition) {
    new WebDriverWait(driver, WAIT).until(d -> condition.getAsBoolean());
  }

  /** The path and query the browser shows. */
  String location() {
    return (String) js("return location.pathname + location.search");
  }

  int stat(String name) {
    return Integer.parseInt(
        driver.findElement(By.cssSelector("#stats [data-stat='" + name + "']")).getText().trim());
  }

  /** An attribute of every element the selector finds, read in one round trip. */
  @SuppressWarnings("unchecked")
  List<String> attributes(String css, String attribute) {
    return (List<String>)
        js(
            "return [...document.querySelectorAll(arguments[0])].map(e => e.getAttribute(arguments[1]))",
            css,
            attribute);
  }

  /** The text of every element the selector finds, trimmed, read in one round trip. */
  @SuppressWarnings("unchecked")
  List<String> texts(String css) {
    return (List<String>)
        js(
            "return [...document.querySelectorAll(arguments[0])].map(e => e.textContent.trim())",
            css);
  }

  /** How many elements the selector finds. */
  int count(String css) {
    return ((Number) js("return document.querySelectorAll(arguments[0]).length", css)).intValue();
  }

  Object js(String script, Object... args) {
    return ((JavascriptExecutor) driver).executeScript(script, args);
  }

  /** Saves what the browser shows as target/screenshots/{name}.png. */
  void screenshot(String name) {
    try {
      Files.createDirectories(SCREENSHOTS);
      Files.write(SCREENSHOTS.resolve(name + ".png"), driver.getScreenshotAs(OutputType.BYTES));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Override
  public void close() {
    driver.quit();
  }
}
