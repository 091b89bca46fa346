using System;
using System.IO;
using GdprOps.Model;

namespace GdprOps.Sources.FileSystem;

/// <summary>
/// Where a file finding really points, checked before anything reads, deletes or rewrites it. A report row is
/// trusted only for its identity: the file must lie inside the row's Source (after normalising "..", without
/// following links on the way), its ItemUri and ItemId must name the same file, a relative path is never resolved
/// against the current folder, and only a regular file is acted on (never a link, FIFO, device or socket).
/// </summary>
public static class FileItemPath
{
    private static readonly StringComparison PathComparison =
        Environment.OSVersion.Platform == PlatformID.Win32NT ? StringComparison.OrdinalIgnoreCase : StringComparison.Ordinal;

    /// <summary>The file's full path, or a <see cref="SourceItemException"/> saying why it may not be touched.</summary>
    public static string Resolve(Finding finding)
    {
        if (!IsFullyQualified(finding.Source) || !IsFullyQualified(finding.ItemUri))
        {
            throw Refused("The row's Source and ItemUri must be full paths; a relative path is never resolved against the current folder.");
        }

        string root = Path.GetFullPath(finding.Source).TrimEnd(Path.DirectorySeparatorChar, Path.AltDirectorySeparatorChar);
        string full = Path.GetFullPath(finding.ItemUri);
        bool singleFileSource = string.Equals(root, full, PathComparison);
        if (!singleFileSource)
        {
            if (!full.StartsWith(root + Path.DirectorySeparatorChar, PathComparison))
            {
                throw Refused("The item lies outside the row's Source: the row was edited or does not belong to this share.");
            }

            string expected = Path.GetFullPath(Path.Combine(root, finding.ItemId));
            if (!string.Equals(expected, full, PathComparison))
            {
                throw Refused("The row's ItemUri and ItemId name different files: the row was edited.");
            }

            // No folder between the share root and the file may be a link (a link could lead out of the share).
            for (string? folder = Path.GetDirectoryName(full); folder is not null && folder.Length > root.Length; folder = Path.GetDirectoryName(folder))
            {
                var kind = FileKinds.Of(folder);
                if (kind == FileKind.SymbolicLink)
                {
                    throw Refused("The path to the item passes through a linked folder, which may lead outside the share: it is not touched.");
                }

                if (kind == FileKind.Missing)
                {
                    // The folder itself is gone: nothing proves the file is gone rather than moved or unreachable.
                    throw new SourceItemException(ErrorIds.PathNotFound, ErrorKind.ReadError,
                        "The item's folder cannot be found, so it cannot be confirmed gone: check the share is reachable.");
                }
            }
        }

        return full;
    }

    /// <summary>
    /// What the file is now. A file counts as gone only when it is absent and its folder is present and readable;
    /// a name mangled in transit (U+FFFD from a wrong encoding) is refused, never taken as gone.
    /// </summary>
    public static FileKind Inspect(Finding finding, out string path)
    {
        if (finding.ItemUri.IndexOf('\uFFFD') >= 0 || finding.ItemId.IndexOf('\uFFFD') >= 0 || finding.Source.IndexOf('\uFFFD') >= 0)
        {
            throw Refused("The row's path contains U+FFFD (a character lost to a wrong text encoding, for example a report saved by Excel as Windows-1252 and read as UTF-8): import it with the right -Encoding.");
        }

        path = Resolve(finding);
        var kind = FileKinds.Of(path);
        if (kind == FileKind.Missing)
        {
            string? folder = Path.GetDirectoryName(path);
            if (folder is null || FileKinds.Of(folder) != FileKind.Directory)
            {
                throw new SourceItemException(ErrorIds.PathNotFound, ErrorKind.ReadError,
                    "Neither the item nor its folder can be found, so it cannot be confirmed gone: check the share is reachable.");
            }

            try
            {
                using var entries = Directory.EnumerateFileSystemEntries(folder).GetEnumerator();
                entries.MoveNext();
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                throw new SourceItemException(ErrorIds.DirectoryAccessDenied, ErrorKind.PermissionDenied,
                    "The item's folder cannot be read, so the item cannot be confirmed gone.", ex);
            }
        }

        return kind;
    }

    /// <summary>The final target of a link when it is a regular file inside the row's share; else null.</summary>
    public static string? LinkTargetInside(Finding finding, string link)
    {
#if NET
        try
        {
            var target = File.ResolveLinkTarget(link, returnFinalTarget: true);
            if (target is null)
            {
                return null;
            }

            string full = Path.GetFullPath(target.FullName);
            string root = Path.GetFullPath(finding.Source).TrimEnd(Path.DirectorySeparatorChar, Path.AltDirectorySeparatorChar);
            return full.StartsWith(root + Path.DirectorySeparatorChar, PathComparison) && FileKinds.Of(full) == FileKind.Regular ? full : null;
        }
        catch (IOException)
        {
            return null;
        }
#else
        return null;
#endif
    }

    private static bool IsFullyQualified(string path)
    {
        if (string.IsNullOrWhiteSpace(path))
        {
            return false;
        }
#if NET
        return Path.IsPathFullyQualified(path);
#else
        return Path.IsPathRooted(path) && (path.StartsWith(@"\\", StringComparison.Ordinal) || (path.Length >= 3 && path[1] == ':' && (path[2] == '\\' || path[2] == '/')) || path[0] == '/');
#endif
    }

    private static SourceItemException Refused(string reason) => new(ErrorIds.ItemOutsideSource, ErrorKind.InvalidArgument, reason);
}
