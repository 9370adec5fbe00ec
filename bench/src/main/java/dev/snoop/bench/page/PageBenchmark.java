package dev.snoop.bench.page;

import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The time from navigation to the sunburst's last leaf: the coverage page marks {@code
 * snoop-sunburst-drawn} in the Performance timeline once every leaf is in the page, and the mark's
 * time counts from the navigation's start.
 */
public final class PageBenchmark {
  private static final String MARK = "snoop-sunburst-drawn";

  /**
   * One page load.
   *
   * @param millis from navigation to the last leaf
   * @param leaves the leaves drawn (one per endpoint)
   */
  public record Load(double millis, long leaves) {}

  /**
   * Loads the coverage page of {@code release} on the server at {@code base}, {@code loads} times.
   */
  public List<Load> run(URI base, String release, int loads, Duration timeout) {
    URI page = base.resolve("/" + release);
    List<Load> result = new ArrayList<>();
    ChromeDriver browser = HeadlessChromium.start();
    try {
      for (int i = 0; i < loads; i++) {
        browser.get(page.toString());
        JavascriptExecutor js = browser;
        new WebDriverWait(browser, timeout)
            .until(
                b ->
                    (Boolean)
                        js.executeScript(
                            "return performance.getEntriesByName(arguments[0]).length > 0"
                                + " || !!document.querySelector('#page .error')",
                            MARK));
        Object error =
            js.executeScript(
                "const e = document.querySelector('#page .error'); return e && e.textContent");
        if (error != null) {
          throw new IllegalStateException("the page at " + page + " shows an error: " + error);
        }
        Number millis =
            (Number)
                js.executeScript(
                    "return performance.getEntriesByName(arguments[0])[0].startTime", MARK);
        Number leaves =
            (Number)
                js.executeScript("return document.querySelectorAll('path[data-endpoint]').length");
        result.add(new Load(millis.doubleValue(), leaves.longValue()));
      }
    } finally {
      browser.quit();
    }
    return result;
  }
}
