package dev.chatstore.file.internal;

import dev.chatstore.spi.OwnerOnly;
import dev.chatstore.UnavailableException;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.OpenOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.Set;

/**
 * The file-system steps the store's durability rests on: owner-only creation, writing fully,
 * forcing, atomic replacement (temp file, force, rename, force the folder). Stateless.
 */
final class Durable {
  private Durable() {}

  /** Writes something into a stream; may throw I/O errors. */
  interface Writer {
    void write(OutputStream out) throws IOException;
  }

  /**
   * Writes something into a stream, and may then write over bytes already written through the file's
   * channel (after closing the stream, which only flushes it).
   */
  interface ChannelWriter {
    void write(OutputStream out, FileChannel channel) throws IOException;
  }

  static boolean posix(Path path) {
    return path.getFileSystem().supportedFileAttributeViews().contains("posix");
  }

  static FileChannel openOwnerOnly(Path file, Set<? extends OpenOption> options) throws IOException {
    return FileChannel.open(file, options, OwnerOnly.file(file));
  }

  static void writeFully(FileChannel ch, ByteBuffer buf, long position) throws IOException {
    long pos = position;
    while (buf.hasRemaining()) {
      pos += ch.write(buf, pos);
    }
  }

  /** Makes a directory's entries (a new or renamed file) durable. Not every platform can. */
  static void syncDir(Path dir) throws IOException {
    try (FileChannel ch = FileChannel.open(dir, StandardOpenOption.READ)) {
      ch.force(true);
    } catch (IOException e) {
      if (posix(dir)) { // on Windows a directory cannot be opened; elsewhere this is a real failure
        throw e;
      }
    }
  }

  /**
   * Replaces (or creates) {@code target} all at once: readers see the old content or the new, never
   * a mix, even after a crash. The new file is owner-only.
   */
  static void replace(Path target, boolean sync, Writer writer) throws IOException {
    replace(target, sync, (out, channel) -> writer.write(out));
  }

  /** {@link #replace(Path, boolean, Writer)}, the writer also given the new file's channel. */
  static void replace(Path target, boolean sync, ChannelWriter writer) throws IOException {
    Path temp = StoreFolder.tempFor(target);
    try {
      try (FileChannel ch = openOwnerOnly(temp, Set.of(StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE))) {
        OutputStream out = Channels.newOutputStream(ch);
        writer.write(new java.io.BufferedOutputStream(out, 64 * 1024) {
          @Override
          public void close() throws IOException {
            flush(); // the channel is closed below, after the force
          }
        }, ch);
        if (sync) {
          ch.force(true);
        }
      }
      try {
        Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
      } catch (AtomicMoveNotSupportedException e) {
        Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING);
      }
      if (sync) {
        syncDir(target.getParent());
      }
    } finally {
      Files.deleteIfExists(temp);
    }
  }

  static UnavailableException unavailable(String what, Path path, IOException e) {
    return new UnavailableException(what + " " + path + " failed: " + e, e);
  }
}
