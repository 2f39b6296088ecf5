package dev.chatstore.file;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.chatstore.ChatSession;
import dev.chatstore.MessageStatus;
import dev.chatstore.MessageUpdate;
import dev.chatstore.NewMessage;
import dev.chatstore.NewSession;
import dev.chatstore.SessionQuery;
import dev.chatstore.SessionStore;
import dev.chatstore.metadata.MessageMetadata;
import dev.chatstore.testkit.SecretChat;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The module README's description of a version-3 line is enough to open its values with the JDK alone:
 * {@code cse1:<keyId>:<base64url(nonce, ciphertext, tag)>}, AES-256-GCM, the associated data the domain
 * string, key id, session id, message id and field, each prefixed by its length; the field names the
 * line's event and its place; the sealed object holds only the value fields the README lists.
 */
class SealedValuesByHandTest {
  private static final Pattern SEALED = Pattern.compile("\"sealed\":\"cse1:([^:\"]+):([^\"]+)\"");
  /** The value fields the README lists as what a sealed object holds. */
  private static final Set<String> README_FIELDS = Set.of("title", "metadata", "state", "content", "body",
      "toolCalls", "toolResult", "text", "reasoning", "signature", "attachments", "parts", "author");
  private static final Set<String> MESSAGE_EVENTS = Set.of("message.appended", "stream.begun", "stream.flushed",
      "stream.finished", "message.updated", "message.revised");

  @TempDir
  Path folder;

  @Test
  void theReadmeRecipeOpensSessionMessageAndIndexValues() throws Exception {
    ChatSession chat;
    String messageId;
    try (SessionStore store = TestKeys.builder(folder, "k1", "k1").open()) {
      chat = store.createSession(NewSession.forOwner("me").title("Refactoring").build());
      messageId = store.append(chat.id(), NewMessage.user("Where is the retry logic?")).id();
      store.updateMessage(chat.id(), messageId, MessageUpdate.status(MessageStatus.ERROR)); // a line, no values
      store.updateMessage(chat.id(), messageId, MessageUpdate.metadata(MessageMetadata.empty().withError("seen")));
    }
    List<String> lines = Files.readAllLines(folder.resolve("sessions").resolve(chat.id() + ".jsonl"));
    assertThat(lines.get(0)).isEqualTo("{\"format\":\"chat-store-session\",\"version\":3}");

    assertThat(open(lines.get(1), chat.id(), "", "session.created@v1")).contains("\"title\":\"Refactoring\"");
    assertThat(open(lines.get(2), chat.id(), messageId, "message.appended@0"))
        .contains("\"content\":\"Where is the retry logic?\"");
    assertThat(lines.get(3)).as("a status-only update has nothing to seal").doesNotContain("sealed");
    assertThat(open(lines.get(4), chat.id(), messageId, "message.updated@2")).contains("seen");

    String entry = Files.readAllLines(folder.resolve("index.jsonl")).get(1);
    Matcher title = Pattern.compile("\"title\":\"cse1:k1:([^\"]+)\"").matcher(entry);
    assertThat(title.find()).isTrue();
    assertThat(decrypt("k1", title.group(1), chat.id(), "", "index.title")).isEqualTo("Refactoring");
  }

  @Test
  void everyLineOfARichChatOpensByThePlaceRuleAndHoldsOnlyTheListedFields() throws Exception {
    String id;
    try (SessionStore store = TestKeys.builder(folder, "k1", "k1").open()) {
      SecretChat.writeInto(store, "owner");
      id = store.listSessions(SessionQuery.of("owner")).items().get(0).id();
    }
    ObjectMapper json = new ObjectMapper();
    Map<String, Integer> linesOf = new HashMap<>();
    int sealed = 0;
    List<String> lines = Files.readAllLines(folder.resolve("sessions").resolve(id + ".jsonl"));
    for (String line : lines.subList(1, lines.size())) {
      var fields = json.readTree(line);
      String event = fields.get("event").asText();
      String field;
      String messageId = "";
      if (MESSAGE_EVENTS.contains(event)) {
        messageId = fields.get("id").asText();
        field = event + "@" + (linesOf.merge(messageId, 1, Integer::sum) - 1); // every earlier line counts
      } else {
        field = event + "@v" + (event.equals("session.created") ? 1 : fields.get("version").asLong());
      }
      if (!fields.has("sealed")) {
        continue;
      }
      var values = json.readTree(open(line, id, messageId, field));
      String where = field;
      values.fieldNames().forEachRemaining(name -> assertThat(README_FIELDS).as("%s in %s", name, where)
          .contains(name));
      sealed++;
    }
    assertThat(sealed).isGreaterThan(5);
  }

  private static String open(String line, String sessionId, String messageId, String field) throws Exception {
    Matcher m = SEALED.matcher(line);
    assertThat(m.find()).as(line).isTrue();
    return decrypt(m.group(1), m.group(2), sessionId, messageId, field);
  }

  private static String decrypt(String keyId, String base64url, String sessionId, String messageId, String field)
      throws Exception {
    byte[] bytes = Base64.getUrlDecoder().decode(base64url);
    Cipher aes = Cipher.getInstance("AES/GCM/NoPadding");
    aes.init(Cipher.DECRYPT_MODE, new SecretKeySpec(TestKeys.key(keyId), "AES"),
        new GCMParameterSpec(128, Arrays.copyOf(bytes, 12)));
    ByteArrayOutputStream aad = new ByteArrayOutputStream();
    for (String piece : new String[] {"chat-store/aes-256-gcm/1", keyId, sessionId, messageId, field}) {
      byte[] utf8 = piece.getBytes(StandardCharsets.UTF_8);
      aad.writeBytes(ByteBuffer.allocate(4).putInt(utf8.length).array()); // big-endian
      aad.writeBytes(utf8);
    }
    aes.updateAAD(aad.toByteArray());
    return new String(aes.doFinal(bytes, 12, bytes.length - 12), StandardCharsets.UTF_8);
  }
}
