/** A host application as a named module: it may use what the library modules export, nothing else. */
module probe {
  requires dev.chatstore.jdbc;
  requires dev.chatstore.file;
}
