namespace GdprOps.Sources;

/// <summary>A source a sweep can record as finished, so a resumed run skips it (a mailbox, a drive, a container).</summary>
public interface ICheckpointedSource
{
    /// <summary>A stable key naming the source (kind and id), never content.</summary>
    string CheckpointKey { get; }
}
