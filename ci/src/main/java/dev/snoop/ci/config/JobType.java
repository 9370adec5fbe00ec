package dev.snoop.ci.config;

import java.util.Locale;

/** Prow's job types that a job file declares (batch jobs are made by Tide, never configured). */
public enum JobType {
  PRESUBMIT,
  POSTSUBMIT,
  PERIODIC;

  /** The name Prow uses: {@code presubmit}, {@code postsubmit}, {@code periodic}. */
  public String prowName() {
    return name().toLowerCase(Locale.ROOT);
  }
}
