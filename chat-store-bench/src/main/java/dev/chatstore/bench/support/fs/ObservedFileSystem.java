package dev.chatstore.bench.support.fs;

import dev.chatstore.bench.support.WriteLog;
import java.nio.file.FileStore;
import java.nio.file.FileSystem;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.nio.file.WatchService;
import java.nio.file.attribute.UserPrincipalLookupService;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * The default file system seen through {@link ObservedFileSystemProvider}: every operation goes to the
 * real file system unchanged, and session-file writes and forces are reported to a {@link WriteLog}.
 * Lets a benchmark see when the file store's streamed text reaches the disk without touching the
 * store's code. Thread-safe.
 */
public final class ObservedFileSystem extends FileSystem {
  private final FileSystem delegate;
  private final ObservedFileSystemProvider provider;

  private ObservedFileSystem(FileSystem delegate, WriteLog log) {
    this.delegate = delegate;
    this.provider = new ObservedFileSystemProvider(this, delegate.provider(), log);
  }

  /** {@code folder} (a path of the default file system) as a path whose file I/O is observed. */
  public static Path observe(Path folder, WriteLog log) {
    ObservedFileSystem fs = new ObservedFileSystem(folder.getFileSystem(), log);
    return new ObservedPath(fs, folder.toAbsolutePath());
  }

  Path wrap(Path p) {
    return new ObservedPath(this, p);
  }

  @Override
  public ObservedFileSystemProvider provider() {
    return provider;
  }

  @Override
  public void close() {
    throw new UnsupportedOperationException("the observed file system wraps the default one");
  }

  @Override
  public boolean isOpen() {
    return true;
  }

  @Override
  public boolean isReadOnly() {
    return delegate.isReadOnly();
  }

  @Override
  public String getSeparator() {
    return delegate.getSeparator();
  }

  @Override
  public Iterable<Path> getRootDirectories() {
    List<Path> out = new ArrayList<>();
    delegate.getRootDirectories().forEach(p -> out.add(wrap(p)));
    return out;
  }

  @Override
  public Iterable<FileStore> getFileStores() {
    return delegate.getFileStores();
  }

  @Override
  public Set<String> supportedFileAttributeViews() {
    return delegate.supportedFileAttributeViews();
  }

  @Override
  public Path getPath(String first, String... more) {
    return wrap(delegate.getPath(first, more));
  }

  @Override
  public PathMatcher getPathMatcher(String syntaxAndPattern) {
    PathMatcher m = delegate.getPathMatcher(syntaxAndPattern);
    return p -> m.matches(ObservedPath.unwrap(p));
  }

  @Override
  public UserPrincipalLookupService getUserPrincipalLookupService() {
    return delegate.getUserPrincipalLookupService();
  }

  @Override
  public WatchService newWatchService() {
    throw new UnsupportedOperationException("watching the observed file system");
  }
}
