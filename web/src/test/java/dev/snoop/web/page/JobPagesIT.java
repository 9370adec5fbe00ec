package dev.snoop.web.page;

import static org.assertj.core.api.Assertions.assertThat;

import dev.snoop.ci.run.JobRun;
import dev.snoop.ci.run.JobState;
import dev.snoop.ci.run.JobStore;
import dev.snoop.db.Database;
import dev.snoop.db.testing.MigratedDatabase;
import dev.snoop.web.jobs.JobsFixture;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;

/**
 * The job pages in headless Chromium, on runs in a real PostgreSQL and builds in a real artifact
 * tree ({@link JobsFixture}); what they show is checked against the rows and files.
 */
@ExtendWith(MigratedDatabase.class)
class JobPagesIT {
  private final JobsFixture fixture;
  private final Browser browser;

  JobPagesIT(Database db, @TempDir Path temp) throws IOException {
    this.fixture = new JobsFixture(db, temp);
    this.browser = new Browser(fixture.server.uri().toString());
  }

  @AfterEach
  void stop() {
    browser.close();
    fixture.close();
  }

  private String text(String css) {
    return browser.driver.findElement(By.cssSelector(css)).getText();
  }

  private String row(JobRun run) {
    return "#runs tr[data-id='" + run.id() + "']";
  }

  @Test
  void theJobListShowsEachRunsStateDurationAndQueuePlace() {
    browser.open("/jobs");
    browser.screenshot("jobs");
    assertThat(browser.count("#runs tbody tr")).isEqualTo(6);
    assertThat(browser.attributes("#runs tbody tr", "data-id"))
        .startsWith(fixture.queuedIngest.get(1).id(), fixture.queuedIngest.get(0).id());
    assertThat(text(row(fixture.failedGate) + " .state")).isEqualTo("failure");
    assertThat(text(row(fixture.failedGate) + " .duration")).isEqualTo("2m01s");
    assertThat(text(row(fixture.passedGate) + " .state")).isEqualTo("success");
    assertThat(text(row(fixture.runningVerify) + " .state")).isEqualTo("pending");
    assertThat(text(row(fixture.runningVerify))).contains("cncf/k8s-conformance #3297");
    assertThat(text(row(fixture.queuedIngest.get(0)) + " .queue"))
        .isEqualTo("1st in queue (1 of at most 1 running)");
    assertThat(text(row(fixture.queuedIngest.get(1)) + " .queue"))
        .isEqualTo("2nd in queue (1 of at most 1 running)");
    assertThat(text(row(fixture.runningIngest) + " .queue")).isEmpty();

    browser.driver.findElement(By.cssSelector(row(fixture.failedGate) + " a.job")).click();
    browser.waitFor(() -> browser.location().equals("/jobs/ci-snoop-conformance-gate"));
    browser.waitFor(() -> browser.count("#runs tbody tr") > 0);
    assertThat(browser.attributes("#runs tbody tr", "data-build"))
        .containsExactly(fixture.passedGate.buildIdText(), fixture.failedGate.buildIdText());
  }

  @Test
  void aBuildPageShowsItsMetadataJunitFailuresAndLog() {
    browser.open("/jobs/ci-snoop-conformance-gate/" + fixture.failedGate.buildIdText());
    browser.screenshot("job-build");
    assertThat(text("#run-state .state")).isEqualTo("failure");
    assertThat(text("#finished")).contains("FAILURE").contains("v1.34.0");
    assertThat(text("#started"))
        .contains(String.valueOf(fixture.failedGate.pendingTime().orElseThrow().getEpochSecond()));
    assertThat(text("#prowjob")).contains("failure").contains(fixture.failedGate.buildIdText());
    assertThat(text("#junit-summary [data-count='tests']")).isEqualTo("8");
    assertThat(text("#junit-summary [data-count='passed']")).isEqualTo("7");
    assertThat(text("#junit-summary [data-count='failed']")).isEqualTo("1");
    assertThat(text("#junit .failure .test-name")).isEqualTo("Node Tests");
    assertThat(text("#junit .failure .failure-message")).isEqualTo("error during go run");
    assertThat(text("#build-log pre")).isEqualTo("running the gate\nError: 41 endpoints untested");
    List<String> files = browser.attributes("#files a", "href");
    assertThat(files)
        .contains(
            "/api/jobs/ci-snoop-conformance-gate/"
                + fixture.failedGate.buildIdText()
                + "/artifacts/artifacts/junit_01.xml");
    assertThat(browser.count("#abort")).isZero(); // complete: nothing to abort
  }

  @Test
  void abortAndRerunFromTheBuildPageTakeTheToken() {
    browser.open("/jobs/pull-k8s-conformance-verify/" + fixture.runningVerify.buildIdText());
    browser.driver.findElement(By.id("api-token")).sendKeys("wrong-token");
    browser.driver.findElement(By.id("abort")).click();
    browser.waitFor(() -> !text("#action-result").isEmpty());
    assertThat(text("#action-result")).contains("API token");
    assertThat(JobStore.find(fixture.db.dsl(), fixture.runningVerify.id()).orElseThrow().state())
        .isEqualTo(JobState.PENDING);

    browser.driver.findElement(By.id("api-token")).clear();
    browser.driver.findElement(By.id("api-token")).sendKeys(JobsFixture.TOKEN);
    browser.driver.findElement(By.id("abort")).click();
    browser.waitFor(
        () ->
            JobStore.find(fixture.db.dsl(), fixture.runningVerify.id()).orElseThrow().state()
                == JobState.ABORTED);
    browser.waitFor(
        () -> !browser.driver.findElements(By.cssSelector("#run-state .state-aborted")).isEmpty());

    browser.driver.findElement(By.id("rerun")).click();
    browser.waitFor(() -> browser.count("#rerun-link") == 1);
    List<JobRun> runs = JobStore.history(fixture.db.dsl(), "pull-k8s-conformance-verify", 10);
    assertThat(runs).hasSize(2);
    assertThat(runs.get(0).state()).isEqualTo(JobState.TRIGGERED);
    assertThat(runs.get(0).refs()).isEqualTo(fixture.runningVerify.refs());
    browser.driver.findElement(By.id("rerun-link")).click();
    browser.waitFor(() -> browser.location().endsWith("/" + runs.get(0).buildIdText()));
    browser.waitFor(() -> browser.count("#run-state .state-triggered") == 1);
  }
}
