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

        var owned = Files.With(entry => shard.Owns(ShareUnitKey(path, entry)));
        string[] entries;
        try
        {
            entries = System.IO.Directory.Exists(path) ? System.IO.Directory.GetFileSystemEntries(path).Select(e => System.IO.Path.GetFileName(e)!).ToArray() : Array.Empty<string>();
        }
        catch (Exception ex) when (ex is System.IO.IOException or UnauthorizedAccessException)
        {
            entries = Array.Empty<string>(); // the sweep of the path reports why it cannot be listed
        }

        return entries.Length == 0
            ? new[] { new FileSystemSource(path, owned) }
            : entries.Where(e => shard.Owns(ShareUnitKey(path, e))).OrderBy(e => e, StringComparer.Ordinal)
                .Select(e => (IItemSource)new ShareUnitSource(new FileSystemSource(path, owned.WithEntry(e)), ShareUnitKey(path, e)));
    }

    /// <summary>
    /// The units this scope covers, as keys (mailbox:..., drive:..., blob:..., share:PATH/ENTRY): with a shard, only
    /// its own. Shares are listed at their top level only; cloud units are known once <see cref="ResolveAsync"/> ran.
    /// </summary>
    public IReadOnlyList<string> Units(IEnumerable<IItemSource> resolved)
    {
        var units = resolved.OfType<ICheckpointedSource>().Select(s => s.CheckpointKey).ToList();
        units.RemoveAll(u => u.StartsWith("share:", StringComparison.Ordinal)); // listed again below, also for a share given as a file
        foreach (string share in Paths)
        {
            var entries = System.IO.File.Exists(share)
                ? new[] { System.IO.Path.GetFileName(share) }
                : System.IO.Directory.Exists(share) ? System.IO.Directory.EnumerateFileSystemEntries(share).Select(e => System.IO.Path.GetFileName(e)!) : Enumerable.Empty<string>();
            units.AddRange(entries.Where(e => Shard is not { } shard || shard.Owns(ShareUnitKey(share, e))).Select(e => ShareUnitKey(share, e)));
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
    /// A mailbox or drive is this shard's by its checkpoint key; a share is split by its top-level entries
    /// (<see cref="Share"/>) and a container by its folders and blobs (<see cref="ContainersAsync"/>).
    /// </summary>
    private bool Owned(IItemSource source) =>
        Shard is not { } shard || source is BlobContainerSource or ShareUnitSource || source is not ICheckpointedSource unit || shard.Owns(unit.CheckpointKey);

    private static GraphConnection Connected(GraphConnection? connection) => connection
        ?? throw new GdprOpsException(ErrorIds.NotConnected, ErrorKind.InvalidArgument, "Not connected to Microsoft 365: run Connect-GdprOps first.");
}
