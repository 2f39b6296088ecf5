/**
 * The file backend: {@code FileSessionStore}, append-only JSONL files in a folder.
 * Only {@code dev.chatstore.file} is exported.
 */
module dev.chatstore.file {
  requires transitive dev.chatstore.core;
  requires org.slf4j;
  // the lock file names the JVM holding the folder (its runtime name, pid@host) for the next one to report
  requires java.management;

  exports dev.chatstore.file;
}
