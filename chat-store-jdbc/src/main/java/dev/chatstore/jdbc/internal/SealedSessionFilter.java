package dev.chatstore.jdbc.internal;

import dev.chatstore.Page;
import dev.chatstore.SessionOrder;
import dev.chatstore.SessionQuery;
import dev.chatstore.SessionSummary;
import dev.chatstore.spi.Cursors;
import dev.chatstore.spi.SessionKeyset;
import dev.chatstore.spi.TextMatch;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import org.jdbi.v3.core.Handle;

/**
 * A session list's text filter on a store that seals values: the listed sessions are read in the list's
 * keyset order without the filter, and each is matched in Java by {@link TextMatch}, on its title and
 * then on its messages' text (as the SQL filter matches), a batch of messages at a time, stopping at the
 * first match. A call reads at most about {@link SealedSearch#MAX_SCANNED} rows (sessions and messages);
 * it always decides the session it is at, so every call moves on. When the bound stops it before the
 * page is full, the page holds what matched so far and a cursor continuing after the last session read.
 * Thread-safe.
 */
final class SealedSessionFilter {
  private static final int SESSION_BATCH = 50;
  private static final int MESSAGE_BATCH = 200;

  private final SessionTable sessions;
  private final MessageTable messages;

  SealedSessionFilter(SessionTable sessions, MessageTable messages) {
    this.sessions = sessions;
    this.messages = messages;
  }

  Page<SessionSummary> list(Handle h, SessionQuery query, SessionKeyset keyset, TextMatch match) {
    SessionTable.Listing unfiltered = new SessionTable.Listing(query, Optional.empty());
    boolean descending = keyset.fetchesNewestFirst();
    Scan scan = scan(h, unfiltered, match, keyset.cursor(), descending, keyset.fetchLimit());
    if (scan.hits.size() >= keyset.fetchLimit() || scan.exhausted) {
      return keyset.page(scan.hits, SealedSessionFilter::key,
          (item, newer) -> scan(h, unfiltered, match, Optional.of(key(item)), !newer, 1).any());
    }
    // stopped by the bound: what matched, and a cursor on from the last session read
    boolean forward = descending == (query.order() == SessionOrder.RECENTLY_UPDATED);
    List<SessionSummary> items = new ArrayList<>(scan.hits);
    SessionKeyset.Key last = scan.last.orElseThrow();
    Optional<String> onward = Optional.of(Cursors.session(forward, last.updatedAt(), last.id()));
    Optional<String> back = keyset.cursor().map(c -> items.isEmpty() ? c : key(items.get(0)))
        .map(k -> Cursors.session(!forward, k.updatedAt(), k.id()));
    if (!forward) {
      Collections.reverse(items);
      return new Page<>(items, onward, back);
    }
    return new Page<>(items, back, onward);
  }

  private static SessionKeyset.Key key(SessionSummary s) {
    return new SessionKeyset.Key(s.updatedAt(), s.id());
  }

  /** What a scan found: matches in fetch order, the last session read, whether none lies beyond it. */
  private record Scan(List<SessionSummary> hits, Optional<SessionKeyset.Key> last, boolean exhausted) {
    /** True if a match lies that way, or may (the bound stopped the scan first). */
    boolean any() {
      return !hits.isEmpty() || !exhausted;
    }
  }

  private Scan scan(Handle h, SessionTable.Listing listing, TextMatch match, Optional<SessionKeyset.Key> from,
      boolean descending, int wanted) {
    List<SessionSummary> hits = new ArrayList<>();
    Optional<SessionKeyset.Key> at = from;
    int[] scanned = {0};
    while (scanned[0] < SealedSearch.MAX_SCANNED) {
      List<SessionSummary> batch = sessions.list(h, listing, at, descending, SESSION_BATCH);
      for (SessionSummary s : batch) {
        scanned[0]++;
        at = Optional.of(key(s));
        if (matches(h, s, match, scanned)) {
          hits.add(s);
          if (hits.size() >= wanted) {
            return new Scan(hits, at, false);
          }
        }
        if (scanned[0] >= SealedSearch.MAX_SCANNED) {
          return new Scan(hits, at, false);
        }
      }
      if (batch.size() < SESSION_BATCH) {
        return new Scan(hits, at, true);
      }
    }
    return new Scan(hits, at, false);
  }

  /** The session's title or a message's text matches; counts the messages read into {@code scanned}. */
  private boolean matches(Handle h, SessionSummary s, TextMatch match, int[] scanned) {
    if (match.matches(s.title())) {
      return true;
    }
    long from = 1;
    while (true) {
      List<MessageTable.Scanned> batch = messages.scanSession(h, s.id(), from, MESSAGE_BATCH);
      scanned[0] += batch.size();
      for (MessageTable.Scanned row : batch) {
        if (row.message().filter(m -> match.matches(m.content())).isPresent()) {
          return true;
        }
      }
      if (batch.size() < MESSAGE_BATCH) {
        return false;
      }
      from = batch.get(batch.size() - 1).seq() + 1;
    }
  }
}
