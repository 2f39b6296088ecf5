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
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * The key rotation of a JDBC store: each batch is one short transaction that finds up to a batch of
 * values (in {@link SealedColumn#ALL}) whose stored form does not start with the current key's prefix,
 * locks their sessions' rows in id order (the package's lock order, so writers of a session wait for
 * one batch at most), opens each and seals it again, and writes it back only if it still holds what was
 * read: a value a writer changed meanwhile is left to the writer (it was sealed with the current key)
 * or to the next pass. Values stored before encryption was turned on are sealed the same way. Counts
 * are of values, not rows.
 *
 * <p>A job walks each column once, in key order, from where its last batch stopped (a keyset cursor
 * over the column's unique key), so a rotation of n values reads each row about once rather than a
 * batch's worth of rows again per batch. {@code remaining} after a batch is the exact count taken when
 * the pass began, less what the pass has rewritten; when a pass ends (or that estimate reaches zero) the
 * job counts exactly again, and if anything was written behind its cursors meanwhile (another process
 * still sealing with the old key) the next batch starts a new pass. Every job finds its work anew, so a
 * stopped one resumes; a new job starts a new pass. Thread-safe: batches of one job run one at a time.
 */
public final class JdbcKeyRotation implements KeyRotation {
  private final JdbcContext ctx;
  private final int batchSize;
  // the pass under way: its key, where each column's walk stands, the columns walked to their end
  private String passKeyId = "";
  private final Map<SealedColumn, List<Object>> cursors = new HashMap<>();
  private final Set<SealedColumn> walked = new HashSet<>();
  private long estimate;

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
  public synchronized RotationProgress rotateBatch() {
    String keyId = currentKeyId();
    if (!keyId.equals(passKeyId) || walkedAll()) {
      newPass(keyId);
    }
    Batch batch = ctx.db().inTransaction("re-encrypting a batch of values", h -> {
      Connection c = h.getConnection();
      Batch found = new Batch();
      for (SealedColumn column : SealedColumn.ALL) {
        if (found.values.size() >= batchSize) {
          break;
        }
        if (!walked.contains(column)) {
          find(c, column, keyId, batchSize - found.values.size(), found);
        }
      }
      Set<String> sessions = new TreeSet<>();
      found.values.forEach(s -> sessions.add(s.scope().sessionId()));
      Unfinished.lockSessions(c, sessions);
      for (Stale s : found.values) {
        found.rewritten += rewrite(c, s);
      }
      return found;
    });
    // the walk moves on only once the batch is committed: a batch that failed is found again
    cursors.putAll(batch.cursors);
    walked.addAll(batch.walked);
    estimate = Math.max(0, estimate - batch.rewritten);
    if (walkedAll() || estimate == 0) {
      estimate = count(keyId);
      if (estimate > 0 && !walkedAll()) {
        return new RotationProgress(batch.rewritten, estimate, keyId); // the walk goes on
      }
      walked.addAll(SealedColumn.ALL); // the pass is over; one that left values behind is followed by another
    }
    return new RotationProgress(batch.rewritten, estimate, keyId);
  }

  private boolean walkedAll() {
    return walked.size() == SealedColumn.ALL.size();
  }

  private void newPass(String keyId) {
    passKeyId = keyId;
    cursors.clear();
    walked.clear();
    estimate = count(keyId);
  }

  @Override
  public RotationProgress progress() {
    String keyId = currentKeyId();
    return new RotationProgress(0, count(keyId), keyId);
  }

  /** What one batch found and did: the values, where each column's walk got to, the columns it finished. */
  private static final class Batch {
    final List<Stale> values = new ArrayList<>();
    final Map<SealedColumn, List<Object>> cursors = new HashMap<>();
    final Set<SealedColumn> walked = new HashSet<>();
    long rewritten;
  }

  /** A value to seal anew: where it is, its row's key values and what was stored. */
  private record Stale(SealedColumn column, List<Object> key, CipherScope scope, String stored) {}

  /** Adds up to {@code limit} stale values of {@code column} after its cursor to {@code batch}. */
  private void find(Connection c, SealedColumn column, String keyId, int limit, Batch batch) throws SQLException {
    List<String> empties = ctx.sealer().emptyValues();
    List<Object> after = cursors.get(column);
    String keys = column.keyList();
    String from = after == null ? "" : " AND (" + keys + ") > (" + String.join(", ",
        Collections.nCopies(after.size(), "?")) + ")";
    int found = 0;
    try (PreparedStatement select = c.prepareStatement("SELECT " + keys + ", " + column.asText()
        + " FROM " + column.table() + " WHERE " + column.stale(ctx.dialect(), empties.size()) + from
        + " ORDER BY " + keys + " LIMIT ?")) {
      int p = column.bindStale(select, 1, keyId, empties);
      if (after != null) {
        for (Object k : after) {
          select.setObject(p++, k);
        }
      }
      select.setInt(p, limit);
      try (ResultSet rs = select.executeQuery()) {
        while (rs.next()) {
          List<Object> key = new ArrayList<>();
          for (int i = 1; i <= column.keys().size(); i++) {
            key.add(rs.getObject(i));
          }
          batch.values.add(new Stale(column, key, column.scope().of(rs), rs.getString(column.keys().size() + 1)));
          batch.cursors.put(column, key);
          found++;
        }
      }
    }
    if (found < limit) {
      batch.walked.add(column);
    }
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
