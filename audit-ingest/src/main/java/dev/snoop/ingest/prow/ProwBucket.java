package dev.snoop.ingest.prow;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * The calls snoop makes to a bucket where Prow uploads job artifacts ({@code
 * logs/<job>/<build>/...}). Names are object names inside the bucket, without a leading slash; a
 * folder is a prefix ending in "/".
 */
public interface ProwBucket {
  /** The bucket's name as Prow's links write it, e.g. {@code kubernetes-ci-logs}. */
  String name();

  /** The URL of an object or folder, for messages. */
  String url(String name);

  /** What lies directly under a folder: its sub-folders and its objects, as full names. */
  Listing list(String folder);

  /**
   * The content of a small object (a metadata file), or empty when there is no such object.
   *
   * @throws BucketReadException when the bucket cannot be read
   */
  Optional<byte[]> read(String name);

  /**
   * Streams an object into a file, replacing the file.
   *
   * @throws BucketReadException when there is no such object or it cannot be read
   */
  void download(String name, Path target);

  /** A folder's direct sub-folders ({@code logs/job/123/}) and objects ({@code logs/job/x.txt}). */
  record Listing(List<String> folders, List<String> objects) {
    public Listing {
      folders = List.copyOf(folders);
      objects = List.copyOf(objects);
    }
  }
}
