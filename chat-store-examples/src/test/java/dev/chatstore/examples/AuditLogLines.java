package dev.chatstore.examples;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/** Reads back a line of the audit log the example writes. */
final class AuditLogLines {
  private static final ObjectMapper JSON = new ObjectMapper();

  private AuditLogLines() {}

  static JsonNode parse(String line) {
    try {
      return JSON.readTree(line);
    } catch (JsonProcessingException e) {
      throw new AssertionError("not a JSON line: " + line, e);
    }
  }
}
