using System;
using System.IO;
using System.Runtime.InteropServices;

namespace GdprOps.Sources.FileSystem;

/// <summary>
/// Tells regular files from links and special files without opening them. .NET's FileInfo reports a FIFO,
/// device or socket as an ordinary file, and opening a FIFO for reading blocks until a writer appears, so on
/// Unix the type comes from lstat (through the runtime's own native shim, the one FileInfo itself uses).
/// </summary>
public static class FileKinds
{
    private const int TypeMask = 0xF000;
    private const int Fifo = 0x1000;
    private const int CharacterDevice = 0x2000;
    private const int DirectoryType = 0x4000;
    private const int BlockDevice = 0x6000;
    private const int RegularType = 0x8000;
    private const int LinkType = 0xA000;
    private const int Socket = 0xC000;

    public static FileKind Of(string path)
    {
#if NET
        if (!OperatingSystem.IsWindows())
        {
            return UnixKind(path);
        }
#endif
        return ManagedKind(path);
    }

    /// <summary>What .NET itself can tell: links and folders, but a FIFO or device looks like a file of length 0.</summary>
    private static FileKind ManagedKind(string path)
    {
        var info = new FileInfo(path);
        if ((info.Exists || Directory.Exists(path)) && (info.Attributes & FileAttributes.ReparsePoint) != 0)
        {
            return FileKind.SymbolicLink;
        }

        return info.Exists ? FileKind.Regular : Directory.Exists(path) ? FileKind.Directory : FileKind.Missing;
    }

#if NET
    private static unsafe FileKind UnixKind(string path)
    {
        // The shim's FileStatus starts with two ints (flags, mode); the buffer is far larger than the struct.
        byte* status = stackalloc byte[512];
        try
        {
            if (LStat(path, status) != 0)
            {
                return FileKind.Missing;
            }
        }
        catch (Exception ex) when (ex is DllNotFoundException or EntryPointNotFoundException)
        {
            // A host that cannot reach the runtime's shim: the managed view.
            return ManagedKind(path);
        }

        int mode = *(int*)(status + 4) & TypeMask;
        return mode switch
        {
            RegularType => FileKind.Regular,
            DirectoryType => FileKind.Directory,
            LinkType => FileKind.SymbolicLink,
            Fifo or CharacterDevice or BlockDevice or Socket => FileKind.Special,
            _ => FileKind.Special,
        };
    }

    [DllImport("libSystem.Native", EntryPoint = "SystemNative_LStat", SetLastError = true)]
    private static extern unsafe int LStat([MarshalAs(UnmanagedType.LPUTF8Str)] string path, byte* output);
#endif

    /// <summary>What a path leads to: a link is followed to its final target (a dangling link is Missing).</summary>
    public static FileKind OfTarget(string path)
    {
        var kind = Of(path);
        if (kind != FileKind.SymbolicLink)
        {
            return kind;
        }
#if NET
        try
        {
            var target = File.ResolveLinkTarget(path, returnFinalTarget: true);
            return target is null ? FileKind.Missing : Of(target.FullName);
        }
        catch (IOException)
        {
            return FileKind.Missing;
        }
#else
        return File.Exists(path) ? FileKind.Regular : FileKind.Missing;
#endif
    }

    /// <summary>Words for a kind, in messages.</summary>
    public static string Describe(FileKind kind) => kind switch
    {
        FileKind.SymbolicLink => "a symbolic link",
        FileKind.Special => "a special file (FIFO, device or socket)",
        FileKind.Directory => "a folder",
        FileKind.Missing => "missing",
        _ => "a file",
    };
}
