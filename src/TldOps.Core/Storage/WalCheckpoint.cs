namespace TldOps.Core.Storage;

/// <summary>
/// What one SQLite WAL checkpoint did: <paramref name="LogFrames"/> pages in the write-ahead log,
/// <paramref name="CheckpointedFrames"/> of them copied into the database file;
/// <paramref name="Busy"/> when another checkpoint was running.
/// </summary>
public sealed record WalCheckpoint(bool Busy, long LogFrames, long CheckpointedFrames);
