package dev.chatstore;

import dev.chatstore.spi.Checks;
import dev.chatstore.spi.Json;
import dev.chatstore.metadata.ChatMetadata;
import java.util.Optional;

/** The fields of a session to replace; absent ones stay as they are. At least one must be present. */
public record SessionUpdate(Optional<String> title, Optional<ChatMetadata> metadata, Optional<String> stateJson) {
  public SessionUpdate {
    Checks.notNull(title, "title");
    Checks.notNull(metadata, "metadata");
    Checks.notNull(stateJson, "stateJson");
    stateJson = stateJson.map(s -> Json.canonical(s, "stateJson"));
    if (title.isEmpty() && metadata.isEmpty() && stateJson.isEmpty()) {
      throw new InvalidInputException("update", "must change at least one of title, metadata, state");
    }
  }

  public static SessionUpdate title(String title) {
    return new SessionUpdate(Optional.of(Checks.notNull(title, "title")), Optional.empty(), Optional.empty());
  }

  public static SessionUpdate metadata(ChatMetadata metadata) {
    return new SessionUpdate(Optional.empty(), Optional.of(Checks.notNull(metadata, "metadata")), Optional.empty());
  }

  public static SessionUpdate state(String stateJson) {
    return new SessionUpdate(Optional.empty(), Optional.empty(), Optional.of(Checks.notNull(stateJson, "stateJson")));
  }

  /** This update, also replacing the title. */
  public SessionUpdate withTitle(String newTitle) {
    return new SessionUpdate(Optional.of(Checks.notNull(newTitle, "title")), metadata, stateJson);
  }

  /** This update, also replacing the metadata. */
  public SessionUpdate withMetadata(ChatMetadata newMetadata) {
    return new SessionUpdate(title, Optional.of(Checks.notNull(newMetadata, "metadata")), stateJson);
  }

  /** This update, also replacing the state. */
  public SessionUpdate withState(String newStateJson) {
    return new SessionUpdate(title, metadata, Optional.of(Checks.notNull(newStateJson, "stateJson")));
  }
}
