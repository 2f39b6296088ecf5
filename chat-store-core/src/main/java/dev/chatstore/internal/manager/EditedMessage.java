package dev.chatstore.internal.manager;

import dev.chatstore.Message;
import dev.chatstore.NewMessage;
import dev.chatstore.Part;
import dev.chatstore.TextPart;
import java.util.ArrayList;
import java.util.List;

/**
 * The message "edit and resend" appends in place of an edited one: the same role, the same parts
 * with the text replaced where the text was (an attached image or the model's reasoning stays where it
 * was), the same attributes and participant name. Its metadata and tool calls are not carried: they
 * described the original's generation (model, token usage) and calls whose results follow it, which
 * the branch does not hold. Stateless.
 */
public final class EditedMessage {
  private EditedMessage() {}

  public static NewMessage of(Message edited, String newText) {
    NewMessage.Builder b = NewMessage.builder(edited.role()).parts(withText(edited.parts(), newText))
        .attributes(edited.attributesJson());
    edited.name().ifPresent(b::name);
    return b.build();
  }

  /**
   * {@code parts} with their text parts replaced by one holding {@code text}, at the first text
   * part's place (first, if there was none); no text part for empty text. The old text's unknown
   * fields went with it: they were about that text (a newer version's citations, say).
   */
  static List<Part> withText(List<Part> parts, String text) {
    List<Part> edited = new ArrayList<>(parts.size() + 1);
    boolean placed = false;
    for (Part part : parts) {
      if (!(part instanceof TextPart)) {
        edited.add(part);
      } else if (!placed) {
        placed = true;
        if (!text.isEmpty()) {
          edited.add(new TextPart(text));
        }
      }
    }
    if (!placed && !text.isEmpty()) {
      edited.add(0, new TextPart(text));
    }
    return edited;
  }
}
