package dev.chatstore.file.internal;

import dev.chatstore.CorruptDataException;
import dev.chatstore.Message;
import dev.chatstore.Page;
import dev.chatstore.PageRequest;
import dev.chatstore.SessionNotFoundException;
import dev.chatstore.SessionQuery;
import dev.chatstore.SessionSummary;
import dev.chatstore.crypto.MissingKeyException;
import dev.chatstore.spi.Checks;
import dev.chatstore.spi.SearchKeyset;
import dev.chatstore.spi.SessionKeyset;
import dev.chatstore.spi.TextMatch;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.PriorityQueue;
import java.util.function.Predicate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Listing sessions from the in-memory summaries (no session file is opened unless a text filter
 * must look at messages) and searching messages, which reads the owner's session files. A session
 * whose file is corrupt, or needs a key the store does not have, is left out, with a warning; a
 * message damaged on its own (a line whose sealed values do not open) is passed over, with a warning.
 * Text is matched in memory against the values as read (opened, on an encrypting store): nothing of it
 * is indexed, so encryption changes what is read by nothing. Thread-safe.
 */
final class Listing {
  /** Ascending (updatedAt, id): the order of the keyset's keys. */
  private static final Comparator<SessionKeyset.Key> KEY_ORDER =
      Comparator.comparing(SessionKeyset.Key::updatedAt).thenComparing(SessionKeyset.Key::id);
  static final Comparator<Summary> OLDEST_FIRST = Comparator.comparing(Listing::key, KEY_ORDER);
  static final Comparator<Summary> RECENT_FIRST = OLDEST_FIRST.reversed();
  /** Messages read at a time while scanning a session, to bound memory. */
  private static final int SCAN_CHUNK = 256;
  private static final Logger LOG = LoggerFactory.getLogger(Listing.class);

  private final FileContext ctx;
  private volatile Sorted sorted = new Sorted(-1, List.of());

  /** Every readable summary, oldest first, as of a generation of the session registry. */
  private record Sorted(long generation, List<Summary> summaries) {}

  Listing(FileContext ctx) {
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
    SessionKeyset keyset = SessionKeyset.of(query); // a bad cursor fails before any work
    List<Summary> all = sortedSummaries();
    Predicate<Summary> listed = listedBy(query);
    // walk the sorted summaries in fetch order from the cursor, testing the (lazy) filter only
    // until the page and its one extra row are found
    int step = keyset.fetchesNewestFirst() ? -1 : 1;
    List<Summary> fetched = new ArrayList<>(Math.min(keyset.fetchLimit(), all.size()));
    for (int i = start(all, keyset); i >= 0 && i < all.size() && fetched.size() < keyset.fetchLimit(); i += step) {
      if (listed.test(all.get(i))) {
        fetched.add(all.get(i));
      }
    }
    Page<Summary> page = keyset.page(fetched, Listing::key,
        (item, newer) -> anyListed(all, indexOf(all, key(item)), newer ? 1 : -1, listed));
    return new Page<>(page.items().stream().map(Summary::toApi).toList(), page.previousCursor(), page.nextCursor());
  }

  /** A summary's place in a list. */
  static SessionKeyset.Key key(Summary s) {
    return new SessionKeyset.Key(s.updatedAt(), s.id());
  }

  /** The query's filters, the cheap ones first; the text filter reads sessions and is memoized. */
  private Predicate<Summary> listedBy(SessionQuery query) {
    Predicate<Summary> text = query.text().map(t -> mentions(TextMatch.of(t))).orElse(s -> true);
    return s -> s.owner().equals(query.ownerId())
        && (query.projectId().isEmpty() || query.projectId().equals(s.project()))
        && (query.includeDeleted() || !s.isDeleted())
        && text.test(s);
  }

  /** Index of the first summary ahead of the keyset's cursor in its fetch order (from either end without one). */
  private static int start(List<Summary> ascending, SessionKeyset keyset) {
    if (keyset.cursor().isEmpty()) {
      return keyset.fetchesNewestFirst() ? ascending.size() - 1 : 0;
    }
    int at = indexOf(ascending, keyset.cursor().get());
    boolean found = at >= 0;
    int insertion = found ? at : -at - 1;
    // ascending: the first after the cursor; descending: the last before it
    return keyset.fetchesNewestFirst() ? insertion - 1 : (found ? at + 1 : insertion);
  }

  /** Whether a listed summary lies past index {@code from} in direction {@code step} (+1: newer). */
  private static boolean anyListed(List<Summary> ascending, int from, int step, Predicate<Summary> listed) {
    for (int i = from + step; i >= 0 && i < ascending.size(); i += step) {
      if (listed.test(ascending.get(i))) {
        return true;
      }
    }
    return false;
  }

  /** {@link java.util.Collections#binarySearch} of a key in the ascending summaries. */
  private static int indexOf(List<Summary> ascending, SessionKeyset.Key key) {
    int lo = 0;
    int hi = ascending.size() - 1;
    while (lo <= hi) {
      int mid = (lo + hi) >>> 1;
      int c = KEY_ORDER.compare(key(ascending.get(mid)), key);
      if (c < 0) {
        lo = mid + 1;
      } else if (c > 0) {
        hi = mid - 1;
      } else {
        return mid;
      }
    }
    return -(lo + 1);
  }

  /** Title or any message content matches {@code text}; memoized per listing. */
  private Predicate<Summary> mentions(TextMatch text) {
    Map<String, Boolean> seen = new HashMap<>();
    return s -> seen.computeIfAbsent(s.id(), id -> text.matches(s.title())
        || anyMessage(s.id(), m -> text.matches(m.content())));
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
          List<MessageSlot> chunk = readable(h, s.slots.subList(from, Math.min(s.slots.size(), from + SCAN_CHUNK)));
          for (Message m : ctx.read(h, s, chunk)) {
            if (!visitor.test(m)) {
              return null;
            }
          }
        }
        return null;
      });
    } catch (SessionNotFoundException e) {
      // purged meanwhile: nothing to see
    } catch (CorruptDataException | MissingKeyException e) {
      LOG.warn("leaving out session {}: {}", sessionId, e.getMessage());
    } catch (IOException e) {
      throw Durable.unavailable("reading", handle.get().file(), e);
    }
  }

  /** The slots of {@code chunk} but damaged ones, which cannot match: passed over (logged), as JDBC does. */
  private static List<MessageSlot> readable(SessionHandle handle, List<MessageSlot> chunk) {
    List<MessageSlot> readable = new ArrayList<>(chunk.size());
    for (MessageSlot slot : chunk) {
      if (slot.isDamaged()) {
        LOG.warn("passing over a message that cannot be read: {}",
            slot.damage().at(handle.file(), slot.id).getMessage());
      } else {
        readable.add(slot);
      }
    }
    return readable;
  }

  /** Messages of the owner's sessions that are not deleted containing {@code text}, newest (by id) first. */
  Page<Message> search(String ownerId, String text, PageRequest page) {
    Checks.ownerId(ownerId, "ownerId");
    Checks.notBlank(text, "text", SessionQuery.MAX_TEXT_LENGTH);
    Checks.notNull(page, "page");
    SearchKeyset keyset = SearchKeyset.of(page); // a bad cursor fails before any work
    TextMatch match = TextMatch.of(text);
    Comparator<Message> newestFirst = Comparator.comparing(Message::id).thenComparing(Message::sessionId).reversed();
    Comparator<Message> fetchOrder = keyset.fetchesNewestFirst() ? newestFirst : newestFirst.reversed();
    // Keep only the fetchLimit hits nearest the cursor on the side being read, whatever the total;
    // the queue's head is the farthest of them. The newest and oldest hit answer the probe.
    PriorityQueue<Message> nearest = new PriorityQueue<>(fetchOrder.reversed());
    String[] newestAndOldest = new String[2];
    for (SessionHandle handle : List.copyOf(ctx.sessions.all())) {
      Optional<Summary> summary = handle.summary();
      if (summary.isEmpty() || !summary.get().owner().equals(ownerId) || summary.get().isDeleted()) {
        continue;
      }
      scan(handle.id, true, m -> {
        if (!match.matches(m.content())) {
          return true;
        }
        if (newestAndOldest[0] == null || m.id().compareTo(newestAndOldest[0]) > 0) {
          newestAndOldest[0] = m.id();
        }
        if (newestAndOldest[1] == null || m.id().compareTo(newestAndOldest[1]) < 0) {
          newestAndOldest[1] = m.id();
        }
        if (keyset.isAhead(m.id())) {
          nearest.add(m);
          if (nearest.size() > keyset.fetchLimit()) {
            nearest.poll();
          }
        }
        return true;
      });
    }
    List<Message> fetched = new ArrayList<>(nearest);
    fetched.sort(fetchOrder);
    return keyset.page(fetched, Message::id, (item, newer) -> newer
        ? newestAndOldest[0].compareTo(item.id()) > 0
        : newestAndOldest[1].compareTo(item.id()) < 0);
  }
}
