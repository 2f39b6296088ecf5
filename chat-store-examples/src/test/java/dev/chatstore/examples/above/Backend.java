package dev.chatstore.examples.above;

import dev.chatstore.SessionStore;
import dev.chatstore.file.FileSessionStore;
import dev.chatstore.jdbc.JdbcSessionStore;
import java.nio.file.Path;

/** The backends the layer above the store is checked over, each opened in its own folder. */
enum Backend {
  MEMORY,
  H2,
  FILE;

  SessionStore open(Path root) {
    Path folder = root.resolve(name().toLowerCase(java.util.Locale.ROOT));
    switch (this) {
      case MEMORY:
        return SessionStore.inMemory();
      case H2:
        return JdbcSessionStore.h2(folder);
      default:
        return FileSessionStore.open(folder);
    }
  }
}
