/**
 * What a backend is built on: the rules every {@link dev.chatstore.SessionStore} shares, each with
 * one home here, so a backend holds only its storage (reserving seqs atomically, reading a range,
 * its transactions, its lines and files) and every backend answers the same query the same way.
 *
 * <p>A backend implements {@link dev.chatstore.SessionStore} and, for streaming, a
 * {@link dev.chatstore.spi.StreamSink} (begin / write / finish a streamed message) handed to one
 * {@link dev.chatstore.spi.StreamEngine}, which does the buffering, coalescing, back-pressure,
 * grouping and ordering; each write hands the sink a {@link dev.chatstore.spi.StreamDelta} (answer
 * text, reasoning, signature, tool calls, attached parts), whose {@code parts()} is the one rule for
 * what a streamed message reads as. For everything else it calls:
 *
 * <ul>
 *   <li>{@link dev.chatstore.spi.Checks} and {@link dev.chatstore.spi.InputRules}: argument checks and
 *       the store's size limits, applied before anything is written, so bad input gets the same typed
 *       error on every backend and nothing is half-written;
 *   <li>{@link dev.chatstore.spi.MessageRange}: which seqs a message page covers, and its cursors;
 *   <li>{@link dev.chatstore.spi.SessionKeyset} and {@link dev.chatstore.spi.SearchKeyset}: keyset
 *       paging of session lists and of search hits;
 *   <li>{@link dev.chatstore.spi.ToolPairing}: pairing tool calls with their results;
 *   <li>{@link dev.chatstore.spi.ForkCopy}: what a fork (or an import) copies of a message;
 *   <li>{@link dev.chatstore.spi.StreamRecovery}: which messages a recovery run marks INTERRUPTED;
 *   <li>{@link dev.chatstore.spi.TextMatch}: how search and text filters match;
 *   <li>{@link dev.chatstore.spi.ToolJson} and {@link dev.chatstore.spi.Json}: the JSON of tool calls
 *       and results, and the canonical form of every JSON value;
 *   <li>{@link dev.chatstore.spi.Cursors}, {@link dev.chatstore.spi.Ids},
 *       {@link dev.chatstore.spi.Times}, {@link dev.chatstore.spi.Previews}: cursor strings,
 *       time-ordered ids, stored timestamps and summary previews;
 *   <li>{@link dev.chatstore.spi.OwnerOnly}: the owner-only permissions of a durable backend's files
 *       and folders;
 *   <li>{@link dev.chatstore.spi.FieldCipher} and {@link dev.chatstore.spi.CipherScope}: sealing each
 *       stored value (AES-256-GCM, bound to its session, message and field) when the store encrypts.
 * </ul>
 *
 * <p>A backend proves itself by extending {@code SessionStoreContract} from chat-store-testkit, which
 * runs the whole shared contract on it, and a durable one also runs the testkit's crash harness.
 * These types are for backend authors; an application uses {@link dev.chatstore} and never needs them.
 */
package dev.chatstore.spi;
