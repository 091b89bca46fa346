using System;
using Azure.Core;
using Azure.Storage.Blobs;

namespace GdprOps.Sources.Blob;

/// <summary>Builds container clients from what the user gave: a connection string, a SAS URI, or a name with the signed-in identity.</summary>
public static class BlobContainers
{
    public static BlobContainerClient FromConnectionString(string connectionString, string container, BlobClientOptions? options = null)
    {
        try
        {
            return new BlobContainerClient(connectionString, container, options ?? new BlobClientOptions());
        }
        catch (Exception ex) when (ex is FormatException or ArgumentException)
        {
            throw new GdprOpsException(ErrorIds.InvalidArgument, ErrorKind.InvalidArgument, "The blob connection string is not valid.", ex);
        }
    }

    /// <summary>A container SAS URI, or a container URL when <paramref name="credential"/> is given.</summary>
    public static BlobContainerClient FromUri(Uri uri, TokenCredential? credential = null, BlobClientOptions? options = null) =>
        credential is null ? new BlobContainerClient(uri, options ?? new BlobClientOptions()) : new BlobContainerClient(uri, credential, options ?? new BlobClientOptions());

    /// <summary>A container in a storage account ("contoso" or "https://contoso.blob.core.windows.net") reached with a token credential.</summary>
    public static BlobContainerClient FromAccount(string account, string container, TokenCredential credential, BlobClientOptions? options = null)
    {
        var endpoint = Uri.TryCreate(account, UriKind.Absolute, out var url) ? url : new Uri($"https://{account}.blob.core.windows.net");
        return new BlobContainerClient(new Uri(endpoint.ToString().TrimEnd('/') + "/" + container), credential, options ?? new BlobClientOptions());
    }
}
