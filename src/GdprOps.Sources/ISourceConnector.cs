using System.Collections.Generic;
using System.IO;
using System.Threading;
using System.Threading.Tasks;
using GdprOps.Model;
using GdprOps.Removal;

namespace GdprOps.Sources;

/// <summary>
/// All GdprOps knows about the items of one kind of source, given a finding: how to open one, read its current
/// version, what keeps it from being removed, how to remove it in each mode, how to rewrite it (redaction), and
/// which source to sweep again to verify an erasure. Looked up by <see cref="SourceKind"/> in
/// <see cref="SourceConnectors"/>: adding a source kind is adding one connector.
/// </summary>
public interface ISourceConnector
{
    SourceKind Kind { get; }

    /// <summary>The item's content (a message as MIME).</summary>
    Task<Stream> OpenAsync(Finding finding, CancellationToken cancellationToken);

    /// <summary>The item's version and name as they are now; null when it is gone.</summary>
    Task<CurrentItem?> CurrentItemAsync(Finding finding, CancellationToken cancellationToken);

    /// <summary>What will keep the item from being removed (a legal hold ...), when the source says so before acting; else null.</summary>
    Task<string?> RetentionReasonAsync(Finding finding, CancellationToken cancellationToken);

    /// <summary>Removes the item pinned to <paramref name="version"/>; every refusal is a result, never an exception.</summary>
    Task<RemovalResult> RemoveAsync(Finding finding, RemovalMode mode, string version, CancellationToken cancellationToken);

    /// <summary>Writes <paramref name="content"/> as the item's new content (redaction), pinned to <paramref name="version"/>.</summary>
    Task<RemovalResult> ReplaceAsync(Finding finding, Stream content, string version, CancellationToken cancellationToken);

    /// <summary>Where a Delete puts the item, in the words -WhatIf shows ("Delete (to the recycle bin)").</summary>
    string DescribeDelete { get; }

    /// <summary>The source to sweep again after removing <paramref name="findings"/> (all from one source); null when it cannot be reached.</summary>
    IItemSource? VerificationSource(IReadOnlyList<Finding> findings, SubjectProfile subject);
}
