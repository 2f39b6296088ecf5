package dev.chatstore.jdbc.internal;

import dev.chatstore.Page;
import dev.chatstore.SessionQuery;
import dev.chatstore.SessionSummary;
import dev.chatstore.spi.Checks;
import dev.chatstore.spi.SessionKeyset;
import java.util.List;
import java.util.Optional;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.statement.Query;

/**
 * Lists an owner's sessions as summaries, a keyset page at a time on (updated_at, id), from the
 * session rows alone: count and preview live there. Only the text filter looks at messages, and only
 * at those of the owner's sessions. Thread-safe.
 */
public final class SessionLister {
  private final StoreContext ctx;

  public SessionLister(StoreContext ctx) {
    this.ctx = ctx;
  }

  public Page<SessionSummary> list(SessionQuery query) {
    Checks.notNull(query, "query");
    SessionKeyset keyset = SessionKeyset.of(query); // a bad cursor fails before any work
    boolean descending = keyset.fetchesNewestFirst();
    Optional<LikePattern> pattern = query.text().map(t -> LikePattern.of(t, ctx.text()));
    String filters = filters(query, pattern);
    return ctx.db().read("listing sessions", h -> {
      String sql = "SELECT " + Rows.SUMMARY_COLUMNS + " FROM " + table(query) + " WHERE " + filters
          + keyset.cursor().map(k -> " AND " + beyond(descending)).orElse("")
          + " ORDER BY " + order(query, descending) + " LIMIT :limit";
      Query q = bindFilters(h.createQuery(sql), query, pattern).bind("limit", keyset.fetchLimit());
      keyset.cursor().ifPresent(k -> q.bind("at", Db.at(k.updatedAt())).bind("id", k.id()));
      List<SessionSummary> fetched = q.map((rs, c) -> ctx.rows().summary(rs)).list();
      return keyset.page(fetched, s -> new SessionKeyset.Key(s.updatedAt(), s.id()),
          (item, newer) -> exists(h, query, pattern, filters, item, !newer));
    });
  }

  /** Whether a listed row lies past {@code item}: below it in (updated_at, id) order if {@code descending}. */
  private boolean exists(Handle h, SessionQuery query, Optional<LikePattern> pattern, String filters,
      SessionSummary item, boolean descending) {
    String sql = "SELECT 1 FROM " + table(query) + " WHERE " + filters + " AND " + beyond(descending) + " LIMIT 1";
    return bindFilters(h.createQuery(sql), query, pattern)
        .bind("at", Db.at(item.updatedAt()))
        .bind("id", item.id())
        .mapTo(Integer.class)
        .findFirst()
        .isPresent();
  }

  private String filters(SessionQuery query, Optional<LikePattern> pattern) {
    StringBuilder where = new StringBuilder("owner_id = :owner");
    query.projectId().ifPresent(p -> where.append(" AND project_id = :project"));
    if (!query.includeDeleted()) {
      where.append(" AND deleted_at IS NULL");
    }
    pattern.ifPresent(p -> {
      Dialect d = ctx.dialect();
      where.append(" AND (").append(d.containsIgnoringCase("s.title", ":pattern", p.folded()))
          .append(" OR EXISTS (SELECT 1 FROM chatstore_messages m WHERE m.session_id = s.id AND ")
          .append(d.containsIgnoringCase(d.fullContent("m"), ":pattern", p.folded())).append("))");
    });
    return where.toString();
  }

  private Query bindFilters(Query q, SessionQuery query, Optional<LikePattern> pattern) {
    TextCodec text = ctx.text();
    q.bind("owner", text.text(query.ownerId()));
    query.projectId().ifPresent(p -> q.bind("project", text.text(p)));
    pattern.ifPresent(p -> q.bind("pattern", p.value()));
    return q;
  }

  private String table(SessionQuery query) {
    return query.projectId().isPresent() ? ctx.dialect().sessionsByProject() : "chatstore_sessions s";
  }

  /**
   * Rows past (:at, :id) going down (descending) or up the (updated_at, id) order. The first term is
   * a plain range on updated_at, so the index is entered at the position instead of scanned up to it.
   */
  private static String beyond(boolean descending) {
    String op = descending ? "<" : ">";
    return "updated_at " + op + "= :at AND (updated_at " + op + " :at OR id " + op + " :id)";
  }

  /**
   * The order of travel. It starts with the filtered column of the index to use (owner, or project
   * when filtered by project), fixed by the filter: that is how H2 sees the index gives the order and
   * stops after one page instead of sorting all the owner's sessions.
   */
  private static String order(SessionQuery query, boolean descending) {
    String dir = descending ? " DESC" : " ASC";
    String lead = query.projectId().isPresent() ? "project_id" : "owner_id";
    return lead + dir + ", updated_at" + dir + ", id" + dir;
  }
}
