package dev.chatstore.file;

import dev.chatstore.crypto.KeyRotation;
import dev.chatstore.crypto.RotationProgress;
import java.nio.file.Path;

/**
 * The child JVM of {@link KeyRotationTest}'s kill test: opens the folder with k2 current (k1 still
 * readable) and rotates one session file a batch, printing each batch's progress; from the third batch on
 * it waits for a line on its input before the next, so the parent's kill always lands with work left.
 */
public final class RotationChild {
  private RotationChild() {}

  public static void main(String[] args) throws java.io.IOException {
    java.io.BufferedReader in = new java.io.BufferedReader(new java.io.InputStreamReader(System.in));
    int batches = 0;
    try (FileSessionStore store = TestKeys.builder(Path.of(args[0]), "k2", "k1", "k2").open()) {
      KeyRotation rotation = store.keyRotation(1);
      RotationProgress progress = rotation.progress();
      while (!progress.done()) {
        progress = rotation.rotateBatch();
        System.out.println("remaining " + progress.remaining());
        System.out.flush();
        if (++batches >= 3 && in.readLine() == null) {
          return; // the parent closed its end: it is done with this child
        }
      }
      System.out.println("done");
    }
  }
}
