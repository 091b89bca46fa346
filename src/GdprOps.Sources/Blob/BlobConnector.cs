using System;
using System.Collections.Generic;
using System.IO;
using System.Threading;
using System.Threading.Tasks;
using Azure;
using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Models;
using Azure.Storage.Blobs.Specialized;
using GdprOps.Model;
using GdprOps.Removal;

namespace GdprOps.Sources.Blob;

/// <summary>
/// Blobs in Azure Storage containers, reached with a connection string or, through Connect-GdprOps, the signed-in
/// identity (the item's URL confined to its own account and container). Deletes are pinned to the verified ETag;
/// legal holds and immutability policies are named before acting and reported as Retained.
/// </summary>
internal sealed class BlobConnector : ISourceConnector
{
    private readonly GdprOps.Sources.Graph.GraphConnection? _connection;
    private readonly string? _connectionString;
    private readonly BlobClientOptions? _options;

    public BlobConnector(GdprOps.Sources.Graph.GraphConnection? connection, string? connectionString, BlobClientOptions? options)
    {
        _connection = connection;
        _connectionString = connectionString;
        _options = options;
    }

    public SourceKind Kind => SourceKind.Blob;

    public string DescribeDelete => "Delete";

    public Task<Stream> OpenAsync(Finding finding, CancellationToken cancellationToken) =>
        BlobContainerSource.DownloadAsync(Client(finding), null, finding.SizeBytes, cancellationToken);

    public async Task<CurrentItem?> CurrentItemAsync(Finding finding, CancellationToken cancellationToken)
    {
        try
        {
            var blob = Client(finding);
            var properties = await blob.GetPropertiesAsync(cancellationToken: cancellationToken).ConfigureAwait(false);
            return new CurrentItem(properties.Value.ETag.ToString(), blob.Name);
        }
        catch (RequestFailedException ex) when (ex.Status == 404 && ex.ErrorCode == "BlobNotFound")
        {
            return null;
        }
    }

    public async Task<string?> RetentionReasonAsync(Finding finding, CancellationToken cancellationToken)
    {
        try
        {
            var properties = (await Client(finding).GetPropertiesAsync(cancellationToken: cancellationToken).ConfigureAwait(false)).Value;
            if (properties.HasLegalHold)
            {
                return "a legal hold";
            }

            return properties.ImmutabilityPolicy?.ExpiresOn is { } until && until > DateTimeOffset.UtcNow
                ? $"an immutability policy until {until:yyyy-MM-dd}"
                : null;
        }
        catch (RequestFailedException)
        {
            return null;
        }
    }

    public async Task<RemovalResult> RemoveAsync(Finding finding, RemovalMode mode, string version, CancellationToken cancellationToken)
    {
        try
        {
            var blob = Client(finding);
            await blob.DeleteAsync(DeleteSnapshotsOption.IncludeSnapshots, new BlobRequestConditions { IfMatch = new ETag(version) }, cancellationToken).ConfigureAwait(false);
            if (mode != RemovalMode.Purge)
            {
                return RemovalResult.For(finding, mode, RemovalOutcome.Removed, "Blob and its snapshots deleted (earlier versions, if versioning is on, remain: use -Mode Purge).");
            }

            string versions = await PurgeVersionsAsync(blob, cancellationToken).ConfigureAwait(false);
            return RemovalResult.For(finding, mode, RemovalOutcome.Removed, "Blob and its snapshots deleted; " + versions);
        }
        catch (RequestFailedException ex) when (ex.Status == 404)
        {
            return RemovalResult.For(finding, mode, RemovalOutcome.AlreadyGone, "The item no longer exists.");
        }
        catch (RequestFailedException ex) when (ex.Status == 412)
        {
            return RemovalResult.For(finding, mode, RemovalOutcome.SkippedChanged, "The blob changed after it was checked (ETag mismatch).");
        }
        catch (RequestFailedException ex) when (ex.Status == 409 && ex.ErrorCode is { } code && code.StartsWith("BlobImmutable", StringComparison.Ordinal))
        {
            return RemovalResult.For(finding, mode, RemovalOutcome.Retained, $"Kept by the storage account ({code}): a legal hold or immutability policy protects it.");
        }
        catch (RequestFailedException ex)
        {
            return RemovalResult.For(finding, mode, RemovalOutcome.Failed, $"The blob could not be deleted (HTTP {ex.Status} {ex.ErrorCode}).");
        }
    }

    public Task<RemovalResult> ReplaceAsync(Finding finding, Stream content, string version, CancellationToken cancellationToken) =>
        Task.FromResult(RemovalResult.For(finding, RemovalMode.Redact, RemovalOutcome.Failed, "Redaction of Blob items is not supported: use -Mode Delete or Purge."));

    /// <summary>The container again, reached as the findings' blobs were.</summary>
    public IItemSource? VerificationSource(IReadOnlyList<Finding> findings, SubjectProfile subject)
    {
        string source = findings[0].Source;
        string container = source.Substring(source.IndexOf('/') + 1);
        if (_connectionString is not null)
        {
            return new BlobContainerSource(BlobContainers.FromConnectionString(_connectionString, container), null);
        }

        if (_connection is not null && Uri.TryCreate(findings[0].ItemUri, UriKind.Absolute, out var uri))
        {
            string path = uri.GetLeftPart(UriPartial.Path);
            string containerUrl = path.Substring(0, path.IndexOf("/" + container + "/", StringComparison.Ordinal) + container.Length + 1);
            return new BlobContainerSource(BlobContainers.FromUri(new Uri(containerUrl), _connection.Credential), null);
        }

        return null;
    }

    /// <summary>Deletes every earlier version of a blob (versioning keeps them after the current one is deleted).</summary>
    private static async Task<string> PurgeVersionsAsync(BlobClient blob, CancellationToken cancellationToken)
    {
        var container = blob.GetParentBlobContainerClient();
        int deleted = 0;
        try
        {
            await foreach (var item in container.GetBlobsAsync(new GetBlobsOptions { States = BlobStates.Version, Prefix = blob.Name }, cancellationToken).ConfigureAwait(false))
            {
                if (item.Name == blob.Name && item.VersionId is { } id)
                {
                    await blob.WithVersion(id).DeleteIfExistsAsync(cancellationToken: cancellationToken).ConfigureAwait(false);
                    deleted++;
                }
            }
        }
        catch (RequestFailedException ex) when (ex.Status is 400 or 501)
        {
            return $"this storage endpoint does not list versions ({ex.ErrorCode}), so none were found to delete.";
        }

        return deleted == 0 ? "no earlier versions." : $"{deleted} earlier version(s) deleted.";
    }

    /// <summary>The blob a finding names: through the connection string, or its own URL with the signed-in identity.</summary>
    private BlobClient Client(Finding finding)
    {
        if (_connectionString is not null)
        {
            return BlobContainers.FromConnectionString(_connectionString, finding.Source.Substring(finding.Source.IndexOf('/') + 1), _options).GetBlobClient(finding.ItemId);
        }

        if (_connection is not null && Uri.TryCreate(finding.ItemUri, UriKind.Absolute, out var uri))
        {
            return new BlobClient(BlobItemUri.Confined(finding, uri), _connection.Credential, _options);
        }

        throw new SourceItemException(ErrorIds.NotConnected, ErrorKind.InvalidArgument, "Reaching a blob needs -BlobConnectionString or Connect-GdprOps.");
    }
}
