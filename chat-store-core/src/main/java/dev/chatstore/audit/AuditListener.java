package dev.chatstore.audit;

/**
 * Receives every audited call, on the hook's one delivery thread, in the order the calls ended. May be
 * slow: the store never waits for it (events it cannot keep up with are dropped and counted). An
 * exception it throws is logged and delivery goes on.
 */
@FunctionalInterface
public interface AuditListener {
  void onEvent(AuditEvent event);
}
