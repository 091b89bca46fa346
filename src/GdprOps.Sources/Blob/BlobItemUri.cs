using System;
using Azure.Storage.Blobs;
using GdprOps.Model;

namespace GdprOps.Sources.Blob;

/// <summary>A blob row's URL, accepted only when it names the row's own container and blob (a report row is trusted for its identity only).</summary>
internal static class BlobItemUri
{
    public static Uri Confined(Finding finding, Uri uri)
    {
        var parts = new BlobUriBuilder(uri);
        string container = finding.Source.Substring(finding.Source.IndexOf('/') + 1);
        string account = finding.Source.IndexOf('/') > 0 ? finding.Source.Substring(0, finding.Source.IndexOf('/')) : string.Empty;
        bool sameAccount = account.Length == 0 || string.Equals(parts.AccountName, account, StringComparison.OrdinalIgnoreCase)
            || uri.Host.StartsWith(account + ".", StringComparison.OrdinalIgnoreCase);
        if (!sameAccount || !string.Equals(parts.BlobContainerName, container, StringComparison.Ordinal) || !string.Equals(parts.BlobName, finding.ItemId, StringComparison.Ordinal))
        {
            throw new SourceItemException(ErrorIds.ItemOutsideSource, ErrorKind.InvalidArgument,
                "The row's ItemUri does not name the blob its Source and ItemId name: the row was edited.");
        }

        return uri;
    }
}
