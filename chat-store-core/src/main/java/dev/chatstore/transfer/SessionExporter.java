package dev.chatstore.transfer;

import dev.chatstore.ChatSession;
import dev.chatstore.MessageQuery;
import dev.chatstore.SessionStore;
import dev.chatstore.UnavailableException;
import dev.chatstore.spi.Checks;
import dev.chatstore.internal.transfer.ExportNodes;
import dev.chatstore.internal.transfer.JsonExportWriter;
import dev.chatstore.internal.transfer.MarkdownWriter;
import dev.chatstore.internal.transfer.MessagePages;
import dev.chatstore.metadata.ChatMetadataCodec;
import dev.chatstore.metadata.MessageMetadataCodec;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * Writes one session, with its messages (their parts, tool calls and results, attributes and names),
 * metadata, state and conversation key, as JSON or JSONL in the versioned format of
 * docs/EXPORT-FORMAT.md (which {@link SessionImporter} reads back identically into any backend), or
 * as Markdown for people.
 *
 * <p>Messages are read a page at a time, so a session of any length exports in constant memory.
 * The same session exports to the same bytes every time: canonical JSON, fixed field order.
 *
 * <p>Over an owner view ({@code SessionStore.forOwner}) it exports only that owner's sessions: another
 * owner's id is not found, as an unknown id is.
 *
 * <p>Thread-safe. Throws the store's exceptions ({@code SessionNotFoundException} for an unknown id)
 * and {@link UnavailableException} when the output cannot be written.
 */
public final class SessionExporter {
  /** Messages read per page by default. */
  public static final int DEFAULT_PAGE_SIZE = 200;

  private final SessionStore store;
  private final int pageSize;
  private final boolean markdownMetadata;
  private final ChatMetadataCodec chatCodec;
  private final MessageMetadataCodec messageCodec;

  private SessionExporter(Builder b) {
    this.store = b.store;
    this.pageSize = b.pageSize;
    this.markdownMetadata = b.markdownMetadata;
    this.chatCodec = b.chatCodec;
    this.messageCodec = b.messageCodec;
  }

  public static SessionExporter of(SessionStore store) {
    return builder(store).build();
  }

  public static Builder builder(SessionStore store) {
    return new Builder(Checks.notNull(store, "store"));
  }

  /** Writes the session to {@code out} as UTF-8 and flushes it; does not close it. Returns the messages written. */
  public long export(String sessionId, ExportFormat format, OutputStream out) {
    Checks.notNull(out, "out");
    Writer writer = new BufferedWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8), 64 * 1024);
    long written = export(sessionId, format, writer);
    try {
      writer.flush();
    } catch (IOException e) {
      throw new UnavailableException("could not write the export of session " + sessionId, e);
    }
    return written;
  }

  /** Writes the session to {@code out}; does not flush or close it. Returns the messages written. */
  public long export(String sessionId, ExportFormat format, Writer out) {
    Checks.id(sessionId, "sessionId");
    Checks.notNull(format, "format");
    Checks.notNull(out, "out");
    ChatSession session = store.getSession(sessionId);
    try {
      if (format == ExportFormat.MARKDOWN) {
        MarkdownWriter md = new MarkdownWriter(out, markdownMetadata, chatCodec, messageCodec);
        md.header(session);
        return MessagePages.forEach(store, session, pageSize, md::message);
      }
      JsonExportWriter json = new JsonExportWriter(out, new ExportNodes(chatCodec, messageCodec),
          format == ExportFormat.JSONL);
      json.header(session);
      // Only a revised message costs a read of its history.
      long written = MessagePages.forEach(store, session, pageSize, m -> json.message(m,
          m.revision() > 1 ? store.messageRevisions(session.id(), m.id()) : List.of()));
      json.end();
      return written;
    } catch (UncheckedIOException e) {
      throw new UnavailableException("could not write the export of session " + sessionId, e.getCause());
    }
  }

  /** The export as a string: for small sessions, tests and clipboards. */
  public String exportToString(String sessionId, ExportFormat format) {
    StringWriter out = new StringWriter();
    export(sessionId, format, out);
    return out.toString();
  }

  /** Configures a {@link SessionExporter}; each setter validates its argument at once. */
  public static final class Builder {
    private final SessionStore store;
    private int pageSize = DEFAULT_PAGE_SIZE;
    private boolean markdownMetadata;
    private ChatMetadataCodec chatCodec = ChatMetadataCodec.standard();
    private MessageMetadataCodec messageCodec = MessageMetadataCodec.standard();

    private Builder(SessionStore store) {
      this.store = store;
    }

    /** Messages read per page, 1 to {@value MessageQuery#MAX_LIMIT}. */
    public Builder pageSize(int size) {
      if (size < 1 || size > MessageQuery.MAX_LIMIT) {
        throw new dev.chatstore.InvalidInputException("pageSize", "must be 1 to " + MessageQuery.MAX_LIMIT
            + ", was " + size);
      }
      this.pageSize = size;
      return this;
    }

    /** Whether Markdown shows chat and message metadata and state (off by default). */
    public Builder markdownMetadata(boolean include) {
      this.markdownMetadata = include;
      return this;
    }

    /** The codecs metadata is written with: use the store's when it has larger limits than the defaults. */
    public Builder codecs(ChatMetadataCodec chat, MessageMetadataCodec message) {
      this.chatCodec = Checks.notNull(chat, "chatCodec");
      this.messageCodec = Checks.notNull(message, "messageCodec");
      return this;
    }

    public SessionExporter build() {
      return new SessionExporter(this);
    }
  }
}
