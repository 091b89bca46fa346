using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Runtime.CompilerServices;
using System.Threading;
using System.Threading.Tasks;
using GdprOps.Hosting;
using GdprOps.Model;
using GdprOps.Sweep;

namespace GdprOps.Sources.FileSystem;

/// <summary>
/// A local folder or SMB share (\\server\share\path) walked depth-first without recursion. Folders that
/// cannot be listed are reported and skipped; linked folders are entered only when asked, and never twice.
/// </summary>
public sealed class FileSystemSource : IItemSource, IDescribedSource
{
    private readonly string _root;
    private readonly FileSystemSourceOptions _options;
    private readonly List<WildcardPattern> _include;
    private readonly List<WildcardPattern> _exclude;

    public FileSystemSource(string root, FileSystemSourceOptions? options = null)
    {
        if (string.IsNullOrWhiteSpace(root))
        {
            throw new ArgumentException("A root path is required.", nameof(root));
        }

        _root = Path.GetFullPath(root);
        _options = options ?? new FileSystemSourceOptions();
        _include = _options.Include.Where(p => !string.IsNullOrWhiteSpace(p)).Select(p => new WildcardPattern(p)).ToList();
        _exclude = _options.Exclude.Where(p => !string.IsNullOrWhiteSpace(p)).Select(p => new WildcardPattern(p)).ToList();
    }

    public string DisplayName => _root;

    /// <inheritdoc/>
    public SourceItem Describe() => new() { SourceKind = SourceKind.FileShare, Source = _root, Location = _options.Entry ?? string.Empty, ItemUri = _options.Entry is { } entry ? Path.Combine(_root, entry) : _root };

    /// <summary>Whether -Exclude leaves out an entry of this name at <paramref name="relative"/> below the root (its folder is not entered).</summary>
    public bool Excludes(string name, string relative) => _exclude.Any(p => p.IsMatch(name, relative));

    public async IAsyncEnumerable<SourceItem> EnumerateAsync(IRunHost host, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await Task.Yield();
        if (File.Exists(_root))
        {
            var file = new FileInfo(_root);
            if (_options.TopLevel is { } topLevel && !topLevel(file.Name))
            {
                yield break; // a file given as the root is its own unit: another shard's
            }

            yield return ToItem(file, file.DirectoryName ?? _root);
            yield break;
        }

        if (!Directory.Exists(_root))
        {
            host.WriteItemError(new ItemError(ErrorIds.PathNotFound, ErrorKind.NotFound, _root, "The path does not exist or is not reachable."));
            yield break;
        }

        var visited = new HashSet<string>(StringComparer.Ordinal) { Canonical(new DirectoryInfo(_root)) };
        var pending = new Stack<(DirectoryInfo Directory, int Depth)>();
        // One unit of a sharded share: the walk starts in the entry's folder, at the depth it has in the share, and
        // that first listing is the entry alone.
        string[] entryPath = _options.Entry?.Split(new[] { '/', '\\' }, StringSplitOptions.RemoveEmptyEntries) ?? Array.Empty<string>();
        var start = entryPath.Length > 1 ? new DirectoryInfo(Path.Combine(_root, string.Join(Path.DirectorySeparatorChar.ToString(), entryPath, 0, entryPath.Length - 1))) : new DirectoryInfo(_root);
        int startDepth = Math.Max(0, entryPath.Length - 1);
        pending.Push((start, startDepth));
        bool first = true;
        while (pending.Count > 0)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var (directory, depth) = pending.Pop();
            var entries = first && entryPath.Length > 0 ? Only(entryPath[entryPath.Length - 1], start) : List(directory, host);
            first = false;
            var subdirectories = new List<DirectoryInfo>();
            foreach (var entry in entries)
            {
                cancellationToken.ThrowIfCancellationRequested();
                string relative = Relative(entry.FullName);
                if (_exclude.Any(p => p.IsMatch(entry.Name, relative)) || (depth == 0 && _options.TopLevel is { } topLevel && !topLevel(entry.Name)))
                {
                    continue;
                }

                if (entry.Name.IndexOf('\uFFFD') >= 0)
                {
                    // A name in another encoding (Latin-1 bytes on Linux): .NET cannot name it to open it, but it is
                    // reported, never skipped in silence, and the walk goes on with its siblings.
                    if (Undecodable(entry, host) is { } unreadable)
                    {
                        yield return unreadable;
                    }

                    continue;
                }

                SourceItem? item = null;
                try
                {
                    if (entry is DirectoryInfo sub)
                    {
                        if (ShouldEnter(sub, depth, visited, host))
                        {
                            subdirectories.Add(sub);
                        }
                    }
                    else if (entry is FileInfo file && (_include.Count == 0 || _include.Any(p => p.IsMatch(file.Name, relative))))
                    {
                        item = ToItem(file, _root);
                    }
                }
                catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
                {
                    // Gone or unreadable between the listing and the look at it: this entry's error, not the folder's.
                    host.WriteItemError(ItemErrors.FromException(ex, entry.FullName));
                }

                if (item is not null)
                {
                    yield return item;
                }
            }

            // Reverse so folders come out in name order from the stack.
            for (int i = subdirectories.Count - 1; i >= 0; i--)
            {
                pending.Push((subdirectories[i], depth + 1));
            }
        }
    }

    public Task<Stream> OpenReadAsync(SourceItem item, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        var kind = FileKinds.OfTarget(item.ItemUri);
        if (kind == FileKind.Missing)
        {
            throw new Sources.SourceItemException(ErrorIds.FileNotFound, ErrorKind.NotFound, "The file no longer exists (or is a link to nothing).");
        }

        if (kind != FileKind.Regular)
        {
            // It changed since it was listed: never open a FIFO (the read would block forever) or a device.
            throw new Sources.SourceItemException(ErrorIds.SpecialFile, ErrorKind.ReadError, $"The item is now {FileKinds.Describe(kind)}: it was not read.");
        }

        // Share everything so a scan never blocks the people working with the files.
        Stream stream = new FileStream(item.ItemUri, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete, 64 * 1024, FileOptions.SequentialScan);
        return Task.FromResult(stream);
    }

    /// <summary>The version removal compares before it deletes: size and last write time.</summary>
    public static string VersionOf(FileInfo file) =>
        file.Length.ToString(CultureInfo.InvariantCulture) + "@" + file.LastWriteTimeUtc.ToString("o", CultureInfo.InvariantCulture);

    private bool ShouldEnter(DirectoryInfo directory, int depth, HashSet<string> visited, IRunHost host)
    {
        if (_options.Depth is { } max && depth >= max)
        {
            return false;
        }

        bool isLink = (directory.Attributes & FileAttributes.ReparsePoint) != 0;
        if (isLink && !_options.FollowLinks)
        {
            host.WriteVerbose("Not entering linked folder " + directory.FullName + " (use -FollowLinks).");
            return false;
        }

        // With links followed, every folder is remembered by its real path so a loop is entered once.
        if (_options.FollowLinks && !visited.Add(Canonical(directory)))
        {
            host.WriteVerbose("Not entering " + directory.FullName + " again: it leads to a folder already swept.");
            return false;
        }

        return true;
    }

    /// <summary>The one top-level entry of a share unit, as a listing of the root would give it; none when it is gone.</summary>
    private static FileSystemInfo[] Only(string entry, DirectoryInfo folder)
    {
        string full = Path.Combine(folder.FullName, entry);
        return Directory.Exists(full) ? new FileSystemInfo[] { new DirectoryInfo(full) }
            : new FileInfo(full) is { } file && (file.Exists || (int)file.Attributes != -1) ? new FileSystemInfo[] { file } // -1: nothing there, not even a broken link
            : Array.Empty<FileSystemInfo>();
    }

    private static FileSystemInfo[] List(DirectoryInfo directory, IRunHost host)
    {
        try
        {
            return directory.GetFileSystemInfos().OrderBy(e => e.Name, StringComparer.Ordinal).ToArray();
        }
        catch (UnauthorizedAccessException ex)
        {
            host.WriteItemError(new ItemError(ErrorIds.DirectoryAccessDenied, ErrorKind.PermissionDenied, directory.FullName, "The folder could not be listed: access denied.", ex));
        }
        catch (Exception ex) when (ex is IOException or System.Security.SecurityException)
        {
            host.WriteItemError(new ItemError(ErrorIds.DirectoryReadFailed, ErrorKind.ReadError, directory.FullName, "The folder could not be listed: " + ex.GetType().Name + ".", ex));
        }

        return Array.Empty<FileSystemInfo>();
    }

    /// <summary>
    /// An entry whose name is not valid UTF-8: a file becomes a NotScanned item (the DPO sees it in the report), a
    /// folder an error naming it (its contents cannot be listed by name).
    /// </summary>
    private SourceItem? Undecodable(FileSystemInfo entry, IRunHost host)
    {
        const string Reason = "The name is not valid UTF-8 (for example Latin-1 bytes written by an old system), so it cannot be opened by name: rename it to read it.";
        if (entry is DirectoryInfo)
        {
            host.WriteItemError(new ItemError(ErrorIds.DirectoryReadFailed, ErrorKind.ReadError, entry.FullName, "The folder was not swept: " + Reason));
            return null;
        }

        string directory = Path.GetDirectoryName(entry.FullName) ?? _root;
        return new SourceItem
        {
            SourceKind = SourceKind.FileShare,
            Source = _root,
            Location = RelativeTo(_root, directory) is { Length: > 0 } location ? location : ".",
            ItemId = RelativeTo(_root, entry.FullName),
            ItemName = entry.Name,
            ItemUri = entry.FullName,
            Extension = Path.GetExtension(entry.Name).ToLowerInvariant(),
            NotReadableReason = Reason,
        };
    }

    private static string? NotReadable(FileInfo file)
    {
        // FIFOs, devices and sockets report length 0; only those, and links, need the extra lstat.
        if (file.Length != 0 && (file.Attributes & FileAttributes.ReparsePoint) == 0)
        {
            return null;
        }

        var kind = FileKinds.OfTarget(file.FullName);
        return kind is FileKind.Special or FileKind.Directory
            ? $"Not a regular file ({FileKinds.Describe(kind)}): it was not opened."
            : null;
    }

    private SourceItem ToItem(FileInfo file, string root) => new()
    {
        NotReadableReason = NotReadable(file),
        SourceKind = SourceKind.FileShare,
        Source = _root,
        Location = RelativeTo(root, file.DirectoryName ?? root) is { Length: > 0 } location ? location : ".",
        ItemId = RelativeTo(root, file.FullName),
        ItemName = file.Name,
        ItemUri = file.FullName,
        Version = VersionOf(file),
        Created = new DateTimeOffset(file.CreationTimeUtc, TimeSpan.Zero),
        Modified = new DateTimeOffset(file.LastWriteTimeUtc, TimeSpan.Zero),
        SizeBytes = file.Length,
        Extension = file.Extension.ToLowerInvariant(),
    };

    private string Relative(string fullName) => RelativeTo(_root, fullName);

    private static string RelativeTo(string root, string fullName)
    {
        if (fullName.Length <= root.Length)
        {
            return string.Empty;
        }

        return fullName.Substring(root.Length).TrimStart(Path.DirectorySeparatorChar, Path.AltDirectorySeparatorChar);
    }

    private static string Canonical(DirectoryInfo directory)
    {
#if NET
        try
        {
            var target = directory.ResolveLinkTarget(returnFinalTarget: true);
            if (target is not null)
            {
                return Path.GetFullPath(target.FullName).TrimEnd(Path.DirectorySeparatorChar);
            }
        }
        catch (IOException)
        {
            // A dangling or unreadable link: fall back to its own path.
        }
#endif
        return directory.FullName.TrimEnd(Path.DirectorySeparatorChar);
    }
}
