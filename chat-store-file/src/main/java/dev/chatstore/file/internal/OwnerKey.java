package dev.chatstore.file.internal;

/** A conversation key as the store indexes it: unique per owner, so the same key of two owners is two keys. */
record OwnerKey(String owner, String key) {}
