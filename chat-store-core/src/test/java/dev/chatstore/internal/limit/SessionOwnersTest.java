package dev.chatstore.internal.limit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.chatstore.ChatSession;
import dev.chatstore.ForwardingSessionStore;
import dev.chatstore.NewSession;
import dev.chatstore.SessionStore;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class SessionOwnersTest {
  private final AtomicInteger lookups = new AtomicInteger();
  private final SessionStore store = new ForwardingSessionStore(SessionStore.inMemory()) {
    @Override
    public Optional<ChatSession> findSession(String sessionId) {
      lookups.incrementAndGet();
      return super.findSession(sessionId);
    }
  };
  private final SessionOwners owners = new SessionOwners(store, 8);

  @Test
  void aSessionIsLookedUpOnceThenRemembered() {
    String id = store.createSession(NewSession.forOwner("alice").build()).id();
    assertThat(owners.of(id)).contains("alice");
    assertThat(owners.of(id)).contains("alice");
    assertThat(lookups).hasValue(1);
    owners.forget(id);
    assertThat(owners.of(id)).contains("alice");
    assertThat(lookups).hasValue(2);
  }

  @Test
  void anUnknownSessionIsNotRememberedAndANullIdIsNotLookedUp() {
    assertThat(owners.of("0190f1f2-0000-7000-8000-000000000000")).isEmpty();
    assertThat(owners.of("0190f1f2-0000-7000-8000-000000000000")).isEmpty();
    assertThat(lookups).hasValue(2);
    assertThat(owners.of(null)).isEmpty();
    assertThat(lookups).hasValue(2);
  }

  @Test
  void itRemembersABoundedNumberOfSessions() {
    List<String> ids = new ArrayList<>();
    for (int i = 0; i < 100; i++) {
      ids.add(store.createSession(NewSession.forOwner("owner-" + i).build()).id());
    }
    ids.forEach(owners::of);
    assertThat(lookups).hasValue(100);
    for (int i = 0; i < 100; i++) {
      assertThat(owners.of(ids.get(i))).contains("owner-" + i);
    }
    assertThat(lookups.get()).isGreaterThan(190); // at most 8 of the 100 could still be remembered
  }
}
