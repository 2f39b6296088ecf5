package dev.chatstore.file.internal;

import dev.chatstore.ForkOrigin;
import dev.chatstore.MessageStatus;
import dev.chatstore.file.internal.Event.MessageAppended;
import dev.chatstore.file.internal.Event.MessageRevised;
import dev.chatstore.file.internal.Event.MessageUpdated;
import dev.chatstore.file.internal.Event.SessionCreated;
import dev.chatstore.file.internal.Event.SessionDeleted;
import dev.chatstore.file.internal.Event.SessionUpdated;
import dev.chatstore.file.internal.Event.StreamBegun;
import dev.chatstore.file.internal.Event.StreamFinished;
import dev.chatstore.file.internal.Event.StreamFlushed;
import dev.chatstore.file.internal.Event.Unknown;
import dev.chatstore.spi.MessageBody;
import dev.chatstore.spi.Previews;
import java.nio.channels.FileChannel;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * One session folded from its file: the session's fields, a slot per message (seq - 1 is its index,
 * a damaged message's too) and where the file's good bytes end. The same {@link #apply} builds it on
 * load and keeps it current after each write, so memory never disagrees with what a reload would give.
 * Not thread-safe: guarded by the session's lock.
 */
final class LoadedSession {
  final String id;
  String owner;
  Optional<String> project = Optional.empty();
  String title;
  String metadataJson;
  String stateJson;
  Instant createdAt;
  Instant updatedAt;
  long version;
  Optional<Instant> deletedAt = Optional.empty();
  Optional<ForkOrigin> forkedFrom = Optional.empty();
  Optional<String> key = Optional.empty();
  String preview = "";
  final List<MessageSlot> slots = new ArrayList<>();
  final Map<String, MessageSlot> byId = new HashMap<>();
  final Set<MessageSlot> unfinished = new LinkedHashSet<>();
  /** The messages a line of which did not open on replay, as found: unreadable, but in their places. */
  final List<MessageSlot> damaged = new ArrayList<>(0);

  /** The file's first line: the format version it names, and where, to raise it before a line needs more. */
  SessionHeader header;
  /** End of the last good line: where the next line goes. */
  long validLength;
  /** Newline-ended lines before {@code validLength}: the number the next line follows. */
  long lines;
  /** Bytes in the file; more than {@code validLength} while a torn tail waits to be set aside. */
  long fileLength;
  /** The open session file, made on first use; closed when the session is unloaded. */
  FileChannel channel;
  /** The key ids the file's lines are sealed with ({@link LineCipher#CLEAR} for lines in clear). */
  Set<String> keyIds = Set.of();
  /** The key ids of lines of a newer version's events, which this version copies but cannot seal anew. */
  Set<String> keptKeyIds = Set.of();

  LoadedSession(String id) {
    this.id = id;
  }

  /** Notes the key ids of lines just written or read. */
  void sealedWith(Set<String> ids) {
    if (!keyIds.containsAll(ids)) { // rarely: a new key, so the set is copied only then
      Set<String> all = new TreeSet<>(keyIds);
      all.addAll(ids);
      keyIds = Set.copyOf(all);
    }
  }

  boolean isCreated() {
    return owner != null;
  }

  MessageSlot slot(long seq) {
    return slots.get((int) (seq - 1));
  }

  long messageCount() {
    return slots.size();
  }

  /** Folds one event read from (or just written to) the line at {@code offset}. */
  void apply(Event event, long offset, int length, long lineNo) throws BadLine {
    apply(event, offset, length, lineNo, null);
  }

  /**
   * Folds one event; with {@code damage}, the event is the shape of a line whose values did not open
   * ({@link UnopenedLine}), and its message is marked damaged.
   */
  void apply(Event event, long offset, int length, long lineNo, Damage damage) throws BadLine {
    if (event instanceof Unknown) {
      return; // a newer version's event, safe to read past by that version's word: it changes nothing here
    }
    if (!isCreated() && !(event instanceof SessionCreated)) {
      throw new BadLine("the session must be created (\"session.created\") before anything else");
    }
    if (event instanceof SessionCreated c) {
      created(c);
    } else if (event instanceof SessionUpdated u) {
      version = u.version();
      u.title().ifPresent(t -> title = t);
      u.metadataJson().ifPresent(m -> metadataJson = m);
      u.stateJson().ifPresent(s -> stateJson = s);
    } else if (event instanceof SessionDeleted d) {
      version = d.version();
      deletedAt = d.deleted() ? Optional.of(d.at()) : Optional.empty();
    } else if (event instanceof MessageAppended a) {
      MessageSlot slot = newSlot(a.message());
      place(slot, offset, length, lineNo, damage);
      preview = previewOf(slot, slot.head());
      slot.dropHead();
    } else if (event instanceof StreamBegun b) {
      MessageSlot slot = newSlot(b.message());
      place(slot, offset, length, lineNo, damage);
      unfinished.add(slot);
    } else if (event instanceof StreamFlushed f) {
      MessageSlot slot = running(f.id());
      place(slot, offset, length, lineNo, damage);
      slot.status = MessageStatus.STREAMING;
      slot.updatedAt = f.at();
      slot.addContent(f.delta().text()); // the preview follows the answer text only
      slot.hasToolCalls |= !f.delta().toolCalls().isEmpty();
    } else if (event instanceof StreamFinished f) {
      MessageSlot slot = running(f.id());
      place(slot, offset, length, lineNo, damage);
      slot.addContent(f.delta().text());
      slot.hasToolCalls |= !f.delta().toolCalls().isEmpty();
      ended(slot, f.status(), f.at());
    } else if (event instanceof MessageUpdated u) {
      MessageSlot slot = existing(u.id());
      place(slot, offset, length, lineNo, damage);
      if (u.status().isPresent() && !slot.isFinal()) {
        ended(slot, u.status().get(), u.at());
      } else {
        u.status().ifPresent(s -> slot.status = s);
        slot.updatedAt = u.at();
      }
    } else if (event instanceof MessageRevised r) {
      revised(r, offset, length, lineNo, damage);
    }
    if (movesUpdatedAt(event)) {
      updatedAt = event.at();
    }
  }

  /**
   * What moves the session's {@code updatedAt}: session changes, messages appended or streamed, and
   * revisions (which change what the conversation says); not status or metadata updates.
   */
  private static boolean movesUpdatedAt(Event event) {
    return !(event instanceof MessageUpdated);
  }

  private void created(SessionCreated c) throws BadLine {
    if (isCreated()) {
      throw new BadLine("the session is created twice");
    }
    if (!c.id().equals(id)) {
      throw new BadLine("the file is named for session " + id + " but holds session " + c.id());
    }
    owner = c.owner();
    project = c.project();
    title = c.title();
    metadataJson = c.metadataJson();
    stateJson = c.stateJson();
    createdAt = c.at();
    updatedAt = c.at();
    version = 1;
    forkedFrom = c.forkedFrom();
    key = c.key();
  }

  private MessageSlot newSlot(LineMessage m) throws BadLine {
    if (m.seq() != slots.size() + 1) {
      throw new BadLine("message " + m.id() + " has seq " + m.seq() + " where " + (slots.size() + 1)
          + " comes next");
    }
    if (byId.containsKey(m.id())) {
      throw new BadLine("message " + m.id() + " appears twice");
    }
    MessageSlot slot = new MessageSlot(m.id(), m.seq(), m.role(), m.status(), m.updatedAt());
    slot.addContent(m.content());
    slot.hasToolCalls = !m.toolCalls().isEmpty();
    slots.add(slot);
    byId.put(slot.id, slot);
    return slot;
  }

  /**
   * A revision: numbered one after the message's last, of a COMPLETE message only (as the store writes
   * them). The preview follows it when the message is the session's last.
   */
  private void revised(MessageRevised r, long offset, int length, long lineNo, Damage damage) throws BadLine {
    MessageSlot slot = existing(r.id());
    if (slot.status != MessageStatus.COMPLETE) {
      throw new BadLine("message " + r.id() + " is revised while " + slot.status + ": only a COMPLETE one can be");
    }
    if (r.revision() != slot.revision + 1) {
      throw new BadLine("message " + r.id() + " gets revision " + r.revision() + " where " + (slot.revision + 1)
          + " comes next");
    }
    place(slot, offset, length, lineNo, damage);
    slot.revision = r.revision();
    slot.updatedAt = r.revisedAt();
    if (slot.seq == slots.size()) {
      preview = previewOf(slot, MessageBody.text(r.parts()));
    }
  }

  /** The stream of a message reaches its end (finished, failed, interrupted or recovered). */
  private void ended(MessageSlot slot, MessageStatus status, Instant at) {
    slot.status = status;
    slot.updatedAt = at;
    unfinished.remove(slot);
    if (slot.seq == slots.size()) {
      preview = previewOf(slot, slot.head());
    }
    slot.dropHead();
  }

  /** Notes a line of the message of {@code slot}, and the damage it does if it did not open. */
  private void place(MessageSlot slot, long offset, int length, long lineNo, Damage damage) {
    slot.addLine(offset, length, lineNo);
    if (damage != null) {
      if (!slot.isDamaged()) {
        damaged.add(slot);
      }
      slot.damaged(damage);
    }
  }

  /**
   * The preview of the session whose last message is {@code slot}: empty for a damaged one, whose text
   * is not known (what opened of it would be a preview of part of a message, or of an older revision).
   */
  private static String previewOf(MessageSlot slot, String text) {
    return slot.isDamaged() ? "" : Previews.of(text);
  }

  private MessageSlot existing(String messageId) throws BadLine {
    MessageSlot slot = byId.get(messageId);
    if (slot == null) {
      throw new BadLine("message " + messageId + " was never created");
    }
    return slot;
  }

  private MessageSlot running(String messageId) throws BadLine {
    MessageSlot slot = existing(messageId);
    if (slot.isFinal()) {
      throw new BadLine("message " + messageId + " is streamed after its stream ended");
    }
    return slot;
  }

  Summary summary() {
    return new Summary(id, owner, project, title, createdAt, updatedAt, slots.size(), preview, deletedAt, key,
        unfinished.size(), validLength, allKeyIds());
  }

  /** Every key the file needs: what a rotation counts, so it never says done while one is old. */
  Set<String> allKeyIds() {
    if (keptKeyIds.isEmpty()) {
      return keyIds;
    }
    Set<String> all = new TreeSet<>(keyIds);
    all.addAll(keptKeyIds);
    return all;
  }
}
