package dev.snoop.ci.config;

import static dev.snoop.ci.config.Shape.ANY;
import static dev.snoop.ci.config.Shape.BOOL;
import static dev.snoop.ci.config.Shape.DURATION;
import static dev.snoop.ci.config.Shape.DURATION_STRING;
import static dev.snoop.ci.config.Shape.INT;
import static dev.snoop.ci.config.Shape.STRING;
import static dev.snoop.ci.config.Shape.fields;
import static dev.snoop.ci.config.Shape.kube;
import static dev.snoop.ci.config.Shape.listOf;
import static dev.snoop.ci.config.Shape.mapOf;

import io.fabric8.kubernetes.api.model.Affinity;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.ResourceRequirements;
import io.fabric8.kubernetes.api.model.Toleration;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.VolumeMount;

/**
 * Every field of Prow's job config, as its Go types declare them (sigs.k8s.io/prow
 * pkg/config/jobs.go and pkg/apis/prowjobs/v1/types.go): a field not listed here is one Prow does
 * not know.
 */
final class ProwSchema {
  private ProwSchema() {}

  static final Shape.Fields SECRET_KEY = fields("name", STRING, "key", STRING);

  static final Shape.Fields PULL =
      fields(
          "number",
          INT,
          "author",
          STRING,
          "sha",
          STRING,
          "title",
          STRING,
          "ref",
          STRING,
          "head_ref",
          STRING,
          "link",
          STRING,
          "commit_link",
          STRING,
          "author_link",
          STRING);

  static final Shape.Fields REFS =
      fields(
          "org", STRING,
          "repo", STRING,
          "repo_link", STRING,
          "base_ref", STRING,
          "base_sha", STRING,
          "base_link", STRING,
          "pulls", listOf(PULL),
          "path_alias", STRING,
          "workdir", BOOL,
          "auxiliary", BOOL,
          "clone_uri", STRING,
          "skip_submodules", BOOL,
          "clone_depth", INT,
          "skip_fetch_head", BOOL,
          "blobless_fetch", BOOL,
          "sparse_checkout_files", listOf(STRING));

  static final Shape.Fields DECORATION_CONFIG =
      fields(
          "timeout", DURATION,
          "grace_period", DURATION,
          "utility_images",
              fields(
                  "clonerefs",
                  STRING,
                  "initupload",
                  STRING,
                  "entrypoint",
                  STRING,
                  "sidecar",
                  STRING),
          "resources",
              fields(
                  "clonerefs", kube(ResourceRequirements.class),
                  "initupload", kube(ResourceRequirements.class),
                  "place_entrypoint", kube(ResourceRequirements.class),
                  "sidecar", kube(ResourceRequirements.class)),
          "gcs_configuration",
              fields(
                  "bucket", STRING,
                  "path_prefix", STRING,
                  "path_strategy", STRING,
                  "default_org", STRING,
                  "default_repo", STRING,
                  "mediaTypes", mapOf(STRING),
                  "job_url_prefix", STRING,
                  "local_output_dir", STRING,
                  "compress_file_types", listOf(STRING)),
          "gcs_credentials_secret", STRING,
          "s3_credentials_secret", STRING,
          "default_service_account_name", STRING,
          "ssh_key_secrets", listOf(STRING),
          "ssh_host_fingerprints", listOf(STRING),
          "blobless_fetch", BOOL,
          "sparse_checkout_files", listOf(STRING),
          "skip_cloning", BOOL,
          "cookiefile_secret", STRING,
          "oauth_token_secret", SECRET_KEY,
          "github_api_endpoints", listOf(STRING),
          "github_app_id", STRING,
          "github_app_private_key_secret", SECRET_KEY,
          "censor_secrets", BOOL,
          "censoring_options",
              fields(
                  "censoring_concurrency", INT,
                  "censoring_buffer_size", INT,
                  "include_directories", listOf(STRING),
                  "exclude_directories", listOf(STRING),
                  "minimum_secret_length", INT),
          "upload_ignores_interrupts", BOOL,
          "set_limit_equals_memory_request", BOOL,
          "default_memory_request", kube(Quantity.class),
          "scheduling_options",
              fields(
                  "affinity", kube(Affinity.class), "tolerations", listOf(kube(Toleration.class))),
          "pod_pending_timeout", DURATION_STRING,
          "pod_running_timeout", DURATION_STRING,
          "pod_unscheduled_timeout", DURATION_STRING,
          "run_as_user", INT,
          "run_as_group", INT,
          "fs_group", INT);

  /** JobBase and the UtilityConfig it embeds: the fields of every job type. */
  static final Shape.Fields JOB_BASE =
      fields(
          "name", STRING,
          "labels", mapOf(STRING),
          "max_concurrency", INT,
          "agent", STRING,
          "cluster", STRING,
          "namespace", STRING,
          "error_on_eviction", BOOL,
          "spec", kube(PodSpec.class),
          "pipeline_run_spec", ANY,
          "tekton_pipeline_run_spec", fields("v1beta1", ANY),
          "annotations", mapOf(STRING),
          "reporter_config",
              fields(
                  "slack",
                  fields(
                      "host", STRING,
                      "channel", STRING,
                      "job_states_to_report", listOf(STRING),
                      "report_template", STRING,
                      "report", BOOL)),
          "rerun_auth_config",
              fields(
                  "allow_anyone", BOOL,
                  "github_team_ids", listOf(INT),
                  "github_team_slugs", listOf(fields("slug", STRING, "org", STRING)),
                  "github_users", listOf(STRING),
                  "github_orgs", listOf(STRING)),
          "hidden", BOOL,
          "prowjob_defaults",
              fields("resultstore_config", fields("project_id", STRING), "tenant_id", STRING),
          "job_queue_name", STRING,
          // UtilityConfig
          "decorate", BOOL,
          "path_alias", STRING,
          "clone_uri", STRING,
          "skip_submodules", BOOL,
          "clone_depth", INT,
          "skip_fetch_head", BOOL,
          "extra_refs", listOf(REFS),
          "decoration_config", DECORATION_CONFIG);

  /** Brancher, RegexpChangeMatcher and Reporter, shared by presubmits and postsubmits. */
  private static final Shape.Fields REPO_JOB =
      fields(
          "branches", listOf(STRING),
          "skip_branches", listOf(STRING),
          "run_if_changed", STRING,
          "skip_if_only_changed", STRING,
          "context", STRING,
          "skip_report", BOOL,
          "jenkins_spec", fields("github_branch_source_job", BOOL));

  static final Shape.Fields PRESUBMIT =
      JOB_BASE
          .plus(REPO_JOB)
          .plus(
              fields(
                  "always_run", BOOL,
                  "optional", BOOL,
                  "trigger", STRING,
                  "rerun_command", STRING,
                  "run_before_merge", BOOL));

  static final Shape.Fields POSTSUBMIT = JOB_BASE.plus(REPO_JOB).plus(fields("always_run", BOOL));

  static final Shape.Fields PERIODIC =
      JOB_BASE.plus(
          fields(
              "interval", STRING,
              "minimum_interval", STRING,
              "cron", STRING,
              "tags", listOf(STRING),
              "retry", fields("run_all", BOOL, "attempts", INT, "interval", STRING)));

  static final Shape.Fields PRESET =
      fields(
          "labels", mapOf(STRING),
          "env", listOf(kube(EnvVar.class)),
          "volumes", listOf(kube(Volume.class)),
          "volumeMounts", listOf(kube(VolumeMount.class)),
          "tolerations", listOf(kube(Toleration.class)));

  /** The top level of a job file (Prow's JobConfig); the jobs themselves are checked one by one. */
  static final Shape.Fields JOB_FILE =
      fields(
          "presets", listOf(PRESET),
          "presubmits", mapOf(listOf(ANY)),
          "postsubmits", mapOf(listOf(ANY)),
          "periodics", listOf(ANY),
          "decorate_all_jobs", BOOL,
          "prow_ignored", ANY);
}
