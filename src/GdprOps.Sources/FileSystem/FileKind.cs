namespace GdprOps.Sources.FileSystem;

/// <summary>What a path names on disk, as lstat tells it (a link is not followed).</summary>
public enum FileKind
{
    Missing,
    Regular,
    Directory,
    SymbolicLink,

    /// <summary>A FIFO, device, socket or other non-regular file: never opened (a FIFO blocks the reader forever).</summary>
    Special,
}
