package dev.chatstore.jdbc.internal;

import dev.chatstore.Message;
import dev.chatstore.Page;
import dev.chatstore.PageRequest;
import dev.chatstore.SessionQuery;
import dev.chatstore.spi.Checks;
import dev.chatstore.spi.SearchKeyset;
import dev.chatstore.spi.TextMatch;
import java.util.List;

/**
 * Finds messages containing a text, ignoring case, across one owner's sessions that are not deleted,
 * newest first (by message id, which is time-ordered), a keyset page at a time: {@link SearchKeyset}
 * pages, the messages table fetches and answers its probe. Text streamed but not yet folded counts
 * too. A store that seals values cannot match in SQL: {@link SealedSearch} scans instead. Thread-safe.
 */
final class MessageSearch {
  private final JdbcContext ctx;
  private final SealedSearch sealed;

  MessageSearch(JdbcContext ctx) {
    this.ctx = ctx;
    this.sealed = new SealedSearch(ctx.messageTable());
  }

  Page<Message> search(String ownerId, String text, PageRequest page) {
    Checks.ownerId(ownerId, "ownerId");
    Checks.notBlank(text, "text", SessionQuery.MAX_TEXT_LENGTH);
    Checks.notNull(page, "page");
    SearchKeyset keyset = SearchKeyset.of(page); // a bad cursor fails before any work
    if (ctx.sealer().encrypts()) {
      TextMatch match = TextMatch.of(text);
      return ctx.db().read("searching messages", h -> sealed.search(h, ownerId, match, keyset));
    }
    LikePattern pattern = LikePattern.of(text, ctx.text());
    MessageTable table = ctx.messageTable();
    return ctx.db().read("searching messages", h -> {
      List<Message> fetched = table.search(h, ownerId, pattern, keyset.cursor(), keyset.fetchesNewestFirst(),
          keyset.fetchLimit());
      return keyset.page(fetched, Message::id, (item, newer) -> table.anyHit(h, ownerId, pattern, item.id(), newer));
    });
  }
}
