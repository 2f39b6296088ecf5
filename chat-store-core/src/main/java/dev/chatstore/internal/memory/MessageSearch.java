package dev.chatstore.internal.memory;

import dev.chatstore.Message;
import dev.chatstore.Page;
import dev.chatstore.PageRequest;
import dev.chatstore.spi.Cursors;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/** Orders and pages search hits: newest first by message id (time-ordered), keyset cursors on the id. */
final class MessageSearch {
  private static final Comparator<Message> NEWEST_FIRST =
      Comparator.comparing(Message::id).thenComparing(Message::sessionId).reversed();

  private MessageSearch() {}

  static Page<Message> page(List<Message> hits, PageRequest request) {
    Optional<Cursors.SearchPosition> position = request.cursor().map(Cursors::search);
    List<Message> sorted = new ArrayList<>(hits);
    sorted.sort(NEWEST_FIRST);
    int from;
    int to;
    if (position.isEmpty()) {
      from = 0;
      to = Math.min(sorted.size(), request.limit());
    } else if (position.get().forward()) {
      String after = position.get().messageId();
      from = 0;
      while (from < sorted.size() && sorted.get(from).id().compareTo(after) >= 0) {
        from++;
      }
      to = Math.min(sorted.size(), from + request.limit());
    } else {
      String before = position.get().messageId();
      to = 0;
      while (to < sorted.size() && sorted.get(to).id().compareTo(before) > 0) {
        to++;
      }
      from = Math.max(0, to - request.limit());
    }
    if (from >= to) {
      return Page.empty();
    }
    List<Message> items = sorted.subList(from, to);
    return new Page<>(items,
        from > 0 ? Optional.of(Cursors.search(false, items.get(0).id())) : Optional.empty(),
        to < sorted.size() ? Optional.of(Cursors.search(true, items.get(items.size() - 1).id())) : Optional.empty());
  }
}
