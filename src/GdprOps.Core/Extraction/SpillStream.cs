using System;
using System.IO;

namespace GdprOps.Extraction;

/// <summary>Where a nested item (an attachment, an archive entry) is unpacked: memory when small, a temporary file (deleted on close) when not.</summary>
public static class SpillStream
{
    private const long InMemoryLimit = 8L * 1024 * 1024;

    public static Stream Create(long expectedBytes) => expectedBytes <= InMemoryLimit ? new MemoryStream() : TemporaryFile();

    /// <summary>A temporary file only this process can open, deleted when the stream is closed.</summary>
    public static FileStream TemporaryFile() =>
        new(Path.Combine(Path.GetTempPath(), "gdprops-" + Guid.NewGuid().ToString("N") + ".tmp"), FileMode.CreateNew, FileAccess.ReadWrite, FileShare.None, 81920, FileOptions.DeleteOnClose);
}
