package dev.chatstore.file;

import dev.chatstore.InvalidInputException;
import dev.chatstore.spi.Checks;
import java.time.Duration;

/**
 * When a {@link FileSessionStore} forces what it wrote from the operating system's cache to the disk.
 *
 * <ul>
 *   <li>{@link #everyWrite()} (the default): every acknowledged call has reached the disk before it
 *       returns ({@code FileChannel.force} on the session file, and on the folder for new files).
 *       Nothing acknowledged is lost to a process kill, an OS crash or a power cut.
 *   <li>{@link #interval(Duration)}: writes are forced by a background thread at most
 *       {@code interval} after they are made. A killed process loses nothing (the OS still holds the
 *       data); an OS crash or power cut can lose up to {@code interval} of acknowledged writes.
 *   <li>{@link #none()}: the store never forces; the OS writes back when it likes (often ~30 s).
 *       A killed process loses nothing; an OS crash or power cut can lose any recent write.
 * </ul>
 *
 * In every mode a crash leaves at worst a torn last line per file, which the store detects and
 * ignores on the next open. Immutable and thread-safe; the factories throw
 * {@link InvalidInputException} for a bad interval.
 */
public record FsyncPolicy(Mode mode, Duration interval) {
  /** How writes are forced. */
  public enum Mode {
    EVERY_WRITE,
    INTERVAL,
    NONE
  }

  public FsyncPolicy {
    Checks.notNull(mode, "fsync.mode");
    Checks.notNull(interval, "fsync.interval");
    if (mode == Mode.INTERVAL && (interval.isNegative() || interval.isZero())) {
      throw new InvalidInputException("fsync.interval", "must be positive, was " + interval);
    }
    if (mode != Mode.INTERVAL && !interval.isZero()) {
      throw new InvalidInputException("fsync.interval", "applies only to Mode.INTERVAL");
    }
  }

  /** Force every write before acknowledging it: the default. */
  public static FsyncPolicy everyWrite() {
    return new FsyncPolicy(Mode.EVERY_WRITE, Duration.ZERO);
  }

  /** Force in the background every {@code interval}; a power cut may lose that much. */
  public static FsyncPolicy interval(Duration interval) {
    return new FsyncPolicy(Mode.INTERVAL, Checks.notNull(interval, "fsync.interval"));
  }

  /** Never force; leave it to the operating system. */
  public static FsyncPolicy none() {
    return new FsyncPolicy(Mode.NONE, Duration.ZERO);
  }
}
