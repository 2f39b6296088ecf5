package dev.chatstore.spi;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;

/**
 * Files and folders readable by their owner only ({@code rw-------}, {@code rwx------}): what every
 * durable backend keeps chats in, whatever the process's umask. Where the file system has no POSIX
 * permissions, nothing is set. Stateless.
 */
public final class OwnerOnly {
  private static final Set<PosixFilePermission> FILE = PosixFilePermissions.fromString("rw-------");
  private static final Set<PosixFilePermission> FOLDER = PosixFilePermissions.fromString("rwx------");

  private OwnerOnly() {}

  /** The attributes that create {@code file} owner-only. */
  public static FileAttribute<?>[] file(Path file) {
    return posix(file) ? new FileAttribute<?>[] {PosixFilePermissions.asFileAttribute(FILE)} : new FileAttribute<?>[0];
  }

  /** The attributes that create {@code folder} owner-only. */
  public static FileAttribute<?>[] folder(Path folder) {
    return posix(folder) ? new FileAttribute<?>[] {PosixFilePermissions.asFileAttribute(FOLDER)} : new FileAttribute<?>[0];
  }

  /** Creates {@code folder} and its missing parents owner-only; an existing folder is left as it is. */
  public static void createFolders(Path folder) throws IOException {
    if (!Files.isDirectory(folder)) {
      Files.createDirectories(folder, folder(folder));
    }
  }

  /** Makes an existing regular file owner-only, for a file some other code created (a database engine). */
  public static void restrict(Path file) throws IOException {
    PosixFileAttributeView view = Files.getFileAttributeView(file, PosixFileAttributeView.class);
    if (view != null && Files.isRegularFile(file)) {
      view.setPermissions(FILE);
    }
  }

  private static boolean posix(Path path) {
    return path.getFileSystem().supportedFileAttributeViews().contains("posix");
  }
}
