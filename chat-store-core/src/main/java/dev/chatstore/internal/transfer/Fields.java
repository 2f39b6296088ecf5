package dev.chatstore.internal.transfer;

/** The field names of the export format (docs/EXPORT-FORMAT.md), shared by its writer and reader. */
final class Fields {
  static final String CHAT = "chat";
  static final String FORMAT = "format";
  static final String FORMAT_VERSION = "formatVersion";
  static final String MESSAGES = "messages";

  static final String ID = "id";
  static final String OWNER_ID = "ownerId";
  static final String PROJECT_ID = "projectId";
  static final String TITLE = "title";
  static final String METADATA = "metadata";
  static final String STATE = "state";
  static final String DELETED = "deleted";
  static final String MESSAGE_COUNT = "messageCount";
  static final String KEY = "key";

  static final String SEQ = "seq";
  static final String ROLE = "role";
  static final String CONTENT = "content";
  static final String STATUS = "status";
  static final String CREATED_AT = "createdAt";
  static final String TOOL_CALLS = "toolCalls";
  static final String TOOL_RESULT = "toolResult";
  static final String TOOL_RESULTS = "toolResults";
  static final String PARTS = "parts";
  static final String REVISIONS = "revisions";
  static final String REVISION = "revision";
  static final String AUTHOR = "author";
  static final String AT = "at";

  // inside tool calls and results (their shape is ToolJson's; these are what import fills in or drops)
  static final String ARGUMENTS = "arguments";
  static final String MALFORMED = "malformed";
  static final String OUTPUT = "output";
  static final String OUTPUT_TEXT = "outputText";
  static final String ERROR = "error";

  private Fields() {}
}
