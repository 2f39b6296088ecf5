package dev.chatstore;

import dev.chatstore.spi.Checks;
import java.util.Optional;

/**
 * Which of one owner's sessions to list, in which order, from which cursor. Built with
 * {@link #forOwner(String)}; validated as it is built.
 */
public record SessionQuery(
    String ownerId,
    Optional<String> projectId,
    Optional<String> text,
    SessionOrder order,
    boolean includeDeleted,
    int limit,
    Optional<String> cursor) {

  /** Default page size. */
  public static final int DEFAULT_LIMIT = 50;
  /** Longest text filter accepted. */
  public static final int MAX_TEXT_LENGTH = 1000;

  public SessionQuery {
    Checks.ownerId(ownerId, "ownerId");
    Checks.notNull(projectId, "projectId").ifPresent(p -> Checks.ownerId(p, "projectId"));
    Checks.notNull(text, "text").ifPresent(t -> Checks.notBlank(t, "text", MAX_TEXT_LENGTH));
    Checks.notNull(order, "order");
    if (limit < 1 || limit > PageRequest.MAX_LIMIT) {
      throw new InvalidInputException("limit", "must be 1 to " + PageRequest.MAX_LIMIT + ", was " + limit);
    }
    Checks.notNull(cursor, "cursor").ifPresent(c -> Checks.notBlank(c, "cursor", 1024));
  }

  /** A builder listing {@code ownerId}'s sessions, most recently updated first, 50 a page. */
  public static Builder forOwner(String ownerId) {
    return new Builder(Checks.ownerId(ownerId, "ownerId"));
  }

  /** The first page of an owner's sessions with default settings. */
  public static SessionQuery of(String ownerId) {
    return forOwner(ownerId).build();
  }

  /** Builds a {@link SessionQuery}; each setter validates its argument at once. */
  public static final class Builder {
    private final String ownerId;
    private Optional<String> projectId = Optional.empty();
    private Optional<String> text = Optional.empty();
    private SessionOrder order = SessionOrder.RECENTLY_UPDATED;
    private boolean includeDeleted;
    private int limit = DEFAULT_LIMIT;
    private Optional<String> cursor = Optional.empty();

    private Builder(String ownerId) {
      this.ownerId = ownerId;
    }

    /** Only sessions of this project. */
    public Builder project(String projectId) {
      this.projectId = Optional.of(Checks.ownerId(projectId, "projectId"));
      return this;
    }

    /** Only sessions whose title or any message contains {@code text}, ignoring case. */
    public Builder text(String text) {
      this.text = Optional.of(Checks.notBlank(text, "text", MAX_TEXT_LENGTH));
      return this;
    }

    public Builder order(SessionOrder order) {
      this.order = Checks.notNull(order, "order");
      return this;
    }

    /** Also list soft-deleted sessions (a trash view). */
    public Builder includeDeleted(boolean includeDeleted) {
      this.includeDeleted = includeDeleted;
      return this;
    }

    public Builder limit(int limit) {
      if (limit < 1 || limit > PageRequest.MAX_LIMIT) {
        throw new InvalidInputException("limit", "must be 1 to " + PageRequest.MAX_LIMIT + ", was " + limit);
      }
      this.limit = limit;
      return this;
    }

    /** Continue from a cursor a previous page of the same query returned. */
    public Builder cursor(String cursor) {
      this.cursor = Optional.of(Checks.notBlank(cursor, "cursor", 1024));
      return this;
    }

    public SessionQuery build() {
      return new SessionQuery(ownerId, projectId, text, order, includeDeleted, limit, cursor);
    }
  }
}
