package dev.chatstore.metadata;

import dev.chatstore.spi.Checks;

/** A reference from a chat to another object of the host's, by type and id (a file, a ticket, a doc). */
public record ObjectRef(String type, String id) {
  public ObjectRef {
    Checks.notBlank(type, "type", 256);
    Checks.notBlank(id, "id", 1024);
  }
}
