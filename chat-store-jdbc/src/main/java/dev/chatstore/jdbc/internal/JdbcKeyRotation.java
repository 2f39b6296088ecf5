package dev.chatstore.jdbc.internal;

import dev.chatstore.InvalidInputException;
import dev.chatstore.SessionStore;
import dev.chatstore.crypto.KeyRotation;
import dev.chatstore.crypto.RotationProgress;
import dev.chatstore.spi.CipherScope;
import dev.chatstore.spi.Checks;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * The key rotation of a JDBC store: each batch is one short transaction that finds up to a batch of
 * values (in {@link SealedColumn#ALL}) whose stored form does not start with the current key's prefix,
 * locks their sessions' rows in id order (the package's lock order, so writers of a session wait for
 * one batch at most), opens each and seals it again, and writes it back only if it still holds what was
 * read: a value a writer changed meanwhile is left to the writer (it was sealed with the current key)
 * or to the next batch. Values stored before encryption was turned on are sealed the same way. Counts
 * are of values, not rows. Thread-safe; every batch finds its work anew, so a stopped job resumes.
 */
public final class JdbcKeyRotation implements KeyRotation {
  private final JdbcContext ctx;
  private final int batchSize;

  private JdbcKeyRotation(JdbcContext ctx, int batchSize) {
    this.ctx = ctx;
    this.batchSize = batchSize;
  }

  /** The rotation of {@code store}, a JDBC store opened with encryption. */
  public static KeyRotation of(SessionStore store, int batchSize) {
    Checks.positive(batchSize, "batchSize");
    JdbcContext ctx = ((JdbcStore) store).context();
    if (!ctx.sealer().encrypts()) {
      throw new InvalidInputException("encryption", "the store was opened without encryption: there is no key"
          + " to rotate to");
    }
    return new JdbcKeyRotation(ctx, batchSize);
  }

  private String currentKeyId() {
    return ctx.sealer().cipher().currentKeyId().orElseThrow();
  }

  @Override
  public RotationProgress rotateBatch() {
    String keyId = currentKeyId();
    long rewritten = ctx.db().inTransaction("re-encrypting a batch of values", h -> {
      Connection c = h.getConnection();
      List<Stale> found = new ArrayList<>();
      for (SealedColumn column : SealedColumn.ALL) {
        if (found.size() >= batchSize) {
          break;
        }
        found.addAll(find(c, column, keyId, batchSize - found.size()));
      }
      Set<String> sessions = new TreeSet<>();
      found.forEach(s -> sessions.add(s.scope().sessionId()));
      Unfinished.lockSessions(c, sessions);
      long done = 0;
      for (Stale s : found) {
        done += rewrite(c, s);
      }
      return done;
    });
    return new RotationProgress(rewritten, count(keyId), keyId);
  }

  @Override
  public RotationProgress progress() {
    String keyId = currentKeyId();
    return new RotationProgress(0, count(keyId), keyId);
  }

  /** A value to seal anew: where it is, its row's key values and what was stored. */
  private record Stale(SealedColumn column, List<Object> key, CipherScope scope, String stored) {}

  private List<Stale> find(Connection c, SealedColumn column, String keyId, int limit) throws SQLException {
    List<String> empties = ctx.sealer().emptyValues();
    List<Stale> found = new ArrayList<>();
    try (PreparedStatement select = c.prepareStatement("SELECT " + column.keyList() + ", " + column.asText()
        + " FROM " + column.table() + " WHERE " + column.stale(ctx.dialect(), empties.size())
        + " ORDER BY " + column.keyList() + " LIMIT ?")) {
      select.setInt(column.bindStale(select, 1, keyId, empties), limit);
      try (ResultSet rs = select.executeQuery()) {
        while (rs.next()) {
          List<Object> key = new ArrayList<>();
          for (int i = 1; i <= column.keys().size(); i++) {
            key.add(rs.getObject(i));
          }
          found.add(new Stale(column, key, column.scope().of(rs), rs.getString(column.keys().size() + 1)));
        }
      }
    }
    return found;
  }

  /** Writes the value sealed with the current key if the row still holds what was read: 1, else 0. */
  private int rewrite(Connection c, Stale s) throws SQLException {
    SealedColumn column = s.column();
    Sealer sealer = ctx.sealer();
    String where = column.table() + " " + s.key();
    String sealed = column.json()
        ? sealer.json(sealer.jsonText(s.stored(), s.scope(), where), s.scope())
        : sealer.text(sealer.fromText(s.stored(), s.scope(), where), s.scope());
    String value = column.json() ? ctx.dialect().json("?") : "?";
    StringBuilder sql = new StringBuilder("UPDATE ").append(column.table()).append(" SET ").append(column.column())
        .append(" = ").append(value).append(" WHERE ");
    for (String k : column.keys()) {
      sql.append(k).append(" = ? AND ");
    }
    sql.append(column.column()).append(" = ").append(value);
    try (PreparedStatement update = c.prepareStatement(sql.toString())) {
      int p = 1;
      update.setString(p++, sealed);
      for (Object k : s.key()) {
        update.setObject(p++, k);
      }
      update.setString(p, s.stored());
      return update.executeUpdate();
    }
  }

  private long count(String keyId) {
    List<String> empties = ctx.sealer().emptyValues();
    return ctx.db().read("counting values to re-encrypt", h -> {
      long total = 0;
      for (SealedColumn column : SealedColumn.ALL) {
        try (PreparedStatement select = h.getConnection().prepareStatement("SELECT COUNT(*) FROM " + column.table()
            + " WHERE " + column.stale(ctx.dialect(), empties.size()))) {
          column.bindStale(select, 1, keyId, empties);
          try (ResultSet rs = select.executeQuery()) {
            rs.next();
            total += rs.getLong(1);
          }
        }
      }
      return total;
    });
  }
}
