package dev.chatstore.examples.cli;

import java.io.PrintStream;

/** The help text: what {@code chat help} prints. */
final class Usage {
  private Usage() {}

  static void print(PrintStream out) {
    out.print("""
        chat - a command-line chat over chat-store (replies come from a simulated echo model)

        Usage: chat [--dir DIR] [--owner NAME] COMMAND [ARGS]

        Commands:
          list [--deleted] [--limit N] [--after CURSOR]
                                                 your chats (--deleted: the trash), latest first, N a
                                                 page (20); a page ends with the command for the next
          show ID [--page N] [--page-size N]     one chat, a page at a time (default: the last page)
          new [--title TITLE] [MESSAGE...]       start a chat, and send MESSAGE if given
          send [--chat-id ID] MESSAGE...         send to a chat (default: the latest) and stream the reply
          search TEXT... [--limit N]             messages containing TEXT, newest first
          rename ID TITLE...                     give a chat your own title
          delete ID                              move a chat to the trash
          restore ID                             take a deleted chat out of the trash
          export ID [--format json|jsonl|md] [--output FILE] [--metadata]
                                                 write a chat out (stdout unless --output)
          import FILE [--fresh-ids] [--replace]  read a JSON or JSONL export in as your chat
          help                                   this text

        Shortcuts, as a chat UI's command line passes them:
          --list-chats                           = list
          --new-chat [--title T] [MESSAGE...]    = new
          --chat-id ID [MESSAGE...]              resume ID: send MESSAGE, or show the chat
          --latest [MESSAGE...]                  resume the latest chat: send MESSAGE, or show it

        Options:
          --dir DIR       where the chats are kept (an H2 database), default ./chat-store-data
          --owner NAME    whose chats, default "local"

        Exit codes: 0 ok, 1 internal error, 2 unknown command or option, 3 missing argument,
          4 unknown id, 5 invalid id, 6 file not readable, 7 not a valid export, 8 conflict,
          9 invalid value, 10 storage unavailable, 11 corrupt data, 12 output not writable.
        """);
  }
}
