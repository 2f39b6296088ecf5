package dev.chatstore.jdbc.internal;

import dev.chatstore.Page;
import dev.chatstore.SessionQuery;
import dev.chatstore.SessionSummary;
import dev.chatstore.spi.Checks;
import dev.chatstore.spi.SessionKeyset;
import dev.chatstore.spi.TextMatch;
import java.util.List;

/**
 * Lists an owner's sessions as summaries, a keyset page at a time on (updated_at, id), from the
 * session rows alone (count and preview live there): {@link SessionKeyset} pages, the sessions
 * table fetches and answers its probe. A text filter on a store that seals values is
 * {@link SealedSessionFilter}'s. Thread-safe.
 */
final class SessionLister {
  private final JdbcContext ctx;
  private final SealedSessionFilter sealed;

  SessionLister(JdbcContext ctx) {
    this.ctx = ctx;
    this.sealed = new SealedSessionFilter(ctx.sessionTable(), ctx.messageTable());
  }

  Page<SessionSummary> list(SessionQuery query) {
    Checks.notNull(query, "query");
    SessionKeyset keyset = SessionKeyset.of(query); // a bad cursor fails before any work
    if (query.text().isPresent() && ctx.sealer().encrypts()) {
      TextMatch match = TextMatch.of(query.text().get());
      return ctx.db().read("listing sessions", h -> sealed.list(h, query, keyset, match));
    }
    SessionTable.Listing listing = new SessionTable.Listing(query, query.text().map(t -> LikePattern.of(t, ctx.text())));
    SessionTable table = ctx.sessionTable();
    return ctx.db().read("listing sessions", h -> {
      List<SessionSummary> fetched = table.list(h, listing, keyset.cursor(), keyset.fetchesNewestFirst(),
          keyset.fetchLimit());
      return keyset.page(fetched, s -> new SessionKeyset.Key(s.updatedAt(), s.id()),
          (item, newer) -> table.anyBeyond(h, listing, new SessionKeyset.Key(item.updatedAt(), item.id()), !newer));
    });
  }
}
