package dev.snoop.db;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;

/**
 * An exclusive lock on an embedded data directory, held for the life of the process that uses it,
 * so a second snoop process waits instead of starting a second server on the same files.
 */
final class DataDirLock implements AutoCloseable {
  private static final Duration POLL = Duration.ofMillis(200);

  private final FileChannel channel;
  private final FileLock lock;

  private DataDirLock(FileChannel channel, FileLock lock) {
    this.channel = channel;
    this.lock = lock;
  }

  static DataDirLock acquire(Path dataDir, Duration wait) {
    Path lockFile = dataDir.resolve("lock");
    try {
      Files.createDirectories(dataDir);
      FileChannel channel =
          FileChannel.open(
              lockFile,
              StandardOpenOption.CREATE,
              StandardOpenOption.READ,
              StandardOpenOption.WRITE);
      long deadline = System.nanoTime() + wait.toNanos();
      FileLock lock;
      while ((lock = tryLock(channel)) == null) {
        if (System.nanoTime() > deadline) {
          String holder = Files.readString(lockFile, StandardCharsets.UTF_8).trim();
          channel.close();
          throw new DatabaseInUseException(
              "the database in "
                  + dataDir
                  + " is in use by another snoop process"
                  + (holder.isEmpty() ? "" : " (pid " + holder + ")")
                  + "; waited "
                  + wait.toSeconds()
                  + " s");
        }
        sleep(POLL);
      }
      channel.truncate(0);
      channel.write(
          ByteBuffer.wrap(
              Long.toString(ProcessHandle.current().pid()).getBytes(StandardCharsets.UTF_8)),
          0);
      return new DataDirLock(channel, lock);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot lock " + lockFile, e);
    }
  }

  /** Null when another process holds it, or another Database in this JVM. */
  private static FileLock tryLock(FileChannel channel) throws IOException {
    try {
      return channel.tryLock();
    } catch (OverlappingFileLockException e) {
      return null;
    }
  }

  private static void sleep(Duration duration) {
    try {
      Thread.sleep(duration.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while waiting for the database lock", e);
    }
  }

  @Override
  public void close() {
    try {
      lock.release();
      channel.close();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
