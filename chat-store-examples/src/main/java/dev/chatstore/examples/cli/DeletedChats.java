package dev.chatstore.examples.cli;

import dev.chatstore.Page;
import dev.chatstore.SessionQuery;
import dev.chatstore.SessionStore;
import dev.chatstore.SessionSummary;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The trash as pages: the owner's deleted chats, most recently updated first. The store lists
 * deleted chats only together with the others ({@code includeDeleted}), so this walks that list and
 * keeps the deleted ones. The cursor it returns is a store cursor placed right after the last chat
 * shown, present only when another deleted chat follows.
 */
final class DeletedChats {
  // how many chats, deleted or not, one read of the walk takes: independent of the page size asked for
  private static final int SCAN = 200;

  private DeletedChats() {}

  static Page<SessionSummary> page(SessionStore store, String ownerId, int limit, Optional<String> after) {
    List<SessionSummary> shown = new ArrayList<>();
    Optional<String> from = after;
    Optional<String> lastFrom = after; // the page start and index of the last chat shown
    int lastIndex = -1;
    while (true) {
      Page<SessionSummary> page = store.listSessions(query(ownerId, SCAN, from));
      List<SessionSummary> items = page.items();
      for (int i = 0; i < items.size(); i++) {
        if (items.get(i).deletedAt().isEmpty()) {
          continue;
        }
        if (shown.size() == limit) { // one more deleted chat exists, so the page gets a cursor
          return new Page<>(shown, Optional.empty(), cursorAfter(store, ownerId, lastFrom, lastIndex));
        }
        shown.add(items.get(i));
        lastFrom = from;
        lastIndex = i;
      }
      if (page.nextCursor().isEmpty()) {
        return new Page<>(shown, Optional.empty(), Optional.empty());
      }
      from = page.nextCursor();
    }
  }

  /** The first page of all the owner's chats, deleted or not. */
  static Page<SessionSummary> all(SessionStore store, String ownerId, int limit) {
    return store.listSessions(query(ownerId, limit, Optional.empty()));
  }

  // The next cursor of the same page cut short after that chat: a keyset position right after it.
  private static Optional<String> cursorAfter(SessionStore store, String ownerId, Optional<String> from, int index) {
    return store.listSessions(query(ownerId, index + 1, from)).nextCursor();
  }

  private static SessionQuery query(String ownerId, int limit, Optional<String> from) {
    SessionQuery.Builder query = SessionQuery.forOwner(ownerId).includeDeleted(true).limit(limit);
    from.ifPresent(query::cursor);
    return query.build();
  }
}
