/**
 * chat-store's API (model records, {@code SessionStore}, metadata codecs, errors, the in-memory store
 * and what hosts build on a store) and, in {@code dev.chatstore.spi}, what a backend is built on.
 * The {@code internal} packages are not exported: hosts and backends cannot reach them.
 */
module dev.chatstore.core {
  // Transitive: the spi's Json codec speaks Jackson trees, so a backend written on it needs them too.
  requires transitive com.fasterxml.jackson.databind;
  requires org.slf4j;

  exports dev.chatstore;
  exports dev.chatstore.active;
  exports dev.chatstore.async;
  exports dev.chatstore.audit;
  exports dev.chatstore.crypto;
  exports dev.chatstore.limit;
  exports dev.chatstore.manager;
  exports dev.chatstore.metadata;
  exports dev.chatstore.transfer;
  exports dev.chatstore.spi;
}
