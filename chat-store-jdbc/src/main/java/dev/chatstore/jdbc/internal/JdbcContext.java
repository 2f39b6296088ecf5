package dev.chatstore.jdbc.internal;

import dev.chatstore.metadata.ChatMetadataCodec;
import dev.chatstore.metadata.JsonLimits;
import dev.chatstore.metadata.MessageMetadataCodec;
import dev.chatstore.spi.FieldCipher;
import dev.chatstore.spi.InputRules;
import dev.chatstore.spi.Times;
import java.time.Clock;
import java.time.Instant;

/**
 * What every part of a store shares: the database, its tables, the input rules and the clock.
 * Immutable and thread-safe.
 */
record JdbcContext(Db db, InputRules rules, Clock clock, Sealer sealer, SessionTable sessionTable,
    MessageTable messageTable, ChunkTable chunkTable, RevisionTable revisionTable) {
  /** Stored metadata is read without the store's size limits: it stays readable if they are lowered. */
  private static final JsonLimits READ_LIMITS = new JsonLimits(Integer.MAX_VALUE, 1000, Integer.MAX_VALUE);

  /** The context of a store on {@code db}: its tables in the database's dialect, sealing with {@code cipher}. */
  static JdbcContext of(Db db, InputRules rules, Clock clock, FieldCipher cipher) {
    Sealer sealer = new Sealer(cipher, db.text(), rules);
    ChunkTable chunks = new ChunkTable(db.dialect(), sealer);
    MessageTable messages = new MessageTable(db.dialect(), db.text(), sealer, chunks,
        new MessageMetadataCodec(READ_LIMITS));
    SessionTable sessions = new SessionTable(db.dialect(), db.text(), sealer, messages,
        new ChatMetadataCodec(READ_LIMITS));
    return new JdbcContext(db, rules, clock, sealer, sessions, messages, chunks, new RevisionTable(sealer));
  }

  /** Now, at the microsecond precision every timestamp is stored at. */
  Instant now() {
    return Times.now(clock);
  }

  TextCodec text() {
    return db.text();
  }

  Dialect dialect() {
    return db.dialect();
  }
}
