package dev.chatstore.internal.transfer;

import com.fasterxml.jackson.core.JsonProcessingException;
import dev.chatstore.ChatSession;
import dev.chatstore.Message;
import dev.chatstore.MessageStatus;
import dev.chatstore.Role;
import dev.chatstore.ToolCall;
import dev.chatstore.ToolResult;
import dev.chatstore.spi.Json;
import dev.chatstore.metadata.ChatMetadata;
import dev.chatstore.metadata.ChatMetadataCodec;
import dev.chatstore.metadata.MessageMetadata;
import dev.chatstore.metadata.MessageMetadataCodec;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/**
 * A session as a Markdown transcript for people: a heading per message with its number, role, time
 * and status, the text as written, tool calls and results as JSON blocks, and optionally metadata.
 * Not meant to be imported.
 */
public final class MarkdownWriter {
  private static final DateTimeFormatter TIME =
      DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss 'UTC'", Locale.ROOT).withZone(ZoneOffset.UTC);

  private final Writer out;
  private final boolean withMetadata;
  private final ChatMetadataCodec chatCodec;
  private final MessageMetadataCodec messageCodec;

  public MarkdownWriter(Writer out, boolean withMetadata, ChatMetadataCodec chatCodec,
      MessageMetadataCodec messageCodec) {
    this.out = out;
    this.withMetadata = withMetadata;
    this.chatCodec = chatCodec;
    this.messageCodec = messageCodec;
  }

  public void header(ChatSession s) {
    line("# " + oneLine(s.title().isBlank() ? "Untitled chat" : s.title()));
    line("");
    line("| | |");
    line("|---|---|");
    row("Session", "`" + s.id() + "`");
    row("Owner", oneLine(s.ownerId()));
    s.projectId().ifPresent(p -> row("Project", oneLine(p)));
    row("Created", time(s.createdAt()));
    row("Updated", time(s.updatedAt()));
    row("Messages", Long.toString(s.messageCount()));
    s.forkedFrom().ifPresent(f -> row("Forked from", "`" + f.sessionId() + "` after message `" + f.messageId() + "`"));
    s.deletedAt().ifPresent(d -> row("Deleted", time(d)));
    line("");
    if (withMetadata && !s.metadata().equals(ChatMetadata.empty())) {
      line("**Chat metadata**");
      line("");
      json(chatCodec.encode(s.metadata()));
    }
    if (withMetadata && !s.stateJson().equals("{}")) {
      line("**State**");
      line("");
      json(s.stateJson());
    }
  }

  public void message(Message m) {
    line("---");
    line("");
    StringBuilder heading = new StringBuilder("## ").append(m.seq()).append(" · ").append(role(m.role()));
    m.toolResult().ifPresent(r -> heading.append(" · `").append(oneLine(r.toolName())).append('`'));
    heading.append(" · ").append(time(m.createdAt()));
    if (m.status() != MessageStatus.COMPLETE) {
      heading.append(" · _").append(m.status().name().toLowerCase(Locale.ROOT)).append('_');
    }
    line(heading.toString());
    line("");
    if (!m.content().isEmpty()) {
      line(m.content().replace("\u0000", "\uFFFD"));
      line("");
    } else if (m.toolCalls().isEmpty() && m.toolResult().isEmpty()) {
      line("_(no text)_");
      line("");
    }
    for (ToolCall call : m.toolCalls()) {
      line("**Tool call** `" + oneLine(call.toolName()) + "` (call `" + oneLine(call.id()) + "`)");
      line("");
      json(call.argumentsJson());
    }
    m.toolResult().ifPresent(this::result);
    if (withMetadata && !m.metadata().equals(MessageMetadata.empty())) {
      line("<details><summary>Metadata</summary>");
      line("");
      json(messageCodec.encode(m.metadata()));
      line("</details>");
      line("");
    }
  }

  private void result(ToolResult r) {
    line((r.error() ? "**Tool error** for call `" : "**Tool result** for call `") + oneLine(r.callId()) + "`");
    line("");
    json(r.outputJson());
  }

  private void json(String json) {
    String pretty;
    try {
      pretty = Json.MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(Json.sorted(Json.parse(json, "json")));
    } catch (JsonProcessingException e) {
      pretty = json;
    }
    String fence = fence(pretty);
    line(fence + "json");
    line(pretty);
    line(fence);
    line("");
  }

  // A fence longer than any run of backticks inside, so the block cannot be closed early.
  private static String fence(String text) {
    int longest = 0;
    int run = 0;
    for (int i = 0; i < text.length(); i++) {
      run = text.charAt(i) == '`' ? run + 1 : 0;
      longest = Math.max(longest, run);
    }
    return "`".repeat(Math.max(3, longest + 1));
  }

  private static String role(Role role) {
    switch (role) {
      case USER:
        return "User";
      case ASSISTANT:
        return "Assistant";
      case SYSTEM:
        return "System";
      default:
        return "Tool result";
    }
  }

  private static String time(Instant t) {
    return TIME.format(t);
  }

  private static String oneLine(String text) {
    return text.replaceAll("[\\r\\n\\u0000]+", " ").replace("|", "\\|");
  }

  private void row(String name, String value) {
    line("| " + name + " | " + value + " |");
  }

  private void line(String text) {
    try {
      out.write(text);
      out.write('\n');
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
