using System;
using System.Collections.Generic;
using System.IO;
using System.Threading;
using System.Threading.Tasks;
using Azure.Storage.Blobs;
using GdprOps.Model;
using GdprOps.Removal;
using GdprOps.Sources.Graph;

namespace GdprOps.Sources;

/// <summary>
/// Erasure for every source, through the connector of each finding's kind. Deletes are pinned to the version that
/// was verified, holds and immutability answers become Retained with the service's reason, and a missing item is
/// AlreadyGone, so running the same plan twice removes nothing twice.
/// </summary>
public sealed class SourceItemRemover : IItemRemover, IBatchItemRemover
{
    private readonly SourceConnectors connectors;

    public SourceItemRemover(GraphConnection? connection, string? blobConnectionString = null)
    {
        connectors = new SourceConnectors(connection, blobConnectionString);
    }

    /// <param name="blobOptions">Client options for blob requests (tests inject service answers Azurite lacks, such as legal holds).</param>
    /// <remarks>A separate overload: callers in the cmdlet assembly must not see an Azure type in the signature they bind to.</remarks>
    public SourceItemRemover(GraphConnection? connection, string? blobConnectionString, BlobClientOptions? blobOptions)
    {
        connectors = new SourceConnectors(connection, blobConnectionString, blobOptions);
    }

    public Task<Stream> OpenAsync(Finding finding, CancellationToken cancellationToken) => connectors.For(finding.SourceKind).OpenAsync(finding, cancellationToken);

    public Task<CurrentItem?> CurrentItemAsync(Finding finding, CancellationToken cancellationToken) => connectors.For(finding.SourceKind).CurrentItemAsync(finding, cancellationToken);

    public Task<string?> RetentionReasonAsync(Finding finding, CancellationToken cancellationToken) => connectors.For(finding.SourceKind).RetentionReasonAsync(finding, cancellationToken);

    public Task<RemovalResult> RemoveAsync(Finding finding, RemovalMode mode, string version, CancellationToken cancellationToken) =>
        connectors.For(finding.SourceKind).RemoveAsync(finding, mode, version, cancellationToken);

    public Task<RemovalResult> ReplaceAsync(Finding finding, Stream content, string version, CancellationToken cancellationToken) =>
        connectors.For(finding.SourceKind).ReplaceAsync(finding, content, version, cancellationToken);

    /// <summary>Where a Delete puts the finding's item, for -WhatIf and --what-if.</summary>
    public string DescribeDelete(Finding finding) => connectors.For(finding.SourceKind).DescribeDelete;

    /// <summary>Only mail purges go in $batch (see <see cref="MailboxConnector.CanBatch"/>).</summary>
    public bool CanBatch(Finding finding, RemovalMode mode) => connectors.Mail.CanBatch(finding, mode);

    public Task RemoveManyAsync(IReadOnlyList<(Finding Finding, string Version)> items, RemovalMode mode, Action<Finding, RemovalResult> completed, CancellationToken cancellationToken) =>
        connectors.Mail.RemoveManyAsync(items, mode, completed, cancellationToken);
}
