package dev.chatstore.internal.transfer;

import dev.chatstore.ChatSession;
import dev.chatstore.Message;
import dev.chatstore.MessageStatus;
import dev.chatstore.NewMessage;
import dev.chatstore.Role;
import dev.chatstore.metadata.ChatMetadata;
import dev.chatstore.metadata.ChatMetadataCodec;
import dev.chatstore.metadata.MessageMetadata;
import dev.chatstore.metadata.MessageMetadataCodec;
import java.io.Writer;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * A session as a Markdown transcript for people: a heading per message with its number, role (and
 * participant name), time and status, what it says ({@link MarkdownBody}), and optionally its
 * attributes and metadata. A plain text message reads exactly as before parts existed. Not meant to
 * be imported.
 */
public final class MarkdownWriter {
  private static final DateTimeFormatter TIME =
      DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss 'UTC'", Locale.ROOT).withZone(ZoneOffset.UTC);

  private final MarkdownLines md;
  private final boolean withMetadata;
  private final ChatMetadataCodec chatCodec;
  private final MessageMetadataCodec messageCodec;

  public MarkdownWriter(Writer out, boolean withMetadata, ChatMetadataCodec chatCodec,
      MessageMetadataCodec messageCodec) {
    this.md = new MarkdownLines(out);
    this.withMetadata = withMetadata;
    this.chatCodec = chatCodec;
    this.messageCodec = messageCodec;
  }

  public void header(ChatSession s) {
    md.line("# " + MarkdownText.cell(s.title().isBlank() ? "Untitled chat" : s.title()));
    md.line("");
    md.line("| | |");
    md.line("|---|---|");
    row("Session", "`" + s.id() + "`");
    row("Owner", MarkdownText.cell(s.ownerId()));
    s.projectId().ifPresent(p -> row("Project", MarkdownText.cell(p)));
    s.key().ifPresent(k -> row("Key", MarkdownText.code(MarkdownText.cell(k))));
    row("Created", time(s.createdAt()));
    row("Updated", time(s.updatedAt()));
    row("Messages", Long.toString(s.messageCount()));
    s.forkedFrom().ifPresent(f -> row("Forked from", "`" + f.sessionId() + "` after message `" + f.messageId() + "`"));
    s.deletedAt().ifPresent(d -> row("Deleted", time(d)));
    md.line("");
    if (withMetadata && !s.metadata().equals(ChatMetadata.empty())) {
      md.line("**Chat metadata**");
      md.line("");
      md.json(chatCodec.encode(s.metadata()));
    }
    if (withMetadata && !s.stateJson().equals("{}")) {
      md.line("**State**");
      md.line("");
      md.json(s.stateJson());
    }
  }

  public void message(Message m) {
    md.line("---");
    md.line("");
    StringBuilder heading = new StringBuilder("## ").append(m.seq()).append(" · ").append(role(m));
    m.name().ifPresent(n -> heading.append(" (").append(MarkdownText.escaped(n)).append(')'));
    if (!m.toolResults().isEmpty()) {
      heading.append(" · ").append(m.toolResults().stream().map(r -> MarkdownText.code(r.toolName()))
          .collect(Collectors.joining(", ")));
    }
    heading.append(" · ").append(time(m.createdAt()));
    if (m.status() != MessageStatus.COMPLETE) {
      heading.append(" · _").append(m.status().name().toLowerCase(Locale.ROOT)).append('_');
    }
    md.line(heading.toString());
    md.line("");
    MarkdownBody.write(md, m);
    if (withMetadata && !m.attributesJson().equals(NewMessage.NO_ATTRIBUTES)) {
      details("Attributes", m.attributesJson());
    }
    if (withMetadata && !m.metadata().equals(MessageMetadata.empty())) {
      details("Metadata", messageCodec.encode(m.metadata()));
    }
  }

  private void details(String summary, String json) {
    md.line("<details><summary>" + summary + "</summary>");
    md.line("");
    md.json(json);
    md.line("</details>");
    md.line("");
  }

  private static String role(Message m) {
    Role role = m.role();
    switch (role) {
      case USER:
        return "User";
      case ASSISTANT:
        return "Assistant";
      case SYSTEM:
        return "System";
      default:
        return m.toolResults().size() > 1 ? "Tool results" : "Tool result";
    }
  }

  private static String time(Instant t) {
    return TIME.format(t);
  }

  private void row(String name, String value) {
    md.line("| " + name + " | " + value + " |");
  }
}
