package dev.chatstore.examples.cli;

/** One thing the CLI does; throws {@link CliException} or the store's exceptions for bad input. */
interface Command {
  void run(CliContext context, CliArgs args);
}
