package dev.chatstore.jdbc;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;

/** Message bodies and tool results on an H2 file database, which stores every string as it is. */
class H2BodyStorageTest extends BodyStorageTestBase {
  @TempDir
  Path folder;

  @Override
  TestDatabase database() {
    return TestDatabase.h2(folder);
  }

  @Override
  String storedText(String text) {
    return text;
  }

  @Override
  JsonNode storedResults(String messageId) throws Exception {
    return tree(db.column("SELECT tool_result FROM chatstore_messages WHERE id = ?", messageId).get(0));
  }
}
