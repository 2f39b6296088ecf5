package dev.chatstore.jdbc.internal;

import dev.chatstore.UnavailableException;
import dev.chatstore.jdbc.SchemaVersionException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.locks.ReentrantLock;
import org.jdbi.v3.core.Handle;

/**
 * Brings a database's schema up to the version this code knows, on open: applies the versioned SQL
 * scripts of the dialect ({@code migrations/<dialect>/V<n>__<name>.sql}) that the schema-version
 * table does not list yet, and records each. A database at a newer version than the code knows is
 * refused with {@link SchemaVersionException} before anything is written.
 *
 * <p>Safe when several stores open one database at once: on PostgreSQL the whole migration runs in
 * one transaction holding an advisory lock, so one process migrates and the others then find the work
 * done (PostgreSQL's DDL is transactional, so a failure leaves no trace). H2 commits each DDL
 * statement by itself, so there every script is idempotent and migrations in one JVM are serialized;
 * a run cut short simply runs again. Thread-safe.
 */
public final class Migrator {
  /** One schema version: its number and the name part of its script. */
  public record Migration(int version, String name) {
    String resource(Dialect dialect) {
      return "/dev/chatstore/jdbc/migrations/" + dialect.folder() + "/V" + version + "__" + name + ".sql";
    }
  }

  /** Every schema version, oldest first. Append new ones; never change a released script. */
  public static final List<Migration> ALL = List.of(
      new Migration(1, "schema"),
      new Migration(2, "stream_chunks_and_indexes"),
      new Migration(3, "message_bodies_and_conversation_keys"),
      new Migration(4, "stream_chunk_extras"),
      new Migration(5, "message_revisions"));

  private static final ReentrantLock H2_MIGRATIONS = new ReentrantLock();
  private static final String CREATE_VERSION_TABLE = "CREATE TABLE IF NOT EXISTS chatstore_schema_version ("
      + " version INTEGER NOT NULL PRIMARY KEY, description VARCHAR(200) NOT NULL,"
      + " installed_at TIMESTAMP(6) WITH TIME ZONE NOT NULL)";

  private final Db db;
  private final Clock clock;

  public Migrator(Db db, Clock clock) {
    this.db = db;
    this.clock = clock;
  }

  /** Applies every migration of {@link #ALL} not applied yet; returns the schema version reached. */
  public int migrate() {
    return migrate(ALL);
  }

  /**
   * Applies the migrations of {@code known} (oldest first) not applied yet; returns the version
   * reached. Taking the list lets a test stop at an older version.
   */
  public int migrate(List<Migration> known) {
    int latest = known.get(known.size() - 1).version();
    boolean h2 = db.dialect() == Dialect.H2;
    if (h2) {
      H2_MIGRATIONS.lock();
    }
    try {
      return db.inTransaction("migrating the chat-store schema", h -> {
        String lock = db.dialect().migrationLock();
        if (!lock.isEmpty()) {
          h.createQuery(lock).mapToMap().list();
        }
        int current = currentVersion(h);
        if (current > latest) {
          throw new SchemaVersionException(current, latest);
        }
        if (current < latest) {
          h.execute(CREATE_VERSION_TABLE);
          for (Migration m : known) {
            if (m.version() > current) {
              apply(h, m);
            }
          }
        }
        return latest;
      });
    } finally {
      if (h2) {
        H2_MIGRATIONS.unlock();
      }
    }
  }

  /** The version recorded in the database, 0 for a database chat-store never touched. */
  public int currentVersion(Handle h) {
    boolean exists = h.createQuery(db.dialect().versionTableExists()).mapTo(Integer.class).findFirst().isPresent();
    if (!exists) {
      return 0;
    }
    return h.createQuery("SELECT COALESCE(MAX(version), 0) FROM chatstore_schema_version")
        .mapTo(Integer.class).one();
  }

  private void apply(Handle h, Migration m) {
    for (String statement : statements(read(m.resource(db.dialect())))) {
      h.execute(statement);
    }
    h.createUpdate("INSERT INTO chatstore_schema_version (version, description, installed_at)"
            + " SELECT :version, :description, :at WHERE NOT EXISTS"
            + " (SELECT 1 FROM chatstore_schema_version WHERE version = :version)")
        .bind("version", m.version())
        .bind("description", m.name())
        .bind("at", Db.at(clock.instant()))
        .execute();
  }

  private static String read(String resource) {
    try (InputStream in = Migrator.class.getResourceAsStream(resource)) {
      if (in == null) {
        throw new UnavailableException("migration script " + resource + " is missing from the jar");
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UnavailableException("migration script " + resource + " could not be read", e);
    }
  }

  /** The statements of a script: {@code --} comments dropped, split at each {@code ;}. */
  static List<String> statements(String script) {
    StringBuilder sql = new StringBuilder();
    for (String line : script.split("\n", -1)) {
      int comment = line.indexOf("--");
      sql.append(comment >= 0 ? line.substring(0, comment) : line).append('\n');
    }
    List<String> statements = new ArrayList<>();
    for (String part : sql.toString().split(";")) {
      if (!part.isBlank()) {
        statements.add(part.strip());
      }
    }
    return statements;
  }
}
