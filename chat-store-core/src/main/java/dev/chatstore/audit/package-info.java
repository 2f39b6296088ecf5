/**
 * The audit hook: {@link dev.chatstore.audit.AuditedStore} over any store hands an
 * {@link dev.chatstore.audit.AuditListener} one {@link dev.chatstore.audit.AuditEvent} per read and
 * write, off the calling thread, with no write of its own.
 */
package dev.chatstore.audit;
