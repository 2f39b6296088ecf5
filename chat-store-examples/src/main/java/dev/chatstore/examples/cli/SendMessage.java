package dev.chatstore.examples.cli;

import dev.chatstore.ChatSession;
import dev.chatstore.ConflictException;
import dev.chatstore.Message;
import dev.chatstore.manager.SessionManager;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Starting, resuming and talking: {@code new} / {@code --new-chat}, {@code send},
 * {@code --chat-id ID} and {@code --latest}. With message words it stores the user message and
 * streams the simulated reply; without, {@code new} just creates and the others show the chat.
 */
final class SendMessage implements Command {
  /** Which chat the message goes to. */
  enum Target {
    NEW,
    BY_ID,
    LATEST,
    /** {@code send}: --chat-id if given, else the latest chat (a new one if there is none). */
    FROM_OPTIONS
  }

  private final Target target;
  private final boolean commandWord;

  SendMessage(Target target, boolean commandWord) {
    this.target = target;
    this.commandWord = commandWord;
  }

  @Override
  public void run(CliContext context, CliArgs args) {
    String name = commandWord ? args.words().get(0) : target == Target.NEW ? "--new-chat"
        : target == Target.BY_ID ? "--chat-id" : "--latest";
    args.allowOnly(name, allowed());
    List<String> words = commandWord ? args.words().subList(1, args.words().size()) : args.words();
    String text = String.join(" ", words);
    SessionManager manager = context.manager();
    switch (target) {
      case NEW -> {
        ChatSession chat = manager.create(args.option("title").orElse(""));
        context.out().println("Started chat " + chat.id());
        if (text.isBlank()) {
          return;
        }
      }
      case BY_ID -> {
        ChatSession chat = resume(manager, args.option("chat-id").orElseThrow());
        if (text.isBlank()) {
          ShowChat.show(context, chat, args);
          return;
        }
      }
      case LATEST -> {
        Optional<ChatSession> latest = manager.resumeLatest();
        if (latest.isEmpty() && text.isBlank()) {
          context.out().println(EmptyList.message(context));
          return;
        }
        if (latest.isEmpty()) {
          context.out().println("Started chat " + manager.create().id());
        } else if (text.isBlank()) {
          ShowChat.show(context, latest.get(), args);
          return;
        }
      }
      case FROM_OPTIONS -> {
        if (text.isBlank()) {
          throw new CliException(ExitCode.MISSING_ARGUMENT, "'send' needs a message: chat send [--chat-id ID] TEXT");
        }
        if (args.has("chat-id")) {
          resume(manager, args.option("chat-id").get());
        } else if (manager.resumeLatest().isEmpty()) {
          context.out().println("Started chat " + manager.create().id());
        }
      }
      default -> throw new IllegalStateException(target.name());
    }
    send(context, text);
  }

  private Set<String> allowed() {
    switch (target) {
      case NEW:
        return Set.of("new-chat", "title");
      case BY_ID:
        return Set.of("chat-id", "page", "page-size");
      case LATEST:
        return Set.of("latest", "page", "page-size");
      default:
        return Set.of("chat-id", "latest");
    }
  }

  // A deleted chat cannot be resumed; say how to bring it back.
  private static ChatSession resume(SessionManager manager, String chatId) {
    try {
      return manager.resume(chatId);
    } catch (ConflictException e) {
      if (e.reason() != ConflictException.Reason.SESSION_DELETED) {
        throw e;
      }
      throw new CliException(ExitCode.CONFLICT, "chat " + chatId + " is deleted; restore it first: chat restore "
          + chatId, e);
    }
  }

  private static void send(CliContext context, String text) {
    SessionManager manager = context.manager();
    context.out().println("you> " + text);
    manager.recordUserMessage(text);
    Message reply = EchoModel.reply(manager, text, context.out());
    ChatSession chat = manager.refresh();
    context.out().println("(chat " + chat.id() + " · \"" + Text.title(chat.title()) + "\" · message " + reply.seq()
        + ")");
  }
}
