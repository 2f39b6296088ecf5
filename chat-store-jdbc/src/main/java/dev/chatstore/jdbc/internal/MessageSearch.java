package dev.chatstore.jdbc.internal;

import dev.chatstore.Message;
import dev.chatstore.Page;
import dev.chatstore.PageRequest;
import dev.chatstore.SessionQuery;
import dev.chatstore.spi.Checks;
import dev.chatstore.spi.SearchKeyset;
import java.util.List;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.statement.Query;

/**
 * Finds messages containing a text, ignoring case, across one owner's sessions that are not deleted,
 * newest first (by message id, which is time-ordered), a keyset page at a time. It reads the
 * messages of that owner's sessions only (through the owner index and each session's primary key),
 * and text streamed but not yet folded counts too. Thread-safe.
 */
public final class MessageSearch {
  private final StoreContext ctx;

  public MessageSearch(StoreContext ctx) {
    this.ctx = ctx;
  }

  public Page<Message> search(String ownerId, String text, PageRequest page) {
    Checks.ownerId(ownerId, "ownerId");
    Checks.notBlank(text, "text", SessionQuery.MAX_TEXT_LENGTH);
    Checks.notNull(page, "page");
    SearchKeyset keyset = SearchKeyset.of(page); // a bad cursor fails before any work
    boolean newestFirst = keyset.fetchesNewestFirst();
    String owner = ctx.text().text(ownerId);
    LikePattern pattern = LikePattern.of(text, ctx.text());
    return ctx.db().read("searching messages", h -> {
      String dir = newestFirst ? "DESC" : "ASC";
      String sql = "SELECT " + ctx.rows().messageColumns("m") + " FROM " + from(pattern)
          + keyset.cursor().map(id -> " AND m.id " + (newestFirst ? "<" : ">") + " :id").orElse("")
          + " ORDER BY m.id " + dir + ", m.session_id " + dir + " LIMIT :limit";
      Query q = h.createQuery(sql).bind("owner", owner).bind("pattern", pattern.value()).bind("limit", keyset.fetchLimit());
      keyset.cursor().ifPresent(id -> q.bind("id", id));
      List<Message> fetched = q.map((rs, c) -> ctx.rows().message(rs)).list();
      return keyset.page(fetched, Message::id, (item, newer) -> exists(h, owner, pattern, item.id(), newer));
    });
  }

  /** Whether a hit lies past {@code id}: newer (a greater id) or older. */
  private boolean exists(Handle h, String owner, LikePattern pattern, String id, boolean newer) {
    return h.createQuery("SELECT 1 FROM " + from(pattern) + " AND m.id " + (newer ? ">" : "<") + " :id LIMIT 1")
        .bind("owner", owner)
        .bind("pattern", pattern.value())
        .bind("id", id)
        .mapTo(Integer.class)
        .findFirst()
        .isPresent();
  }

  private String from(LikePattern pattern) {
    Dialect d = ctx.dialect();
    return "chatstore_messages m JOIN chatstore_sessions s ON s.id = m.session_id"
        + " WHERE s.owner_id = :owner AND s.deleted_at IS NULL AND "
        + d.containsIgnoringCase(d.fullContent("m"), ":pattern", pattern.folded());
  }
}
