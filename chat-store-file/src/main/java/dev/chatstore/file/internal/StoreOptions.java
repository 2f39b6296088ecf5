package dev.chatstore.file.internal;

import dev.chatstore.StoreLimits;
import dev.chatstore.file.FsyncPolicy;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;

/** Everything a file store is opened with, already validated by the public builder. */
public record StoreOptions(
    Path folder,
    StoreLimits limits,
    Clock clock,
    FsyncPolicy fsync,
    Duration recoverStreamsIdleFor,
    int maxLoadedSessions) {}
