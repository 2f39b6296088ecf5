package dev.chatstore.internal.stream;

import dev.chatstore.NewMessage;
import dev.chatstore.spi.MessageBody;
import dev.chatstore.spi.StreamDelta;
import dev.chatstore.spi.StreamSink;
import dev.chatstore.ConflictException;
import dev.chatstore.Message;
import dev.chatstore.MessageStatus;
import dev.chatstore.Role;
import dev.chatstore.StreamOptions;
import dev.chatstore.UnavailableException;
import dev.chatstore.metadata.MessageMetadata;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A sink for many messages that groups writes and ends, as a database with group commit does. Each
 * group can be held at a gate; single messages can be made to fail; a group call can be made to throw.
 */
final class GroupingSink implements StreamSink {
  private final int maxGroup;
  private final Map<String, StringBuilder> contents = new HashMap<>();
  private final Map<String, MessageStatus> statuses = new HashMap<>();
  private final List<Integer> groupSizes = new ArrayList<>();
  private final List<Integer> finishGroupSizes = new ArrayList<>();
  /** "write" or "end" per call of the sink's writes or ends, single or grouped, in order. */
  private final List<String> calls = new ArrayList<>();
  private final ThreadLocal<Boolean> inFinishAll = ThreadLocal.withInitial(() -> false);
  private final Map<String, Integer> writeCounts = new HashMap<>();
  private final Set<String> writing = new HashSet<>();
  private final Set<String> refused = new HashSet<>();
  private final AtomicBoolean overlapped = new AtomicBoolean();
  private final AtomicInteger finishesStarted = new AtomicInteger();
  private volatile boolean throwing;
  private final Gate gate = new Gate();
  private int seq;

  GroupingSink(int maxGroup) {
    this.maxGroup = maxGroup;
  }

  @Override
  public synchronized Message begin(String sessionId, String messageId, StreamOptions options) {
    contents.put(messageId, new StringBuilder());
    statuses.put(messageId, MessageStatus.PENDING);
    return message(sessionId, messageId, ++seq, options);
  }

  @Override
  public void write(String sessionId, String messageId, StreamDelta delta) {
    Map<Integer, RuntimeException> failures = writeAll(List.of(new Write(sessionId, messageId, delta)));
    if (!failures.isEmpty()) {
      throw failures.get(0);
    }
  }

  @Override
  public Map<Integer, RuntimeException> writeAll(List<Write> writes) {
    synchronized (this) {
      groupSizes.add(writes.size());
      calls.add("write");
      for (Write w : writes) {
        writeCounts.merge(w.messageId(), 1, Integer::sum);
        if (!writing.add(w.messageId())) {
          overlapped.set(true);
        }
      }
    }
    try {
      gate.pass();
      if (throwing) {
        throw new UnavailableException("the group's transaction failed");
      }
      Map<Integer, RuntimeException> failures = new HashMap<>();
      synchronized (this) {
        for (int i = 0; i < writes.size(); i++) {
          Write w = writes.get(i);
          if (refused.contains(w.messageId())) {
            failures.put(i, new ConflictException(ConflictException.Reason.STREAM_CLOSED, "refused: " + w.messageId()));
          } else {
            contents.get(w.messageId()).append(w.delta().text());
            statuses.put(w.messageId(), MessageStatus.STREAMING);
          }
        }
      }
      return failures;
    } finally {
      synchronized (this) {
        writes.forEach(w -> writing.remove(w.messageId()));
      }
    }
  }

  @Override
  public int maxGroupedWrites() {
    return maxGroup;
  }

  @Override
  public Results finishAll(List<Finish> finishes) {
    synchronized (this) {
      finishGroupSizes.add(finishes.size());
      calls.add("end");
    }
    inFinishAll.set(true);
    try {
      return StreamSink.super.finishAll(finishes);
    } finally {
      inFinishAll.set(false);
    }
  }

  @Override
  public Message finish(String sessionId, String messageId, StreamDelta delta, MessageStatus status,
      MessageMetadata metadata) {
    String text = delta.text();
    finishesStarted.incrementAndGet();
    if (!inFinishAll.get()) {
      synchronized (this) {
        calls.add("end");
      }
    }
    gate.pass();
    synchronized (this) {
      return finishNow(sessionId, messageId, text, status, metadata);
    }
  }

  private Message finishNow(String sessionId, String messageId, String text, MessageStatus status,
      MessageMetadata metadata) {
    if (refused.contains(messageId)) {
      throw new ConflictException(ConflictException.Reason.STREAM_CLOSED, "refused: " + messageId);
    }
    contents.get(messageId).append(text);
    statuses.put(messageId, status);
    return new Message(messageId, sessionId, 1, Role.ASSISTANT, MessageBody.plain(contents.get(messageId).toString()).parts(), status, List.of(), List.of(), metadata, NewMessage.NO_ATTRIBUTES, Optional.empty(), Instant.EPOCH, Instant.EPOCH);
  }

  private static Message message(String sessionId, String messageId, long seq, StreamOptions options) {
    return new Message(messageId, sessionId, seq, options.role(), List.of(), MessageStatus.PENDING, List.of(), List.of(), options.metadata(), NewMessage.NO_ATTRIBUTES, Optional.empty(), Instant.EPOCH, Instant.EPOCH);
  }

  void shut() {
    gate.shut();
  }

  void open() {
    gate.open();
  }

  void refuse(String messageId) {
    synchronized (this) {
      refused.add(messageId);
    }
  }

  void throwing(boolean value) {
    throwing = value;
  }

  synchronized String content(String messageId) {
    return contents.get(messageId).toString();
  }

  synchronized List<Integer> groupSizes() {
    return List.copyOf(groupSizes);
  }

  synchronized List<Integer> finishGroupSizes() {
    return List.copyOf(finishGroupSizes);
  }

  synchronized List<String> callKinds() {
    return List.copyOf(calls);
  }

  /** How many writes (not ends) reached the sink for the message. */
  synchronized int writesOf(String messageId) {
    return writeCounts.getOrDefault(messageId, 0);
  }

  synchronized MessageStatus status(String messageId) {
    return statuses.get(messageId);
  }

  int finishesStarted() {
    return finishesStarted.get();
  }

  synchronized int calls() {
    return groupSizes.size();
  }

  boolean overlapped() {
    return overlapped.get();
  }
}
