package dev.chatstore.examples.build;

import dev.chatstore.SessionStore;
import java.io.OutputStream;
import java.nio.file.Path;
import javax.sql.DataSource;

/**
 * The names the docs' Java snippets use for what the host already has (its store, its SSE
 * connection, its model client...): every snippet that is a fragment compiles as the body of a
 * method of a subclass of this, so these fields are in scope and a snippet's own declarations may
 * shadow them. Only compiled, never run. Keep the list short: a snippet that needs more should
 * declare it.
 */
public abstract class SnippetContext {
  /** A store the host opened. */
  protected SessionStore store;
  /** A second store, to import into. */
  protected SessionStore otherStore;
  /** A session of {@link #store}. */
  protected String sessionId;
  /** Where an export goes. */
  protected OutputStream outputStream;
  /** An export file. */
  protected Path path;
  /** A data folder. */
  protected Path folder;
  /** The host's own (pooled) DataSource. */
  protected DataSource ds;
  /** The host's server-sent-events connection to the browser. */
  protected Sse sse;
  /** The host's LLM client. */
  protected Model model;
  /** What the host sends the model. */
  protected String prompt;

  /** A server-sent-events connection: one event with a name and a text payload. */
  public interface Sse {
    void send(String event, String data);
  }

  /** A language model client that streams its reply as tokens. */
  public interface Model {
    Iterable<String> stream(String prompt);
  }
}
