package dev.chatstore.jdbc;

import dev.chatstore.ChatStoreException;

/**
 * The database was written by a newer chat-store whose schema this one does not know. Opening the
 * store is refused and the database is left exactly as it was: upgrade chat-store, or point it at
 * another database.
 */
public final class SchemaVersionException extends ChatStoreException {
  private static final long serialVersionUID = 1L;
  private final int databaseVersion;
  private final int supportedVersion;

  public SchemaVersionException(int databaseVersion, int supportedVersion) {
    super("the database schema is at version " + databaseVersion + ", newer than version " + supportedVersion
        + ", the latest this chat-store knows; the database was not modified: upgrade chat-store to open it");
    this.databaseVersion = databaseVersion;
    this.supportedVersion = supportedVersion;
  }

  /** The schema version recorded in the database. */
  public int databaseVersion() {
    return databaseVersion;
  }

  /** The latest schema version this library can read and write. */
  public int supportedVersion() {
    return supportedVersion;
  }
}
