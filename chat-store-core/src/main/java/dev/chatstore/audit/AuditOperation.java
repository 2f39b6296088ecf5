package dev.chatstore.audit;

/** What an audited call did: one constant per {@code SessionStore} method, and two of the hook's own. */
public enum AuditOperation {
  CREATE_SESSION, FIND_SESSION, FIND_SESSION_BY_KEY, LIST_SESSIONS, LATEST_SESSION, UPDATE_SESSION,
  DELETE_SESSION, RESTORE_SESSION, PURGE_SESSION, APPEND, APPEND_ALL, FIND_MESSAGE, MESSAGES,
  UPDATE_MESSAGE, MESSAGE_REVISIONS, SEARCH_MESSAGES, TOOL_EXECUTIONS, OPEN_STREAM,
  /** A stream ended: completed, failed or closed (its item count is the characters of text streamed). */
  STREAM_END,
  FORK, RECOVER_STREAMS,
  /** Events the hook could not queue while the listener lagged; the item count says how many. */
  EVENTS_DROPPED
}
