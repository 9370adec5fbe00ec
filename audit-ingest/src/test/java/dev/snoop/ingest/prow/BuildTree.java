package dev.snoop.ingest.prow;

/** Writes one job's builds into a {@link BucketServer} as Prow uploads them. */
public record BuildTree(BucketServer server, String job) {
  /** The started.json timestamp of build 0; build n starts n hours later and takes 30 minutes. */
  static final long T0 = 1_760_000_000L;

  static String startedJson(long timestamp, String repoCommit) {
    return "{\"timestamp\": "
        + timestamp
        + ", \"repos\": {\"kubernetes/kubernetes\": \"master:"
        + repoCommit
        + "\"}, \"repo-commit\": \""
        + repoCommit
        + "\", \"repo-version\": \""
        + repoCommit
        + "\"}";
  }

  static String finishedJson(long timestamp, String result, String jobVersion) {
    return "{\"timestamp\": "
        + timestamp
        + ", \"passed\": "
        + "SUCCESS".equals(result)
        + ", \"result\": \""
        + result
        + "\", \"revision\": \"\", \"metadata\": {"
        + (jobVersion == null ? "" : "\"job-version\": \"" + jobVersion + "\"")
        + "}}";
  }

  static long started(String id) {
    return T0 + Long.parseLong(id) % 100_000 * 3600;
  }

  /** A build with started.json only: still running. */
  public BuildTree running(String id) {
    return file(id, "started.json", startedJson(started(id), "c0ffee" + id));
  }

  public BuildTree finished(String id, String result) {
    return finished(id, result, null);
  }

  public BuildTree finished(String id, String result, String jobVersion) {
    running(id);
    return file(id, "finished.json", finishedJson(started(id) + 1800, result, jobVersion));
  }

  public BuildTree file(String id, String relative, String content) {
    server.put(object(id, relative), content);
    return this;
  }

  public BuildTree gzip(String id, String relative, String content) {
    server.putGzip(object(id, relative), content);
    return this;
  }

  public String object(String id, String relative) {
    return "logs/" + job + "/" + id + "/" + relative;
  }
}
