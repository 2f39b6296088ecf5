package dev.chatstore.internal.memory;

import dev.chatstore.Message;
import dev.chatstore.MessageRevision;
import dev.chatstore.MessageStatus;
import dev.chatstore.Part;
import dev.chatstore.ReasoningPart;
import dev.chatstore.TextPart;
import dev.chatstore.Role;
import dev.chatstore.ToolCall;
import dev.chatstore.ToolResult;
import dev.chatstore.metadata.MessageMetadata;
import dev.chatstore.spi.StreamDelta;
import dev.chatstore.spi.StreamSum;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * One message as the in-memory store holds it: final messages as an immutable {@link Message},
 * streaming ones with a growing buffer so a write appends instead of copying what is there.
 *
 * <p>Not thread-safe: guarded by the lock of the {@link SessionSlot} that owns it.
 */
final class StoredMessage {
  private final String id;
  private final String sessionId;
  private final long seq;
  private final Role role;
  private final List<ToolResult> toolResults;
  private final String attributesJson;
  private final Optional<String> name;
  private final Instant createdAt;
  private List<Part> parts; // of a final message; a streaming one's are growing
  private StreamSum growing; // while PENDING or STREAMING
  private final List<ToolCall> toolCalls;
  private MessageStatus status;
  private MessageMetadata metadata;
  private Instant updatedAt;
  private Message snapshot; // null when a change has not been snapshotted yet
  private int revision;
  private final List<MessageRevision> revisions = new ArrayList<>(); // none until the first revision

  private StoredMessage(Message m) {
    this.id = m.id();
    this.sessionId = m.sessionId();
    this.seq = m.seq();
    this.role = m.role();
    this.toolResults = m.toolResults();
    this.attributesJson = m.attributesJson();
    this.name = m.name();
    this.createdAt = m.createdAt();
    this.parts = m.parts();
    this.toolCalls = new ArrayList<>(m.toolCalls());
    this.status = m.status();
    this.metadata = m.metadata();
    this.updatedAt = m.updatedAt();
    this.revision = m.revision();
    if (status.isFinal()) {
      this.snapshot = m;
    } else {
      this.growing = channels(m.parts());
    }
  }

  /** A message's parts back on their stream channels, as the streamed-parts rule laid them out. */
  private static StreamSum channels(List<Part> streamed) {
    StreamSum sum = new StreamSum();
    for (int i = 0; i < streamed.size(); i++) {
      Part part = streamed.get(i);
      if (i == 0 && part instanceof ReasoningPart r && r.encrypted().isEmpty() && r.unknownFields().isEmpty()) {
        sum.add(new StreamDelta("", r.text(), r.signature(), List.of(), List.of()));
      } else if (part instanceof TextPart t) {
        sum.add(StreamDelta.of(t.text(), List.of()));
      } else {
        sum.add(new StreamDelta("", "", Optional.empty(), List.of(), List.of(part)));
      }
    }
    return sum;
  }

  static StoredMessage of(Message message) {
    return new StoredMessage(message);
  }

  String id() {
    return id;
  }

  long seq() {
    return seq;
  }

  Role role() {
    return role;
  }

  MessageStatus status() {
    return status;
  }

  Instant updatedAt() {
    return updatedAt;
  }

  List<ToolResult> toolResults() {
    return toolResults;
  }

  List<ToolCall> toolCalls() {
    return toolCalls;
  }

  String content() {
    return growing != null ? growing.text() : snapshot().content();
  }

  private List<Part> parts() {
    return growing != null ? streamedParts() : parts;
  }

  /** The parts of what streamed so far, by the one rule for streamed messages. */
  private List<Part> streamedParts() {
    return growing.parts();
  }

  /** The message as a record; made once per change, not once per read. */
  Message snapshot() {
    if (snapshot == null) {
      snapshot = new Message(id, sessionId, seq, role, parts(), status, toolCalls, toolResults, metadata,
          attributesJson, name, createdAt, updatedAt, revision);
    }
    return snapshot;
  }

  /** A streamed write: more on each channel, now STREAMING. */
  void write(StreamDelta delta, Instant now) {
    if (growing == null) { // recovered as abandoned while its stream was still alive: it lives again
      growing = channels(parts);
    }
    add(delta);
    status = MessageStatus.STREAMING;
    updatedAt = now;
    snapshot = null;
  }

  /** The stream's end: the last delta, the final status and metadata. */
  void finish(StreamDelta delta, MessageStatus finalStatus, MessageMetadata finalMetadata, Instant now) {
    if (growing == null) {
      growing = channels(parts);
    }
    add(delta);
    parts = streamedParts();
    growing = null;
    status = finalStatus;
    metadata = finalMetadata;
    updatedAt = now;
    snapshot = null;
  }

  private void add(StreamDelta delta) {
    growing.add(delta);
    toolCalls.addAll(delta.toolCalls());
  }

  /** A new revision: {@code revised} is the message now, {@code toStore} what its history gains. */
  void revise(Message revised, List<MessageRevision> toStore) {
    parts = revised.parts();
    revision = revised.revision();
    metadata = revised.metadata();
    updatedAt = revised.updatedAt();
    revisions.addAll(toStore);
    snapshot = null;
  }

  /** The revisions stored: none until the first revision. */
  List<MessageRevision> revisions() {
    return List.copyOf(revisions);
  }

  /** A status and/or metadata change from {@code updateMessage} or recovery. */
  void update(Optional<MessageStatus> newStatus, Optional<MessageMetadata> newMetadata, Instant now) {
    newStatus.ifPresent(s -> {
      if (s.isFinal() && growing != null) {
        parts = streamedParts();
        growing = null;
      }
      status = s;
    });
    newMetadata.ifPresent(m -> metadata = m);
    updatedAt = now;
    snapshot = null;
  }
}
