using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using GdprOps.Hosting;
using GdprOps.Model;
using GdprOps.Sources.Blob;
using GdprOps.Sources.FileSystem;
using GdprOps.Sources.Graph;
using GdprOps.Sweep;

namespace GdprOps.Sources;

/// <summary>
/// Where to look, as every command that lists sources describes it (Find-PersonalData, the item retention cmdlets,
/// gdprops find and retention): folders and shares, mailboxes and drives in Microsoft 365, blob containers. Checked
/// and turned into sources here, once.
/// </summary>
public sealed class SourceScope
{
    /// <summary>Folders and shares, as full paths (a front end resolves its own path syntax first).</summary>
    public IReadOnlyList<string> Paths { get; set; } = Array.Empty<string>();

    public FileSystemSourceOptions Files { get; set; } = new();

    /// <summary>Mailboxes, OneDrive, SharePoint sites and Teams.</summary>
    public GraphSweepScope Graph { get; set; } = new();

    public BlobScope Blobs { get; set; } = new();

    /// <summary>
    /// This machine's part of a sweep split over several (null: all of it). Units are mailboxes, drives, containers and
    /// the top-level entries of each share, assigned by <see cref="ShardSpec.Owns"/>.
    /// </summary>
    public ShardSpec? Shard { get; set; }

    /// <summary>Whether Microsoft 365 is part of the scope (a connection is needed).</summary>
    public bool UsesGraph => !Graph.IsEmpty;

    /// <summary>Whether a cloud service (Microsoft 365 or Azure Storage) is part of the scope.</summary>
    public bool UsesCloud => UsesGraph || !Blobs.IsEmpty;

    /// <summary>Whether the scope names anything at all.</summary>
    public bool IsEmpty => Paths.Count == 0 && !UsesCloud;

    /// <summary>Every source of the scope: shares, containers, then mailboxes and drives (all mailboxes listed, sites and teams found).</summary>
    /// <exception cref="GdprOpsException">A container or drive scope that cannot be reached, or Microsoft 365 without a connection.</exception>
    public async Task<List<IItemSource>> ResolveAsync(GraphConnection? connection, SubjectProfile? subject, IRunHost host, CancellationToken cancellationToken)
    {
        var sources = Paths.SelectMany(Share).ToList();
        sources.AddRange(await ContainersAsync(connection, cancellationToken).ConfigureAwait(false));
        if (UsesGraph)
        {
            sources.AddRange(await Graph.ResolveAsync(Connected(connection), subject, host, cancellationToken).ConfigureAwait(false));
        }

        return sources.Where(Owned).ToList();
    }

    /// <summary>
    /// The sources item retention rules apply to, each with the rule scope it answers to: share for paths, blob for
    /// containers, drive for OneDrive, sites and Teams. Mailboxes have their own rules and are not listed here.
    /// </summary>
    public async Task<IReadOnlyList<(IItemSource Source, string Scope)>> ResolveForItemRulesAsync(GraphConnection? connection, IRunHost host, CancellationToken cancellationToken)
    {
        var sources = Paths.SelectMany(Share).Select(s => (s, "share")).ToList();
        sources.AddRange((await ContainersAsync(connection, cancellationToken).ConfigureAwait(false)).Select(s => (s, "blob")));
        if (!Drives.IsEmpty)
        {
            sources.AddRange((await Drives.ResolveAsync(Connected(connection), null, host, cancellationToken).ConfigureAwait(false)).Select(s => (s, "drive")));
        }

        return sources.Where(s => Owned(s.Item1)).ToList();
    }

    /// <summary>Checks that the scope names something item rules apply to (before paths are resolved: a path that does not resolve is its own error).</summary>
    /// <exception cref="GdprOpsException">Nothing to apply item rules to.</exception>
    public void ValidateForItemRules()
    {
        if (Paths.Count == 0 && Blobs.IsEmpty && Drives.IsEmpty)
        {
            throw new GdprOpsException(ErrorIds.InvalidArgument, ErrorKind.InvalidArgument,
                "Say where to look: -Path (share rules), -BlobContainer or -BlobSasUri (blob rules), -OneDrive, -Site, -AllSites or -Team (drive rules).");
        }
    }

    /// <summary>The drive part of <see cref="Graph"/> (OneDrive, sites, Teams) without the mailboxes.</summary>
    public GraphSweepScope Drives => new() { OneDrives = Graph.OneDrives, Sites = Graph.Sites, AllSites = Graph.AllSites, Teams = Graph.Teams };

    /// <summary>
    /// The unit key of a share's top-level entry: the share's full path and the entry's name, case folded as the
    /// file system of the share would (the same on every machine for one share path).
    /// </summary>
    public static string ShareUnitKey(string share, string entry) => "share:" + share.TrimEnd('/', '\\') + "/" + entry;

    /// <summary>
    /// The sources of one path. With a shard, a folder's top-level entries are its units: each one this shard owns is a
    /// source of its own, checkpointed on its own (a killed shard resumes entry by entry), with the share as its root so
    /// findings read as in a single run. A file, or a path that cannot be listed, stays one source (and its own error).
    /// </summary>
    private IEnumerable<IItemSource> Share(string path)
    {
        if (Shard is not { } shard)
        {
            return new[] { new FileSystemSource(path, Files) };
        }

        // Every unit of the share: Owned keeps this shard's, by the unit key, as it does for mailboxes and drives.
        var entries = ShareEntries(path);
        return entries.Count == 0
            ? new[] { new FileSystemSource(path, Files.With(entry => shard.Owns(ShareUnitKey(path, entry)))) }
            : entries.Select(e => (IItemSource)new ShareUnitSource(new FileSystemSource(path, Files.WithEntry(e)), ShareUnitKey(path, e)));
    }

    /// <summary>
    /// With a shard, how deep a share is cut into units: 1 (the default) makes each top-level entry a unit; 2 makes each
    /// entry of a top-level folder a unit (so one huge top-level folder is spread over the shards), and so on. Files
    /// above that depth are units of their own; excluded and linked folders are not entered (each stays one unit).
    /// </summary>
    public int ShardDepth { get; set; } = 1;

    /// <summary>A folder's units down to <see cref="ShardDepth"/>, as '/'-separated paths below it in name order; none for a file or a path that cannot be listed.</summary>
    private IReadOnlyList<string> ShareEntries(string path)
    {
        var units = new List<string>();
        var rules = new FileSystemSource(path, Files);
        void Walk(string folder, string relative, int level)
        {
            string[] names;
            try
            {
                names = System.IO.Directory.GetFileSystemEntries(folder).Select(e => System.IO.Path.GetFileName(e)!).OrderBy(e => e, StringComparer.Ordinal).ToArray();
            }
            catch (Exception ex) when (ex is System.IO.IOException or UnauthorizedAccessException or System.Security.SecurityException)
            {
                if (relative.Length > 0)
                {
                    units.Add(relative); // the unit's own sweep reports why it cannot be listed
                }

                return;
            }

            foreach (string name in names)
            {
                string unit = relative.Length == 0 ? name : relative + "/" + name;
                var folderEntry = new System.IO.DirectoryInfo(System.IO.Path.Combine(folder, name));
                bool enter = level < ShardDepth && (Files.Depth is not { } max || level <= max) && folderEntry.Exists
                    && (folderEntry.Attributes & System.IO.FileAttributes.ReparsePoint) == 0 && !rules.Excludes(name, unit);
                if (enter)
                {
                    Walk(folderEntry.FullName, unit, level + 1);
                }
                else
                {
                    units.Add(unit);
                }
            }
        }

        if (System.IO.Directory.Exists(path))
        {
            Walk(path, string.Empty, 1);
        }

        return units;
    }

    /// <summary>
    /// The units this scope covers, as keys (mailbox:..., drive:..., blob:..., share:PATH/ENTRY): with a shard, only
    /// its own. Shares are listed at their top level only; cloud units are known once <see cref="ResolveAsync"/> ran.
    /// </summary>
    public IReadOnlyList<string> Units(IEnumerable<IItemSource> resolved)
    {
        var units = resolved.OfType<ICheckpointedSource>().Select(s => s.CheckpointKey).ToList();
        foreach (string share in Paths.Where(System.IO.File.Exists))
        {
            // A file given as a path is one unit, its shard's by its name.
            string entry = System.IO.Path.GetFileName(share);
            if (Shard is not { } shard || shard.Owns(ShareUnitKey(share, entry)))
            {
                units.Add(ShareUnitKey(share, entry));
            }
        }

        return units.Distinct(StringComparer.Ordinal).OrderBy(u => u, StringComparer.Ordinal).ToList();
    }

    /// <summary>
    /// The blob containers; with a shard, each split into units (its virtual folders and its top-level blobs) and each
    /// unit blob by blob: see <see cref="BlobContainerSource.SplitAsync"/>.
    /// </summary>
    private async Task<IReadOnlyList<IItemSource>> ContainersAsync(GraphConnection? connection, CancellationToken cancellationToken)
    {
        var containers = Blobs.Resolve(connection);
        if (Shard is not { } shard)
        {
            return containers;
        }

        var parts = new List<IItemSource>();
        foreach (var container in containers)
        {
            parts.AddRange(container is BlobContainerSource blob ? await blob.SplitAsync(shard, cancellationToken).ConfigureAwait(false) : new[] { container });
        }

        return parts;
    }

    /// <summary>
    /// A mailbox, drive or share unit (<see cref="Share"/>) is this shard's by its checkpoint key; a container's parts
    /// are split blob by blob inside (<see cref="ContainersAsync"/>), so every shard keeps all of them.
    /// </summary>
    private bool Owned(IItemSource source) =>
        Shard is not { } shard || source is BlobContainerSource || source is not ICheckpointedSource unit || shard.Owns(unit.CheckpointKey);

    private static GraphConnection Connected(GraphConnection? connection) => connection
        ?? throw new GdprOpsException(ErrorIds.NotConnected, ErrorKind.InvalidArgument, "Not connected to Microsoft 365: run Connect-GdprOps first.");
}
