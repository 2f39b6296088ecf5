package dev.chatstore.file.internal;

import dev.chatstore.CorruptDataException;
import dev.chatstore.Message;
import dev.chatstore.Page;
import dev.chatstore.PageRequest;
import dev.chatstore.SessionNotFoundException;
import dev.chatstore.SessionOrder;
import dev.chatstore.SessionQuery;
import dev.chatstore.SessionSummary;
import dev.chatstore.spi.Checks;
import dev.chatstore.spi.Cursors;
import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.PriorityQueue;
import java.util.function.Predicate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Listing sessions from the in-memory summaries (no session file is opened unless a text filter
 * must look at messages) and searching messages, which reads the owner's session files. A session
 * whose file is corrupt is left out, with a warning. Thread-safe.
 */
final class Listing {
  static final Comparator<Summary> OLDEST_FIRST = (a, b) -> {
    int byTime = a.updatedAt().compareTo(b.updatedAt());
    return byTime != 0 ? byTime : a.id().compareTo(b.id());
  };
  static final Comparator<Summary> RECENT_FIRST = (a, b) -> OLDEST_FIRST.compare(b, a);
  /** Messages read at a time while scanning a session, to bound memory. */
  private static final int SCAN_CHUNK = 256;
  private static final Logger LOG = LoggerFactory.getLogger(Listing.class);

  private final StoreContext ctx;
  private volatile Sorted sorted = new Sorted(-1, List.of());

  /** Every readable summary, oldest first, as of a generation of the session registry. */
  private record Sorted(long generation, List<Summary> summaries) {}

  Listing(StoreContext ctx) {
    this.ctx = ctx;
  }

  /** All summaries oldest first, sorted again only when a summary changed since the last listing. */
  private List<Summary> sortedSummaries() {
    Sorted current = sorted;
    long generation = ctx.sessions.generation();
    if (current.generation() != generation) {
      List<Summary> all = new ArrayList<>();
      for (SessionHandle handle : ctx.sessions.all()) {
        handle.summary().ifPresent(all::add);
      }
      all.sort(OLDEST_FIRST);
      current = new Sorted(generation, all);
      sorted = current;
    }
    return current.summaries();
  }

  Page<SessionSummary> list(SessionQuery query) {
    Checks.notNull(query, "query");
    Optional<Cursors.SessionPosition> cursor = query.cursor().map(Cursors::session);
    Comparator<Summary> order = query.order() == SessionOrder.RECENTLY_UPDATED ? RECENT_FIRST : OLDEST_FIRST;
    List<Summary> all = sortedSummaries();
    List<Summary> candidates = new ArrayList<>();
    boolean recentFirst = query.order() == SessionOrder.RECENTLY_UPDATED;
    for (int i = 0; i < all.size(); i++) {
      Summary s = all.get(recentFirst ? all.size() - 1 - i : i);
      if (s.owner().equals(query.ownerId())
          && (query.projectId().isEmpty() || query.projectId().equals(s.project()))
          && (query.includeDeleted() || !s.isDeleted())) {
        candidates.add(s);
      }
    }
    int boundary = 0;
    boolean forward = true;
    if (cursor.isPresent()) {
      Summary key = new Summary(cursor.get().id(), "", Optional.empty(), "", Instant.EPOCH,
          cursor.get().updatedAt(), 0, "", Optional.empty(), 0, 0);
      forward = cursor.get().forward();
      // forward: the first item strictly after the cursor; backward: the first at or after it
      boundary = forward ? upperBound(candidates, key, order) : lowerBound(candidates, key, order);
    }
    Predicate<Summary> matches = query.text().map(t -> textMatch(t)).orElse(s -> true);
    Keyset.Window<Summary> window = Keyset.page(candidates, boundary, forward, query.limit(), matches);
    List<SessionSummary> items = window.items().stream().map(Summary::toApi).toList();
    if (items.isEmpty()) {
      return Page.empty();
    }
    Summary first = window.items().get(0);
    Summary last = window.items().get(items.size() - 1);
    return new Page<>(items,
        window.moreBefore() ? Optional.of(Cursors.session(false, first.updatedAt(), first.id())) : Optional.empty(),
        window.moreAfter() ? Optional.of(Cursors.session(true, last.updatedAt(), last.id())) : Optional.empty());
  }

  private static int upperBound(List<Summary> sorted, Summary key, Comparator<Summary> order) {
    int lo = 0;
    int hi = sorted.size();
    while (lo < hi) {
      int mid = (lo + hi) >>> 1;
      if (order.compare(sorted.get(mid), key) <= 0) {
        lo = mid + 1;
      } else {
        hi = mid;
      }
    }
    return lo;
  }

  private static int lowerBound(List<Summary> sorted, Summary key, Comparator<Summary> order) {
    int lo = 0;
    int hi = sorted.size();
    while (lo < hi) {
      int mid = (lo + hi) >>> 1;
      if (order.compare(sorted.get(mid), key) < 0) {
        lo = mid + 1;
      } else {
        hi = mid;
      }
    }
    return lo;
  }

  /** Title or any message content contains {@code text}, ignoring case; memoized per listing. */
  private Predicate<Summary> textMatch(String text) {
    String needle = fold(text);
    Map<String, Boolean> seen = new HashMap<>();
    return s -> seen.computeIfAbsent(s.id(), id -> fold(s.title()).contains(needle)
        || anyMessage(s.id(), m -> fold(m.content()).contains(needle)));
  }

  private boolean anyMessage(String sessionId, Predicate<Message> test) {
    boolean[] found = {false};
    scan(sessionId, false, m -> {
      found[0] = test.test(m);
      return !found[0];
    });
    return found[0];
  }

  /**
   * Hands the session's messages, in seq order, to {@code visitor} until it returns false. Skips a
   * session that is gone, corrupt, or (with {@code skipDeleted}) deleted.
   */
  private void scan(String sessionId, boolean skipDeleted, Predicate<Message> visitor) {
    Optional<SessionHandle> handle = ctx.sessions.find(sessionId);
    if (handle.isEmpty()) {
      return;
    }
    try {
      ctx.sessions.with(handle.get(), (h, s) -> {
        if (skipDeleted && s.deletedAt.isPresent()) {
          return null;
        }
        for (int from = 0; from < s.slots.size(); from += SCAN_CHUNK) {
          List<MessageSlot> chunk = s.slots.subList(from, Math.min(s.slots.size(), from + SCAN_CHUNK));
          for (Message m : ctx.read(h, s, new ArrayList<>(chunk))) {
            if (!visitor.test(m)) {
              return null;
            }
          }
        }
        return null;
      });
    } catch (SessionNotFoundException e) {
      // purged meanwhile: nothing to see
    } catch (CorruptDataException e) {
      LOG.warn("leaving out session {}: {}", sessionId, e.getMessage());
    } catch (IOException e) {
      throw Durable.unavailable("reading", handle.get().file(), e);
    }
  }

  static String fold(String text) {
    return text.toLowerCase(Locale.ROOT);
  }

  /** Messages of the owner's sessions that are not deleted containing {@code text}, newest (by id) first. */
  Page<Message> search(String ownerId, String text, PageRequest page) {
    Checks.ownerId(ownerId, "ownerId");
    Checks.notBlank(text, "text", SessionQuery.MAX_TEXT_LENGTH);
    Checks.notNull(page, "page");
    Optional<Cursors.SearchPosition> cursor = page.cursor().map(Cursors::search);
    boolean forward = cursor.map(Cursors.SearchPosition::forward).orElse(true);
    String needle = fold(text);
    Comparator<Message> newestFirst = Comparator.comparing(Message::id).thenComparing(Message::sessionId).reversed();
    // Keep only the limit + 1 hits nearest the cursor on the side being read, whatever the total.
    Comparator<Message> nearestLast = forward ? newestFirst.reversed() : newestFirst;
    PriorityQueue<Message> nearest = new PriorityQueue<>(nearestLast);
    boolean[] otherSide = {false};
    for (SessionHandle handle : List.copyOf(ctx.sessions.all())) {
      Optional<Summary> summary = handle.summary();
      if (summary.isEmpty() || !summary.get().owner().equals(ownerId) || summary.get().isDeleted()) {
        continue;
      }
      scan(handle.id, true, m -> {
        if (!fold(m.content()).contains(needle)) {
          return true;
        }
        boolean onPageSide = cursor.isEmpty()
            || (forward ? m.id().compareTo(cursor.get().messageId()) < 0 : m.id().compareTo(cursor.get().messageId()) > 0);
        if (!onPageSide) {
          otherSide[0] = true;
          return true;
        }
        nearest.add(m);
        if (nearest.size() > page.limit() + 1) {
          nearest.poll();
        }
        return true;
      });
    }
    List<Message> hits = new ArrayList<>(nearest);
    hits.sort(newestFirst);
    boolean more = hits.size() > page.limit();
    if (more) {
      hits = forward ? hits.subList(0, page.limit()) : hits.subList(1, hits.size());
    }
    if (hits.isEmpty()) {
      return Page.empty();
    }
    boolean before = forward ? otherSide[0] : more;
    boolean after = forward ? more : otherSide[0];
    return new Page<>(List.copyOf(hits),
        before ? Optional.of(Cursors.search(false, hits.get(0).id())) : Optional.empty(),
        after ? Optional.of(Cursors.search(true, hits.get(hits.size() - 1).id())) : Optional.empty());
  }
}
