package dev.chatstore.jdbc;

import dev.chatstore.crypto.KeyRotation;
import dev.chatstore.crypto.RotationProgress;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

/**
 * The child JVM of {@link EncryptedRotationKillTest}: opens the H2 folder with k2 current (k1 readable)
 * and runs one rotation batch of one value per line read from standard input, answering
 * {@code remaining N} after each; the parent kills it in the middle of the job.
 */
public final class RotationChild {
  private RotationChild() {}

  public static void main(String[] args) throws IOException {
    PrintStream out = new PrintStream(System.out, true, StandardCharsets.UTF_8);
    JdbcSessionStore store = JdbcSessionStore.h2Builder(Path.of(args[0]))
        .encryption(TestKeys.encryption("k2", "k1")).open();
    KeyRotation rotation = store.keyRotation(1);
    out.println("open " + rotation.progress().remaining());
    BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
    for (String line = in.readLine(); line != null; line = in.readLine()) {
      RotationProgress p = rotation.rotateBatch();
      out.println("remaining " + p.remaining());
    }
  }
}
