package dev.chatstore.internal.transfer;

import dev.chatstore.metadata.ChatMetadata;
import java.util.Optional;
import java.util.OptionalLong;

/** The chat of an export as read, before it becomes a session. */
public record ImportedChat(
    Optional<String> id,
    Optional<String> ownerId,
    Optional<String> projectId,
    String title,
    ChatMetadata metadata,
    String stateJson,
    boolean deleted,
    OptionalLong messageCount,
    Optional<String> key) {}
