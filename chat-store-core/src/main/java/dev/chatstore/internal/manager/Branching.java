package dev.chatstore.internal.manager;

import dev.chatstore.ChatSession;
import dev.chatstore.ChatStoreException;
import dev.chatstore.InvalidInputException;
import dev.chatstore.Message;
import dev.chatstore.MessageQuery;
import dev.chatstore.NewMessage;
import dev.chatstore.NewSession;
import dev.chatstore.Role;
import dev.chatstore.SessionStore;
import dev.chatstore.internal.SessionPurge;
import dev.chatstore.manager.EditedFork;
import java.util.List;

/**
 * "Edit and resend" over the store's fork: branch before the edited message (the fork copies every
 * message before it exactly, spi.ForkCopy), then append the edited message ({@link EditedMessage}).
 * All or nothing: a branch whose edited message could not be stored is purged.
 */
public final class Branching {
  private Branching() {}

  public static EditedFork editAndResend(SessionStore store, ChatSession source, String messageId, String newContent) {
    Message edited = store.getMessage(source.id(), messageId);
    if (edited.role() == Role.TOOL) {
      throw new InvalidInputException("messageId", "a TOOL message carries a tool result and cannot be edited");
    }
    NewMessage replacement = EditedMessage.of(edited, newContent);
    List<Message> before = store.messages(source.id(), MessageQuery.beforeSeq(edited.seq(), 1)).items();
    ChatSession branch = before.isEmpty()
        ? copyWithoutMessages(store, source)
        : store.fork(source.id(), before.get(0).id(), source.title());
    Message appended;
    try {
      appended = store.append(branch.id(), replacement);
    } catch (ChatStoreException e) {
      throw SessionPurge.after(e, store, branch.id());
    }
    return new EditedFork(store.getSession(branch.id()), appended);
  }

  // Nothing precedes the first message, so there is nothing to fork: a fresh session with the same
  // settings. Not the key: a key names one session of its owner, and the source keeps it (as a fork does).
  private static ChatSession copyWithoutMessages(SessionStore store, ChatSession source) {
    NewSession.Builder copy = NewSession.forOwner(source.ownerId()).title(source.title())
        .metadata(source.metadata()).state(source.stateJson());
    source.projectId().ifPresent(copy::project);
    return store.createSession(copy.build());
  }
}
