package dev.chatstore.file.internal;

import dev.chatstore.CorruptDataException;
import dev.chatstore.crypto.MissingKeyException;
import dev.chatstore.spi.FieldCipher;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps {@code index.jsonl} in step with the session files. On open the index is trusted as it is
 * when the last store closed cleanly (no {@code index.stale} marker) and no session file was added,
 * removed or renamed since (the sessions folder's modified time is the one the index recorded):
 * then opening reads one file however many sessions there are. Otherwise it is reconciled: every
 * session file whose size differs from its entry (or that has none) is replayed, entries without a
 * file are dropped. The marker exists while a store has the folder open, so a crash leaves it
 * behind; the index is written whole on close, after a reconcile and after each key rotation batch that
 * sealed a file anew. Opening deletes what a crash left of an index being written.
 * On an encrypting store an index is also reconciled when an entry's values do not open or a session
 * was unreadable, so a session left out for want of its key comes back once the key does. {@link #open}
 * and {@link #close} run alone; {@link #write} and {@link #isCurrent} are thread-safe.
 */
final class IndexKeeper {
  private static final Logger LOG = LoggerFactory.getLogger(IndexKeeper.class);
  private final FileContext ctx;
  /** What the index file's values are sealed with, as last read or written. */
  private volatile Set<String> keyIds = Set.of();

  IndexKeeper(FileContext ctx) {
    this.ctx = ctx;
  }

  void open() throws IOException {
    StoreFolder folder = ctx.folder;
    deleteTempIndexes();
    Optional<IndexFile.Contents> index = IndexFile.read(folder.index, ctx.cipher);
    boolean crashed = Files.exists(folder.staleMarker);
    boolean opened = index.map(i -> i.allOpened() && !(ctx.cipher.encrypts() && anyUnreadable(i))).orElse(false);
    boolean trusted = index.isPresent() && !crashed && opened
        && index.get().sessionsModified().equals(sessionsModified());
    if (trusted) {
      keyIds = index.get().keyIds();
      List<SessionHandle> found = new ArrayList<>(index.get().entries().size());
      for (IndexFile.Entry e : index.get().entries()) {
        found.add(new SessionHandle(e.id(), folder, e.summary()));
      }
      ctx.sessions.addAll(found);
    } else {
      LOG.info("{}: {}; checking the index against the session files", folder.root, index.isEmpty()
          ? "no usable session index" : crashed ? "the last store did not close cleanly"
          : !opened ? "index entries to read again from their files" : "session files changed");
      reconcile(index.map(IndexFile.Contents::entries).orElse(List.of()));
    }
    try (FileChannel marker = Durable.openOwnerOnly(folder.staleMarker, Set.of(StandardOpenOption.CREATE,
        StandardOpenOption.WRITE, StandardOpenOption.TRUNCATE_EXISTING))) {
      marker.write(ByteBuffer.wrap(("open since " + ctx.now() + "\n").getBytes(StandardCharsets.UTF_8)));
      if (ctx.syncer.syncs()) {
        marker.force(true);
      }
    }
    ctx.syncer.dirChanged(folder.root);
    if (trusted) {
      ctx.sessions.takeChanged();
    } else {
      write();
    }
  }

  /**
   * Deletes what a crash left of an index being written: never the index, and its values may be sealed
   * with a key a finished rotation let go, or in clear.
   */
  private void deleteTempIndexes() throws IOException {
    String glob = "." + ctx.folder.index.getFileName() + StoreFolder.TEMP_MARK + "*";
    try (DirectoryStream<Path> temps = Files.newDirectoryStream(ctx.folder.root, glob)) {
      for (Path temp : temps) {
        Files.deleteIfExists(temp);
      }
    }
  }

  private static boolean anyUnreadable(IndexFile.Contents index) {
    return index.entries().stream().anyMatch(e -> e.summary().isEmpty());
  }

  private void reconcile(List<IndexFile.Entry> entries) throws IOException {
    Map<String, IndexFile.Entry> known = new HashMap<>();
    entries.forEach(e -> known.put(e.id(), e));
    int replayed = 0;
    List<SessionHandle> found = new ArrayList<>();
    try (DirectoryStream<Path> files = Files.newDirectoryStream(ctx.folder.sessions)) {
      for (Path file : files) {
        if (StoreFolder.isTemp(file)) { // an atomic write a crash cut short: never acknowledged
          Files.deleteIfExists(file);
          continue;
        }
        Optional<String> id = StoreFolder.sessionIdOf(file);
        if (id.isEmpty() || !Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS)) {
          continue;
        }
        long size = Files.size(file);
        IndexFile.Entry entry = known.get(id.get());
        Optional<Summary> summary;
        if (entry != null && entry.fileSize() == size && entry.summary().isPresent()) {
          summary = entry.summary();
        } else {
          summary = replay(file, id.get(), ctx.cipher);
          replayed++;
        }
        found.add(new SessionHandle(id.get(), ctx.folder, summary));
      }
    }
    ctx.sessions.addAll(found);
    LOG.info("{}: index reconciled, {} session file(s) read again", ctx.folder.root, replayed);
  }

  private static Optional<Summary> replay(Path file, String id, FieldCipher cipher) throws IOException {
    try {
      return Optional.of(SessionLog.load(file, id, cipher).summary());
    } catch (CorruptDataException e) {
      LOG.warn("session {} cannot be read and is left out of listings until its file is repaired: {}", id,
          e.getMessage());
      return Optional.empty();
    } catch (MissingKeyException e) {
      LOG.warn("session {} is left out of listings until the store is opened with key '{}': {}", id, e.keyId(),
          e.getMessage());
      return Optional.empty();
    }
  }

  /** True if the index file's values are all sealed with the current key (or the store does not encrypt). */
  boolean isCurrent() {
    return ctx.cipher.currentKeyId().map(current -> LineCipher.isCurrent(keyIds, current)).orElse(true);
  }

  /** Writes the index from the summaries in memory, replacing the old one atomically. */
  void write() throws IOException {
    write(ctx.syncer.syncs());
  }

  /**
   * {@link #write}, forced whatever the fsync policy: after a key rotation's batch, so a kill leaves an
   * index that knows which files the batch sealed anew (a rewrite keeps a file's size, so a reconcile
   * would take the old entry's key ids for the truth).
   */
  void writeDurably() throws IOException {
    write(true);
  }

  private synchronized void write(boolean sync) throws IOException {
    ctx.sessions.takeChanged(); // what changes from here on is written by the next call
    String modified = sessionsModified();
    List<IndexFile.Entry> entries = new ArrayList<>();
    for (SessionHandle handle : ctx.sessions.all()) {
      Optional<Summary> summary = handle.summary();
      if (summary.isPresent()) {
        entries.add(new IndexFile.Entry(handle.id, summary.get().fileSize(), summary));
      } else {
        try {
          entries.add(new IndexFile.Entry(handle.id, Files.size(handle.file()), Optional.empty()));
        } catch (NoSuchFileException e) {
          // gone: nothing to index
        }
      }
    }
    // oldest first, the order a listing sorts into: sorting it again on open costs next to nothing
    entries.sort(Comparator.comparing((IndexFile.Entry e) -> e.summary().map(Summary::updatedAt).orElse(Instant.MIN))
        .thenComparing(IndexFile.Entry::id));
    keyIds = IndexFile.write(ctx.folder.index, modified, entries, sync, ctx.cipher);
  }

  /** On close: the index brought up to date, then the marker removed, so the next open trusts it. */
  synchronized void close() throws IOException {
    if (ctx.sessions.takeChanged()) {
      write();
    }
    Files.deleteIfExists(ctx.folder.staleMarker);
    ctx.syncer.dirChanged(ctx.folder.root);
  }

  private String sessionsModified() throws IOException {
    return Files.getLastModifiedTime(ctx.folder.sessions).toString();
  }
}
