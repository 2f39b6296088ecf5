package dev.chatstore.testkit;

import dev.chatstore.ChatSession;
import dev.chatstore.Message;
import dev.chatstore.Page;
import dev.chatstore.SessionQuery;
import dev.chatstore.SessionStore;
import dev.chatstore.SessionSummary;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Everything some owners have in a store (sessions, deleted ones too, and all their messages), read
 * through the public API. Two snapshots are equal iff nothing of theirs changed: how the suite checks
 * that a refused call wrote nothing.
 */
public record StoreSnapshot(Map<String, ChatSession> sessions, Map<String, List<Message>> messages) {

  public static StoreSnapshot of(SessionStore store, String... ownerIds) {
    Map<String, ChatSession> sessions = new LinkedHashMap<>();
    Map<String, List<Message>> messages = new LinkedHashMap<>();
    for (String owner : ownerIds) {
      for (SessionSummary summary : allSummaries(store, owner)) {
        sessions.put(summary.id(), store.getSession(summary.id()));
        messages.put(summary.id(), ContractArea.allMessages(store, summary.id()));
      }
    }
    return new StoreSnapshot(sessions, messages);
  }

  private static List<SessionSummary> allSummaries(SessionStore store, String owner) {
    List<SessionSummary> all = new ArrayList<>();
    SessionQuery.Builder query = SessionQuery.forOwner(owner).includeDeleted(true).limit(1000);
    Page<SessionSummary> page = store.listSessions(query.build());
    all.addAll(page.items());
    while (page.nextCursor().isPresent()) {
      page = store.listSessions(query.cursor(page.nextCursor().get()).build());
      all.addAll(page.items());
    }
    return all;
  }
}
