using System;
using System.IO;

namespace GdprOps.Export.Package;

/// <summary>
/// Files and folders of an export package are readable by their owner only on Unix (folders 0700, files 0600), from
/// the moment they are created. On Windows they inherit the folder's ACL, as Windows users expect: put packages in
/// a folder only the right people can read.
/// </summary>
internal static class OwnerOnly
{
    public static void CreateDirectory(string path)
    {
#if NET
        if (!OperatingSystem.IsWindows())
        {
            Directory.CreateDirectory(path, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
            File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
            return;
        }
#endif
        Directory.CreateDirectory(path);
    }

    /// <summary>Narrows a file written by a helper that cannot set the mode itself to the owner (0600).</summary>
    public static void Restrict(string path)
    {
#if NET
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        }
#endif
    }

    public static FileStream Create(string path, FileMode mode = FileMode.Create, bool useAsync = false)
    {
#if NET
        if (!OperatingSystem.IsWindows())
        {
            var stream = new FileStream(path, new FileStreamOptions
            {
                Mode = mode,
                Access = FileAccess.ReadWrite,
                Share = FileShare.None,
                Options = useAsync ? FileOptions.Asynchronous : FileOptions.None,
                UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite,
            });
            // An existing file keeps its mode on open: narrow it too.
            File.SetUnixFileMode(stream.SafeFileHandle, UnixFileMode.UserRead | UnixFileMode.UserWrite);
            return stream;
        }
#endif
        return new FileStream(path, mode, FileAccess.ReadWrite, FileShare.None, 81920, useAsync);
    }
}
