package dev.chatstore.manager;

import dev.chatstore.ChatStoreException;

/** A {@link SessionManager} call needs a current session and there is none: create or resume one first. */
public final class NoCurrentSessionException extends ChatStoreException {
  private static final long serialVersionUID = 1L;

  public NoCurrentSessionException(String operation) {
    super(operation + " needs a current session: create or resume one first");
  }
}
