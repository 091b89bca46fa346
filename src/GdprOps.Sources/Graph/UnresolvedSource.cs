using System;
using System.Collections.Generic;
using System.IO;
using System.Threading;
using System.Threading.Tasks;
using GdprOps.Hosting;
using GdprOps.Model;

namespace GdprOps.Sources.Graph;

/// <summary>
/// A place the scope names that could not be turned into a source: a site, OneDrive or team that does not resolve, a
/// site whose libraries cannot be listed, a mailbox whose type could not be read for -MailboxType. It is swept like any
/// source and its listing fails with the error resolving it met, so the sweep reports it the way it reports a mailbox the
/// app may not read: an error line and a NotScanned row of the report, which the Data Protection Officer reviews (before,
/// only the error line said that a site named in the scope was never searched). Never finished, so never checkpointed as
/// done: a resumed run resolves it again.
/// </summary>
internal sealed class UnresolvedSource : IItemSource, IDescribedSource, ICheckpointedSource
{
    private readonly SourceItemException _error;
    private readonly SourceKind _kind;
    private readonly string _name;

    /// <param name="kind">What it would have been (a drive for OneDrive, site and team libraries; a mailbox).</param>
    /// <param name="name">The place as the scope names it (a user, a site URL, a team): the row's Source and Owner.</param>
    /// <param name="displayName">How the error names it ("site https://...", "OneDrive of ..."): the row's ItemId.</param>
    /// <param name="checkpointKey">Its unit key: with shards, one shard reports it (a mailbox: the shard that would sweep it).</param>
    public UnresolvedSource(SourceKind kind, string name, string displayName, string checkpointKey, SourceItemException error)
    {
        _kind = kind;
        _name = name;
        DisplayName = displayName;
        CheckpointKey = checkpointKey;
        _error = error;
    }

    public string DisplayName { get; }

    public string CheckpointKey { get; }

    public SourceItem Describe() => new() { SourceKind = _kind, Source = _name, Owner = _name };

#pragma warning disable CS1998 // An iterator that fails at once: the sweep's listing failure is the report of this place.
    public async IAsyncEnumerable<SourceItem> EnumerateAsync(IRunHost host, [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken)
#pragma warning restore CS1998
    {
        cancellationToken.ThrowIfCancellationRequested();
        throw new SourceItemException(_error.ErrorId, _error.Kind, _error.Message, _error);
#pragma warning disable CS0162 // An iterator needs a yield to be one.
        yield break;
#pragma warning restore CS0162
    }

    public Task<Stream> OpenReadAsync(SourceItem item, CancellationToken cancellationToken) =>
        throw new InvalidOperationException("An unresolved place has no items.");
}
