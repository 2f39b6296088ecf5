package dev.chatstore;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Message ids exist before anything is written, sort by creation, and hostile ids are refused. */
class IdsAndInputTest {
  @Test
  void newMessagesHaveTimeOrderedIdsBeforeAnythingIsStored() {
    List<String> ids = new ArrayList<>();
    for (int i = 0; i < 10_000; i++) {
      ids.add(NewMessage.user("m" + i).id());
    }
    assertThat(ids).doesNotHaveDuplicates().isSorted();
    assertThat(StreamOptions.assistant().messageId()).isEmpty(); // made at open, one per stream
  }

  @ParameterizedTest
  @ValueSource(strings = {"../../etc", "a/b", "/abs", "..", ".hidden", "a\u0000b", "CON", "nul.txt", "", "a b"})
  void hostileIdsAreRefusedWithTheFieldNamed(String id) {
    assertThatThrownBy(() -> NewSession.forOwner("o").id(id))
        .isInstanceOfSatisfying(InvalidInputException.class, e -> assertThat(e.field()).isEqualTo("id"));
  }

  @Test
  void appendedMessagesMustBeFinalAndRolesCarryTheRightParts() {
    assertThatThrownBy(() -> NewMessage.builder(Role.ASSISTANT).status(MessageStatus.STREAMING).build())
        .isInstanceOfSatisfying(InvalidInputException.class, e -> assertThat(e.field()).isEqualTo("status"));
    assertThatThrownBy(() -> NewMessage.builder(Role.USER).toolCall(new ToolCall("c", "t", "{}")).build())
        .isInstanceOfSatisfying(InvalidInputException.class, e -> assertThat(e.field()).isEqualTo("toolCalls"));
    assertThatThrownBy(() -> NewMessage.builder(Role.TOOL).build())
        .isInstanceOfSatisfying(InvalidInputException.class, e -> assertThat(e.field()).isEqualTo("toolResults"));
  }

  @Test
  void pageCursorsOfOneKindAreRefusedByAnother() {
    Page<Message> none = Page.empty();
    assertThat(none.hasNext()).isFalse();
    assertThatThrownBy(() -> MessageQuery.from("not-a-cursor", 10))
        .isInstanceOfSatisfying(InvalidInputException.class, e -> assertThat(e.field()).isEqualTo("cursor"));
    assertThatThrownBy(() -> MessageQuery.latest(0)).isInstanceOf(InvalidInputException.class);
    assertThatThrownBy(() -> MessageQuery.latest(MessageQuery.MAX_LIMIT + 1)).isInstanceOf(InvalidInputException.class);
  }
}
