package dev.chatstore;

/** The order sessions are listed in; ties on time are broken by id so paging is stable. */
public enum SessionOrder {
  /** Most recently updated first: a chat sidebar. */
  RECENTLY_UPDATED,
  /** Least recently updated first. */
  LEAST_RECENTLY_UPDATED
}
