package dev.chatstore.bench.support.fs;

import dev.chatstore.bench.support.WriteLog;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.MappedByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.ReadableByteChannel;
import java.nio.channels.WritableByteChannel;

/**
 * A session file's channel that keeps a copy of the bytes written since the last force, and on each
 * force hands them to the {@link WriteLog} stamped with the time the force returned: the moment those
 * lines are durable under the default fsync policy. Each force counts as one durable write.
 * Thread-safe for the same uses as the channel it wraps (the store writes one session under a lock).
 */
final class ObservedFileChannel extends FileChannel {
  private final FileChannel delegate;
  private final WriteLog log;
  private final ByteArrayOutputStream unforced = new ByteArrayOutputStream(); // guarded by this

  ObservedFileChannel(FileChannel delegate, WriteLog log) {
    this.delegate = delegate;
    this.log = log;
  }

  private void keep(ByteBuffer copy, int written) {
    if (written <= 0) {
      return;
    }
    byte[] bytes = new byte[written];
    copy.get(bytes);
    synchronized (this) {
      unforced.writeBytes(bytes);
    }
  }

  @Override
  public int write(ByteBuffer src) throws IOException {
    ByteBuffer copy = src.duplicate();
    int n = delegate.write(src);
    keep(copy, n);
    return n;
  }

  @Override
  public long write(ByteBuffer[] srcs, int offset, int length) throws IOException {
    ByteBuffer[] copies = new ByteBuffer[length];
    for (int i = 0; i < length; i++) {
      copies[i] = srcs[offset + i].duplicate();
    }
    long n = delegate.write(srcs, offset, length);
    long left = n;
    for (ByteBuffer c : copies) {
      int take = (int) Math.min(left, c.remaining());
      keep(c, take);
      left -= take;
    }
    return n;
  }

  @Override
  public int write(ByteBuffer src, long position) throws IOException {
    ByteBuffer copy = src.duplicate();
    int n = delegate.write(src, position);
    keep(copy, n);
    return n;
  }

  @Override
  public void force(boolean metaData) throws IOException {
    byte[] lines;
    synchronized (this) {
      lines = unforced.toByteArray();
      unforced.reset();
    }
    delegate.force(metaData);
    long now = System.nanoTime();
    log.write();
    if (lines.length > 0) {
      log.forced(lines, now);
    }
  }

  @Override
  public int read(ByteBuffer dst) throws IOException {
    return delegate.read(dst);
  }

  @Override
  public long read(ByteBuffer[] dsts, int offset, int length) throws IOException {
    return delegate.read(dsts, offset, length);
  }

  @Override
  public int read(ByteBuffer dst, long position) throws IOException {
    return delegate.read(dst, position);
  }

  @Override
  public long position() throws IOException {
    return delegate.position();
  }

  @Override
  public FileChannel position(long newPosition) throws IOException {
    delegate.position(newPosition);
    return this;
  }

  @Override
  public long size() throws IOException {
    return delegate.size();
  }

  @Override
  public FileChannel truncate(long size) throws IOException {
    delegate.truncate(size);
    return this;
  }

  @Override
  public long transferTo(long position, long count, WritableByteChannel target) throws IOException {
    return delegate.transferTo(position, count, target);
  }

  @Override
  public long transferFrom(ReadableByteChannel src, long position, long count) throws IOException {
    throw new UnsupportedOperationException("transferFrom into an observed session file");
  }

  @Override
  public MappedByteBuffer map(MapMode mode, long position, long size) throws IOException {
    return delegate.map(mode, position, size);
  }

  @Override
  public FileLock lock(long position, long size, boolean shared) throws IOException {
    return delegate.lock(position, size, shared);
  }

  @Override
  public FileLock tryLock(long position, long size, boolean shared) throws IOException {
    return delegate.tryLock(position, size, shared);
  }

  @Override
  protected void implCloseChannel() throws IOException {
    delegate.close();
  }
}
