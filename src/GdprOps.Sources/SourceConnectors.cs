using System;
using System.Collections.Generic;
using Azure.Storage.Blobs;
using GdprOps.Model;
using GdprOps.Sources.Blob;
using GdprOps.Sources.FileSystem;
using GdprOps.Sources.Graph;

namespace GdprOps.Sources;

/// <summary>One connector per <see cref="SourceKind"/>, all reaching their sources through the same connection and blob credentials.</summary>
public sealed class SourceConnectors
{
    private readonly Dictionary<SourceKind, ISourceConnector> _byKind = new();

    public SourceConnectors(GraphConnection? connection, string? blobConnectionString = null)
        : this(connection, blobConnectionString, null)
    {
    }

    /// <param name="blobOptions">Client options for blob requests (tests inject service answers Azurite lacks, such as legal holds).</param>
    /// <remarks>A separate overload: callers in the cmdlet assembly must not see an Azure type in the signature they bind to.</remarks>
    public SourceConnectors(GraphConnection? connection, string? blobConnectionString, BlobClientOptions? blobOptions)
    {
        Connection = connection;
        foreach (var connector in new ISourceConnector[]
        {
            new FileShareConnector(),
            new MailboxConnector(connection),
            new DriveConnector(connection),
            new BlobConnector(connection, blobConnectionString, blobOptions),
        })
        {
            _byKind[connector.Kind] = connector;
        }
    }

    public GraphConnection? Connection { get; }

    /// <summary>The connector of <paramref name="kind"/>.</summary>
    public ISourceConnector For(SourceKind kind) => _byKind.TryGetValue(kind, out var connector)
        ? connector
        : throw new ArgumentOutOfRangeException(nameof(kind), kind, "No connector for this kind of source.");

    /// <summary>The mailbox connector, which also removes mail in $batch.</summary>
    internal MailboxConnector Mail => (MailboxConnector)_byKind[SourceKind.Mailbox];
}
