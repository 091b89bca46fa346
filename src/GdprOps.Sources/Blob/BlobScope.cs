using System;
using System.Collections.Generic;
using GdprOps.Sources.Graph;

namespace GdprOps.Sources.Blob;

/// <summary>The blob containers Find-PersonalData names, and how to reach each: SAS URL, connection string, or the signed-in identity.</summary>
public sealed class BlobScope
{
    public IReadOnlyList<string> Containers { get; set; } = Array.Empty<string>();

    public IReadOnlyList<Uri> SasUris { get; set; } = Array.Empty<Uri>();

    public string? Prefix { get; set; }

    public string? ConnectionString { get; set; }

    public bool IsEmpty => Containers.Count == 0 && SasUris.Count == 0;

    /// <summary>One source per container; a name with no way to reach it is an invalid call.</summary>
    public IReadOnlyList<IItemSource> Resolve(GraphConnection? connection)
    {
        var sources = new List<IItemSource>();
        foreach (var uri in SasUris)
        {
            sources.Add(new BlobContainerSource(BlobContainers.FromUri(uri), Prefix));
        }

        foreach (string container in Containers)
        {
            if (Uri.TryCreate(container, UriKind.Absolute, out var url) && url.Scheme.StartsWith("http", StringComparison.OrdinalIgnoreCase))
            {
                bool signed = url.Query.IndexOf("sig=", StringComparison.OrdinalIgnoreCase) >= 0;
                sources.Add(new BlobContainerSource(BlobContainers.FromUri(url, signed ? null : connection?.Credential), Prefix));
            }
            else if (ConnectionString is not null)
            {
                sources.Add(new BlobContainerSource(BlobContainers.FromConnectionString(ConnectionString, container), Prefix));
            }
            else if (connection?.Options.StorageAccount is { } account)
            {
                sources.Add(new BlobContainerSource(BlobContainers.FromAccount(account, container, connection.Credential), Prefix));
            }
            else
            {
                throw new GdprOpsException(ErrorIds.InvalidArgument, ErrorKind.InvalidArgument,
                    "A container name needs -BlobConnectionString, or Connect-GdprOps -StorageAccount; or pass a container URL or -BlobSasUri.");
            }
        }

        return sources;
    }
}
