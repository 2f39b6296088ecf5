package dev.chatstore.file.internal;

import dev.chatstore.ConflictException;
import dev.chatstore.Message;
import dev.chatstore.MessageNotFoundException;
import dev.chatstore.MessageQuery;
import dev.chatstore.MessageRevision;
import dev.chatstore.MessageUpdate;
import dev.chatstore.NewMessage;
import dev.chatstore.Page;
import dev.chatstore.Role;
import dev.chatstore.SessionNotFoundException;
import dev.chatstore.ToolExecution;
import dev.chatstore.file.internal.Event.MessageRevised;
import dev.chatstore.file.internal.Event.MessageUpdated;
import dev.chatstore.spi.Checks;
import dev.chatstore.spi.MessageBody;
import dev.chatstore.spi.MessageRange;
import dev.chatstore.spi.Revisions;
import dev.chatstore.spi.Times;
import dev.chatstore.spi.ToolPairing;
import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** The message half of the store: append, read by page, update and revise, tool pairing. Thread-safe. */
final class MessageOps {
  private final FileContext ctx;

  MessageOps(FileContext ctx) {
    this.ctx = ctx;
  }

  Message append(String sessionId, NewMessage message) throws IOException {
    Checks.id(sessionId, "sessionId");
    List<String> metadata = List.of(FileContext.oneLine(ctx.rules.check(message)));
    return appendAll(sessionId, List.of(message), metadata, false).get(0);
  }

  List<Message> appendAll(String sessionId, List<NewMessage> messages) throws IOException {
    Checks.id(sessionId, "sessionId");
    List<String> encoded = ctx.rules.checkBatch(messages);
    List<String> metadata = new ArrayList<>(encoded.size());
    for (String json : encoded) {
      metadata.add(FileContext.oneLine(json));
    }
    return appendAll(sessionId, messages, metadata, true);
  }

  /** Appends messages already checked, with their metadata encoded one line each. */
  private List<Message> appendAll(String sessionId, List<NewMessage> messages, List<String> metadata, boolean batch)
      throws IOException {
    return ctx.sessions.with(sessionId, (handle, s) -> {
      FileContext.requireNotDeleted(s);
      for (int i = 0; i < messages.size(); i++) {
        String id = messages.get(i).id(); // ids repeated inside the batch were refused by checkBatch
        if (s.byId.containsKey(id)) {
          throw new ConflictException(ConflictException.Reason.ALREADY_EXISTS,
              (batch ? "messages[" + i + "]: " : "") + "a message with id " + id + " exists in session " + sessionId);
        }
      }
      Instant now = ctx.now();
      List<LineMessage> stored = new ArrayList<>(messages.size());
      for (int i = 0; i < messages.size(); i++) {
        NewMessage m = messages.get(i);
        Instant created = m.createdAt().map(Times::micros).orElse(now);
        stored.add(new LineMessage(m.id(), s.messageCount() + 1 + i, m.role(), MessageBody.of(m), m.status(),
            m.toolCalls(), m.toolResults(), metadata.get(i), created, created));
      }
      ctx.writer.append(handle, s, SessionWriter.batch(now, stored));
      List<Message> out = new ArrayList<>(stored.size());
      for (int i = 0; i < stored.size(); i++) {
        out.add(stored.get(i).toMessage(sessionId, ctx.decodeMessageMetadata(metadata.get(i))));
      }
      return out;
    });
  }

  Optional<Message> find(String sessionId, String messageId) throws IOException {
    Checks.id(sessionId, "sessionId");
    Checks.id(messageId, "messageId");
    try {
      return ctx.sessions.with(sessionId, (handle, s) -> {
        MessageSlot slot = s.byId.get(messageId);
        return slot == null ? Optional.<Message>empty() : Optional.of(ctx.read(handle, s, slot));
      });
    } catch (SessionNotFoundException e) {
      return Optional.empty();
    }
  }

  Page<Message> page(String sessionId, MessageQuery query) throws IOException {
    Checks.id(sessionId, "sessionId");
    Checks.notNull(query, "query");
    return ctx.sessions.with(sessionId, (handle, s) -> {
      MessageRange range = MessageRange.of(query, s.messageCount());
      List<MessageSlot> slots = new ArrayList<>(range.size());
      for (long seq = range.fromSeq(); seq <= range.toSeq(); seq++) {
        slots.add(s.slot(seq));
      }
      return range.page(ctx.read(handle, s, slots));
    });
  }

  Message update(String sessionId, String messageId, MessageUpdate update) throws IOException {
    Checks.id(sessionId, "sessionId");
    Checks.id(messageId, "messageId");
    ctx.rules.check(update);
    Optional<String> metadata = update.metadata().map(ctx::encode);
    return ctx.sessions.with(sessionId, (handle, s) -> {
      FileContext.requireNotDeleted(s);
      MessageSlot slot = s.byId.get(messageId);
      if (slot == null) {
        throw new MessageNotFoundException(sessionId, messageId);
      }
      if (slot.isDamaged()) { // refused before a line is written: the update could not be read back
        throw slot.damage().at(handle.file(), messageId);
      }
      if (ctx.engine.isOpen(sessionId, messageId)) {
        throw new ConflictException(ConflictException.Reason.STREAM_OPEN,
            "message " + messageId + " is being streamed; end its stream instead");
      }
      if (update.parts().isPresent()) {
        ctx.writer.append(handle, s, revision(ctx.read(handle, s, slot), update, metadata));
      } else {
        ctx.writer.append(handle, s, new MessageUpdated(ctx.now(), messageId, update.status(), metadata));
      }
      return ctx.read(handle, s, slot);
    });
  }

  /**
   * The line of the revision {@code update} makes of {@code before}, by core's rule: refused
   * (NOT_COMPLETE) before anything is written unless {@code before} may be revised. The line holds
   * the new revision only: revision 1 is already in the file, as the message's own lines.
   */
  private MessageRevised revision(Message before, MessageUpdate update, Optional<String> metadata) {
    Revisions.checkRevisable(before);
    Instant now = ctx.now();
    Message after = Revisions.revised(before, update, metadata.map(ctx::decodeMessageMetadata), now);
    MessageRevision added = Revisions.revision(after, update);
    return new MessageRevised(now, before.id(), added.number(), added.at(), added.author(), added.parts(), metadata);
  }

  List<MessageRevision> revisions(String sessionId, String messageId) throws IOException {
    Checks.id(sessionId, "sessionId");
    Checks.id(messageId, "messageId");
    return ctx.sessions.with(sessionId, (handle, s) -> {
      MessageSlot slot = s.byId.get(messageId);
      if (slot == null) {
        throw new MessageNotFoundException(sessionId, messageId);
      }
      return ctx.revisions(handle, s, slot);
    });
  }

  List<ToolExecution> toolExecutions(String sessionId) throws IOException {
    Checks.id(sessionId, "sessionId");
    return ctx.sessions.with(sessionId, (handle, s) -> {
      List<MessageSlot> relevant = new ArrayList<>();
      for (MessageSlot slot : s.slots) {
        if ((slot.role == Role.ASSISTANT && slot.hasToolCalls) || slot.role == Role.TOOL) {
          relevant.add(slot);
        }
      }
      List<ToolPairing.ToolTurn> turns = new ArrayList<>(relevant.size());
      for (Message m : ctx.read(handle, s, relevant)) {
        if (m.role() == Role.ASSISTANT) {
          turns.add(ToolPairing.ToolTurn.calls(m.seq(), m.id(), m.toolCalls()));
        } else if (!m.toolResults().isEmpty()) { // every result of a TOOL message answers its own call
          turns.add(ToolPairing.ToolTurn.results(m.seq(), m.id(), m.toolResults()));
        }
      }
      return ToolPairing.pair(turns);
    });
  }
}
