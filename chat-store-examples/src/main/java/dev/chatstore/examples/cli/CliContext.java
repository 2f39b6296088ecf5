package dev.chatstore.examples.cli;

import dev.chatstore.SessionStore;
import dev.chatstore.manager.SessionManager;
import java.io.PrintStream;

/** What a command works with: the user's view of the open store, their session manager, and where to print. */
record CliContext(SessionStore store, SessionManager manager, PrintStream out) {}
