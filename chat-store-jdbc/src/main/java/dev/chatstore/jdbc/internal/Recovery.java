package dev.chatstore.jdbc.internal;

import dev.chatstore.MessageStatus;
import dev.chatstore.spi.StreamRecovery;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.function.BiPredicate;

/**
 * Marks INTERRUPTED the messages a dead process left PENDING or STREAMING, as {@link StreamRecovery}
 * decides. The candidates come from a query bounded by the rule's cutoff; each is then ended in its
 * own short transaction that asks the rule again under the row lock, so a stream that wrote
 * meanwhile is left alone. What it streamed is folded into its content. Thread-safe.
 */
public final class Recovery {
  /** Unfinished messages recovery looks at in one pass, at most. */
  private static final int BATCH = 1000;

  private final StoreContext ctx;
  private final Unfinished unfinished;
  private final GroupEnd end;

  public Recovery(StoreContext ctx) {
    this.ctx = ctx;
    this.unfinished = new Unfinished(ctx);
    this.end = new GroupEnd(ctx);
  }

  /**
   * Ends every unfinished message idle for {@code idleFor} for which {@code open} (session id,
   * message id) is false; returns how many it marked.
   */
  public int recover(Duration idleFor, BiPredicate<String, String> open) {
    StreamRecovery rule = StreamRecovery.at(ctx.now(), idleFor);
    int marked = 0;
    String after = "";
    String afterSession = "";
    while (true) {
      List<Candidate> batch = candidates(rule.cutoff(), afterSession, after);
      for (Candidate c : batch) {
        if (rule.marks(c.status, c.updatedAt, open.test(c.sessionId, c.messageId)) && interrupt(c, rule, open)) {
          marked++;
        }
      }
      if (batch.size() < BATCH) {
        return marked;
      }
      Candidate last = batch.get(batch.size() - 1);
      afterSession = last.sessionId;
      after = last.messageId;
    }
  }

  private List<Candidate> candidates(Instant cutoff, String afterSession, String after) {
    return ctx.db().read("looking for abandoned streams", h -> h.createQuery(
            "SELECT session_id, id, status, updated_at FROM chatstore_messages WHERE status IN ('PENDING', 'STREAMING')"
                + " AND updated_at <= :cutoff AND (session_id > :afterSession OR (session_id = :afterSession"
                + " AND id > :after)) ORDER BY session_id, id LIMIT " + BATCH)
        .bind("cutoff", Db.at(cutoff))
        .bind("afterSession", afterSession)
        .bind("after", after)
        .map((rs, c) -> {
          Unfinished.Locked row = Unfinished.locked(rs, rs.getString("session_id"), rs.getString("id"));
          return new Candidate(rs.getString("session_id"), rs.getString("id"), row.status(), row.updatedAt());
        })
        .list());
  }

  /** Ends the candidate if the rule still marks it under the lock; false if it ended or was written meanwhile. */
  private boolean interrupt(Candidate c, StreamRecovery rule, BiPredicate<String, String> open) {
    Instant now = ctx.now();
    return ctx.db().inTransaction("recovering stream " + c.messageId, h -> {
      Unfinished.lockSessions(h.getConnection(), List.of(c.sessionId)); // first, as every end of a stream does
      Optional<Unfinished.Locked> locked = unfinished.lock(h, c.sessionId, c.messageId);
      if (locked.isEmpty()
          || !rule.marks(locked.get().status(), locked.get().updatedAt(), open.test(c.sessionId, c.messageId))) {
        return false;
      }
      GroupEnd.Item item = GroupEnd.Item.abandoned(c.sessionId, c.messageId, MessageStatus.INTERRUPTED,
          Optional.empty());
      GroupEnd.only(end.run(h.getConnection(), List.of(item), now, false));
      return true;
    });
  }

  private record Candidate(String sessionId, String messageId, MessageStatus status, Instant updatedAt) {}
}
