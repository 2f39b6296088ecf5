/**
 * Encryption at rest for the durable backends: {@link dev.chatstore.crypto.Encryption} (AES-256-GCM)
 * given to a backend's builder, the host's {@link dev.chatstore.crypto.KeyProvider}, the
 * {@link dev.chatstore.crypto.KeyRotation} job that re-seals older values with the current key, and
 * {@link dev.chatstore.crypto.MissingKeyException} for a value whose key is gone. What is and is not
 * encrypted is listed in the README's security section.
 */
package dev.chatstore.crypto;
