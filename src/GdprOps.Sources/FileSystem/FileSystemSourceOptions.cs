using System;
using System.Collections.Generic;

namespace GdprOps.Sources.FileSystem;

/// <summary>Which files of a folder tree a sweep reads.</summary>
public sealed class FileSystemSourceOptions
{
    /// <summary>Wildcards (* and ?) on the file name, or on the path relative to the root when they hold a slash. Empty: every file.</summary>
    public IReadOnlyList<string> Include { get; set; } = Array.Empty<string>();

    /// <summary>Wildcards for files and folders to leave out; a matching folder is not entered.</summary>
    public IReadOnlyList<string> Exclude { get; set; } = Array.Empty<string>();

    /// <summary>How many folder levels below the root to enter; null for all.</summary>
    public int? Depth { get; set; }

    /// <summary>Enter folders that are symbolic links or junctions. Loops are detected and skipped either way.</summary>
    public bool FollowLinks { get; set; }

    /// <summary>
    /// Which entries directly in the root (files and folders, by name) this sweep takes; null for all. A sharded sweep
    /// splits a share by its top-level entries (see <see cref="GdprOps.Sweep.ShardSpec"/>).
    /// </summary>
    public Func<string, bool>? TopLevel { get; set; }

    /// <summary>
    /// Only this one entry directly in the root (a file or a folder, by name), found without listing the root: one unit of
    /// a sharded share, so a share of 10,000 home folders is not listed 10,000 times. Null: every entry.
    /// </summary>
    public string? Entry { get; set; }

    /// <summary>A copy with <paramref name="topLevel"/> as its <see cref="TopLevel"/> filter.</summary>
    public FileSystemSourceOptions With(Func<string, bool>? topLevel) => new() { Include = Include, Exclude = Exclude, Depth = Depth, FollowLinks = FollowLinks, TopLevel = topLevel, Entry = Entry };

    /// <summary>A copy that sweeps only <paramref name="entry"/> (see <see cref="Entry"/>).</summary>
    public FileSystemSourceOptions WithEntry(string entry) => new() { Include = Include, Exclude = Exclude, Depth = Depth, FollowLinks = FollowLinks, TopLevel = TopLevel, Entry = entry };
}
