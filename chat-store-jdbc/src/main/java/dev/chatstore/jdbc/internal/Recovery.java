package dev.chatstore.jdbc.internal;

import dev.chatstore.MessageStatus;
import dev.chatstore.jdbc.internal.MessageTable.StreamState;
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
final class Recovery {
  /** Unfinished messages recovery looks at in one pass, at most. */
  private static final int BATCH = 1000;

  private final JdbcContext ctx;
  private final GroupEnd end;

  Recovery(JdbcContext ctx) {
    this.ctx = ctx;
    this.end = new GroupEnd(ctx);
  }

  /**
   * Ends every unfinished message idle for {@code idleFor} for which {@code open} (session id,
   * message id) is false; returns how many it marked.
   */
  int recover(Duration idleFor, BiPredicate<String, String> open) {
    StreamRecovery rule = StreamRecovery.at(ctx.now(), idleFor);
    int marked = 0;
    String afterSession = "";
    String after = "";
    while (true) {
      List<StreamState> batch = candidates(rule.cutoff(), afterSession, after);
      for (StreamState c : batch) {
        if (rule.marks(c.status(), c.updatedAt(), open.test(c.sessionId(), c.messageId())) && interrupt(c, rule, open)) {
          marked++;
        }
      }
      if (batch.size() < BATCH) {
        return marked;
      }
      StreamState last = batch.get(batch.size() - 1);
      afterSession = last.sessionId();
      after = last.messageId();
    }
  }

  /** The next batch of unfinished messages idle since {@code cutoff}, after the given one ("" before all). */
  private List<StreamState> candidates(Instant cutoff, String afterSession, String after) {
    return ctx.db().read("looking for abandoned streams",
        h -> ctx.messageTable().unfinished(h, cutoff, afterSession, after, BATCH));
  }

  /** Ends the candidate if the rule still marks it under the lock; false if it ended or was written meanwhile. */
  private boolean interrupt(StreamState c, StreamRecovery rule, BiPredicate<String, String> open) {
    Instant now = ctx.now();
    return ctx.db().inTransaction("recovering stream " + c.messageId(), h -> {
      Unfinished.lockSessions(h.getConnection(), List.of(c.sessionId())); // first, as every end of a stream does
      Optional<StreamState> locked = ctx.messageTable().lock(h, c.sessionId(), c.messageId());
      if (locked.isEmpty()
          || !rule.marks(locked.get().status(), locked.get().updatedAt(), open.test(c.sessionId(), c.messageId()))) {
        return false;
      }
      GroupEnd.Item item = GroupEnd.Item.abandoned(c.sessionId(), c.messageId(), MessageStatus.INTERRUPTED,
          Optional.empty());
      GroupEnd.only(end.run(h.getConnection(), List.of(item), now, false));
      return true;
    });
  }
}
