using System;
using System.Threading;
using System.Threading.Tasks;
using GdprOps.Model;
using GdprOps.Removal;
using Microsoft.Graph.Models.ODataErrors;

namespace GdprOps.Sources.Graph;

/// <summary>What the mailbox and drive connectors share: the connection, one way to call Graph for an item, and how a Graph refusal reads.</summary>
internal abstract class GraphItemConnector
{
    protected GraphItemConnector(GraphConnection? connection) => Connection = connection;

    protected GraphConnection? Connection { get; }

    protected GraphConnection Connected() => Connection
        ?? throw new SourceItemException(ErrorIds.NotConnected, ErrorKind.InvalidArgument, "Not connected to Microsoft 365: run Connect-GdprOps first.");

    /// <summary>A Graph call for <paramref name="finding"/>'s item, paced and retried per mailbox or drive.</summary>
    protected Task<T> Graph<T>(Finding finding, string what, string resource, Func<CancellationToken, Task<T>> call, CancellationToken cancellationToken) =>
        Connected().Executor.RunAsync(finding.SourceKind == SourceKind.Mailbox ? finding.Source : "drive:" + finding.Source, what, resource, call, cancellationToken);

    /// <summary>Graph refusals: a hold keeps the item (Retained), a stale ETag is SkippedChanged, gone is AlreadyGone, the rest Failed.</summary>
    protected static RemovalResult Refused(Finding finding, RemovalMode mode, ODataError error, Exception ex)
    {
        string code = error.Error?.Code ?? string.Empty;
        return error.ResponseStatusCode switch
        {
            404 => RemovalResult.For(finding, mode, RemovalOutcome.AlreadyGone, "The item no longer exists."),
            412 => RemovalResult.For(finding, mode, RemovalOutcome.SkippedChanged, "The item changed after it was checked (eTag mismatch)."),
            // The service's words are not parsed (they are not a contract and change with the language): a refusal is
            // reported as Retained with its code, never as removed.
            423 or 403 => RemovalResult.For(finding, mode, RemovalOutcome.Retained,
                $"Refused by the service (HTTP {error.ResponseStatusCode} {code}), possibly a retention hold or missing write permission: the item was not removed."),
            _ => RemovalResult.For(finding, mode, RemovalOutcome.Failed, ex.Message),
        };
    }
}
