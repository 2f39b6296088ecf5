package dev.chatstore.active;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.chatstore.ConflictException;
import dev.chatstore.InvalidInputException;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class ActiveChatsTest {
  private static final ToolSpec WEATHER = new ToolSpec("get_weather", "Current weather for a city",
      "{\"type\":\"object\",\"properties\":{\"city\":{\"type\":\"string\"}},\"required\":[\"city\"]}");
  private static final ToolSpec CLOCK = ToolSpec.withoutArguments("clock", "The time now");

  private final ActiveChats chats = new ActiveChats();
  private final List<ActiveChatEvent> heard = new ArrayList<>();

  ActiveChatsTest() {
    chats.addListener(heard::add);
  }

  @Test
  void openedChatsAreReadableByKeyInOpeningOrder() {
    ActiveChat a = chats.open(ChatKey.session("s-1"));
    ActiveChat draft = chats.openDraft();
    assertThat(chats.get(ChatKey.session("s-1"))).isEqualTo(a);
    assertThat(chats.find(draft.key())).contains(draft);
    assertThat(chats.all()).extracting(ActiveChat::key).containsExactly(a.key(), draft.key());
    assertThat(draft.key().isDraft()).isTrue();
    assertThat(heard).containsExactly(new ActiveChatEvent.Opened(a), new ActiveChatEvent.Opened(draft));
  }

  @Test
  void openingTwiceReturnsTheOpenChatSilently() {
    ChatKey key = ChatKey.session("s-1");
    chats.open(key);
    chats.attachTool(key, CLOCK);
    assertThat(chats.open(key).tools()).containsExactly(CLOCK);
    assertThat(heard).hasSize(2);
  }

  @Test
  void toolsAndContextAreAttachedReplacedAndRemoved() {
    ChatKey key = chats.open(ChatKey.session("s-1")).key();
    chats.attachTool(key, WEATHER);
    chats.attachTool(key, CLOCK);
    ToolSpec weather2 = new ToolSpec("get_weather", "Weather, v2", "{\"type\":\"object\"}");
    chats.attachTool(key, weather2);
    chats.addContext(key, new ContextItem("f1", "file", "README contents"));
    chats.addContext(key, new ContextItem("n1", "note", "be brief"));
    chats.addContext(key, new ContextItem("f1", "file", "README v2"));
    ActiveChat chat = chats.get(key);
    assertThat(chat.tools()).containsExactly(weather2, CLOCK);
    assertThat(chat.tool("clock")).contains(CLOCK);
    assertThat(chat.context()).extracting(ContextItem::content).containsExactly("README v2", "be brief");

    chats.detachTool(key, "get_weather");
    chats.removeContext(key, "n1");
    assertThat(chats.get(key).tools()).containsExactly(CLOCK);
    assertThat(chats.get(key).contextItem("n1")).isEmpty();
    assertThat(heard).hasSize(1 + 8);
    assertThat(heard.get(3)).isInstanceOfSatisfying(ActiveChatEvent.Changed.class, c -> {
      assertThat(c.before().tool("get_weather")).contains(WEATHER);
      assertThat(c.after().tool("get_weather")).contains(weather2);
    });
  }

  @Test
  void aChangeThatChangesNothingIsNotHeard() {
    ChatKey key = chats.open(ChatKey.session("s-1")).key();
    chats.detachTool(key, "absent");
    chats.removeContext(key, "absent");
    assertThat(heard).hasSize(1);
  }

  @Test
  void closingReturnsWhatTheChatHeldAndForgetsIt() {
    ChatKey key = chats.open(ChatKey.session("s-1")).key();
    chats.attachTool(key, CLOCK);
    assertThat(chats.close(key)).hasValueSatisfying(c -> assertThat(c.tools()).containsExactly(CLOCK));
    assertThat(chats.isOpen(key)).isFalse();
    assertThat(chats.close(key)).isEmpty();
    assertThat(heard.get(heard.size() - 1)).isInstanceOf(ActiveChatEvent.Closed.class);
    assertThatThrownBy(() -> chats.get(key)).isInstanceOf(ChatNotOpenException.class).hasMessageContaining("s-1");
    assertThatThrownBy(() -> chats.attachTool(key, CLOCK)).isInstanceOf(ChatNotOpenException.class);
  }

  @Test
  void aDraftIsPromotedKeepingToolsContextAndPlace() {
    chats.open(ChatKey.session("s-0"));
    ChatKey draft = chats.openDraft().key();
    chats.open(ChatKey.session("s-2"));
    chats.attachTool(draft, WEATHER);
    chats.addContext(draft, new ContextItem("f1", "file", "x"));

    ActiveChat promoted = chats.promote(draft, "s-1");

    assertThat(promoted.key()).isEqualTo(ChatKey.session("s-1"));
    assertThat(promoted.tools()).containsExactly(WEATHER);
    assertThat(promoted.context()).extracting(ContextItem::id).containsExactly("f1");
    assertThat(chats.isOpen(draft)).isFalse();
    assertThat(chats.all()).extracting(c -> c.key().id()).containsExactly("s-0", "s-1", "s-2");
    assertThat(heard.get(heard.size() - 1)).isEqualTo(new ActiveChatEvent.Promoted(draft, promoted));
  }

  @Test
  void promotionIsRefusedWhenItCannotHappen() {
    ChatKey draft = chats.openDraft().key();
    chats.open(ChatKey.session("s-1"));
    assertThatThrownBy(() -> chats.promote(draft, "s-1")).isInstanceOfSatisfying(ConflictException.class,
        e -> assertThat(e.reason()).isEqualTo(ConflictException.Reason.ALREADY_EXISTS));
    assertThatThrownBy(() -> chats.promote(ChatKey.session("s-1"), "s-9")).isInstanceOf(InvalidInputException.class);
    assertThatThrownBy(() -> chats.promote(ChatKey.newDraft(), "s-9")).isInstanceOf(ChatNotOpenException.class);
    assertThatThrownBy(() -> chats.promote(draft, "../etc")).isInstanceOf(InvalidInputException.class);
    assertThat(chats.isOpen(draft)).isTrue();
  }

  @Test
  void toolSchemasMustBeJsonSchemas() {
    assertThatThrownBy(() -> new ToolSpec("t", "d", "{not json")).isInstanceOfSatisfying(InvalidInputException.class,
        e -> assertThat(e.field()).isEqualTo("tool.schemaJson"));
    assertThatThrownBy(() -> new ToolSpec("t", "d", "[1,2]")).isInstanceOfSatisfying(InvalidInputException.class,
        e -> assertThat(e.reason()).contains("object or a boolean"));
    assertThatThrownBy(() -> new ToolSpec("t", "d", "{\"a\":1,\"a\":2}")).isInstanceOf(InvalidInputException.class);
    assertThatThrownBy(() -> new ToolSpec(" ", "d", "{}")).isInstanceOf(InvalidInputException.class);
    assertThatThrownBy(() -> new ToolSpec("t", null, "{}")).isInstanceOf(InvalidInputException.class);
    assertThat(new ToolSpec("t", "d", "true").schemaJson()).isEqualTo("true");
    assertThat(new ToolSpec("t", "d", "{ \"type\" : \"object\", \"additionalProperties\" : false }").schemaJson())
        .isEqualTo("{\"additionalProperties\":false,\"type\":\"object\"}");
  }

  @Test
  void limitsAreEnforced() {
    ChatKey key = chats.open(ChatKey.session("s-1")).key();
    for (int i = 0; i < ActiveChat.MAX_TOOLS; i++) {
      chats.attachTool(key, ToolSpec.withoutArguments("t" + i, ""));
    }
    assertThatThrownBy(() -> chats.attachTool(key, CLOCK)).isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("256");
    assertThat(chats.get(key).tools()).hasSize(ActiveChat.MAX_TOOLS);
  }

  @Test
  void updateMayNotChangeTheKey() {
    ChatKey key = chats.open(ChatKey.session("s-1")).key();
    assertThatThrownBy(() -> chats.update(key, c -> c.withKey(ChatKey.session("s-2"))))
        .isInstanceOf(InvalidInputException.class);
  }

  @Test
  void aFailingListenerDoesNotStopOthers() {
    List<ActiveChatEvent> second = new ArrayList<>();
    ActiveChats fresh = new ActiveChats();
    fresh.addListener(e -> {
      throw new IllegalStateException("boom");
    });
    fresh.addListener(second::add);
    fresh.openDraft();
    assertThat(second).hasSize(1);
  }

  @Test
  void aClosedSubscriptionHearsNothingMore() {
    List<ActiveChatEvent> local = new ArrayList<>();
    Subscription sub = chats.addListener(local::add);
    chats.openDraft();
    sub.close();
    sub.close();
    chats.openDraft();
    assertThat(local).hasSize(1);
  }

  @Test
  void aListenerMayChangeTheChatsAndItsChangeIsHeardAfterward() {
    ActiveChats fresh = new ActiveChats();
    List<String> order = new ArrayList<>();
    fresh.addListener(e -> {
      order.add(e.getClass().getSimpleName());
      if (e instanceof ActiveChatEvent.Opened o) {
        fresh.attachTool(o.chat().key(), CLOCK); // re-entrant write from inside a callback
        order.add("attached");
      }
    });
    ChatKey key = fresh.openDraft().key();
    assertThat(order).containsExactly("Opened", "attached", "Changed");
    assertThat(fresh.get(key).tools()).containsExactly(CLOCK);
  }
}
