package dev.chatstore.testkit.crash;

/** What a {@link ChildStore}'s JVM does with the store it opened, reporting each step on its stdout. */
public enum ChildTask {
  /**
   * Creates a session, then appends to it until killed: one message a turn, and every fifth turn a
   * batch of two through {@code appendAll}. Reports each message once the call that wrote it returned.
   */
  APPEND,
  /**
   * Creates a session and streams one assistant reply into it until killed, flushing explicitly
   * every few chunks (the flush policy never writes on its own). Reports the length of the text
   * each flush acknowledged, once {@code flush()} returned.
   */
  STREAM,
  /**
   * As {@link #STREAM}, on both channels: each step appends a reasoning chunk and a text chunk, and
   * signs the reasoning anew before each explicit flush. Reports the length of the text and of the
   * reasoning each flush acknowledged, once {@code flush()} returned.
   */
  STREAM_CHANNELS,
  /** Opens the store, reports it open, and closes it when its stdin is closed. */
  HOLD
}
