package dev.chatstore.active;

import dev.chatstore.InvalidInputException;
import dev.chatstore.spi.Checks;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * One open chat at one moment: its key, the tools attached to it and its context items, each list in
 * the order items were first added. Immutable: a change makes a new value, so a reader never sees a
 * half-applied change.
 */
public record ActiveChat(ChatKey key, List<ToolSpec> tools, List<ContextItem> context) {
  /** Most tools one chat may hold. */
  public static final int MAX_TOOLS = 256;
  /** Most context items one chat may hold. */
  public static final int MAX_CONTEXT_ITEMS = 1000;

  public ActiveChat {
    Checks.notNull(key, "key");
    tools = Checks.list(tools, "tools");
    context = Checks.list(context, "context");
    if (tools.size() > MAX_TOOLS) {
      throw new InvalidInputException("tools", "holds " + tools.size() + " tools, more than the limit of " + MAX_TOOLS);
    }
    if (context.size() > MAX_CONTEXT_ITEMS) {
      throw new InvalidInputException("context",
          "holds " + context.size() + " items, more than the limit of " + MAX_CONTEXT_ITEMS);
    }
    if (tools.stream().map(ToolSpec::name).distinct().count() != tools.size()) {
      throw new InvalidInputException("tools", "holds two tools with the same name");
    }
    if (context.stream().map(ContextItem::id).distinct().count() != context.size()) {
      throw new InvalidInputException("context", "holds two items with the same id");
    }
  }

  /** An open chat with nothing attached. */
  public static ActiveChat empty(ChatKey key) {
    return new ActiveChat(key, List.of(), List.of());
  }

  public Optional<ToolSpec> tool(String name) {
    return tools.stream().filter(t -> t.name().equals(name)).findFirst();
  }

  public Optional<ContextItem> contextItem(String id) {
    return context.stream().filter(c -> c.id().equals(id)).findFirst();
  }

  /** A copy holding {@code tool}, replacing the tool of the same name in place. */
  public ActiveChat withTool(ToolSpec tool) {
    Checks.notNull(tool, "tool");
    List<ToolSpec> next = new ArrayList<>(tools);
    int at = indexOf(next.stream().map(ToolSpec::name).toList(), tool.name());
    if (at >= 0) {
      next.set(at, tool);
    } else {
      next.add(tool);
    }
    return new ActiveChat(key, next, context);
  }

  public ActiveChat withoutTool(String name) {
    Checks.notNull(name, "name");
    return new ActiveChat(key, tools.stream().filter(t -> !t.name().equals(name)).toList(), context);
  }

  /** A copy holding {@code item}, replacing the item of the same id in place. */
  public ActiveChat withContextItem(ContextItem item) {
    Checks.notNull(item, "item");
    List<ContextItem> next = new ArrayList<>(context);
    int at = indexOf(next.stream().map(ContextItem::id).toList(), item.id());
    if (at >= 0) {
      next.set(at, item);
    } else {
      next.add(item);
    }
    return new ActiveChat(key, tools, next);
  }

  public ActiveChat withoutContextItem(String id) {
    Checks.notNull(id, "id");
    return new ActiveChat(key, tools, context.stream().filter(c -> !c.id().equals(id)).toList());
  }

  /** The same tools and context under another key: what a promoted draft becomes. */
  public ActiveChat withKey(ChatKey newKey) {
    return new ActiveChat(newKey, tools, context);
  }

  private static int indexOf(List<String> names, String name) {
    return names.indexOf(name);
  }
}
