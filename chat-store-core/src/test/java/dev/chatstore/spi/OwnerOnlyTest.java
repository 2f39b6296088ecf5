package dev.chatstore.spi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Owner-only folders and files, whatever the umask. */
class OwnerOnlyTest {
  @TempDir Path temp;

  @BeforeEach
  void posixOnly() {
    // Windows has no POSIX modes: OwnerOnly sets nothing there, which the other cases would misread.
    assumeTrue(temp.getFileSystem().supportedFileAttributeViews().contains("posix"), "POSIX file system");
  }

  @Test
  void missingFoldersAndTheirMissingParentsAreCreatedOwnerOnly() throws IOException {
    Path nested = temp.resolve("a/b/c");
    OwnerOnly.createFolders(nested);
    assertThat(mode(temp.resolve("a"))).isEqualTo("rwx------");
    assertThat(mode(nested)).isEqualTo("rwx------");
  }

  @Test
  void anExistingFolderIsLeftAsItIs() throws IOException {
    Path shared = Files.createDirectory(temp.resolve("shared"));
    Files.setPosixFilePermissions(shared, PosixFilePermissions.fromString("rwxr-x---"));
    OwnerOnly.createFolders(shared);
    assertThat(mode(shared)).isEqualTo("rwxr-x---");
  }

  @Test
  void aFileCreatedWithTheAttributesIsOwnerOnlyAndAnotherFileCanBeRestricted() throws IOException {
    Path created = Files.createFile(temp.resolve("created"), OwnerOnly.file(temp.resolve("created")));
    assertThat(mode(created)).isEqualTo("rw-------");
    Path open = Files.createFile(temp.resolve("open"));
    Files.setPosixFilePermissions(open, PosixFilePermissions.fromString("rw-rw-rw-"));
    OwnerOnly.restrict(open);
    assertThat(mode(open)).isEqualTo("rw-------");
  }

  @Test
  void restrictLeavesFoldersAndMissingPathsAlone() throws IOException {
    Path folder = Files.createDirectory(temp.resolve("folder"));
    Files.setPosixFilePermissions(folder, PosixFilePermissions.fromString("rwxr-xr-x"));
    OwnerOnly.restrict(folder);
    assertThat(mode(folder)).isEqualTo("rwxr-xr-x");
    OwnerOnly.restrict(temp.resolve("missing"));
    assertThat(temp.resolve("missing")).doesNotExist();
  }

  private static String mode(Path p) throws IOException {
    return PosixFilePermissions.toString(Files.getPosixFilePermissions(p));
  }
}
