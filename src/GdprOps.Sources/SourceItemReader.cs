using System;
using System.IO;
using System.Threading;
using System.Threading.Tasks;
using Azure.Storage.Blobs;
using GdprOps.Model;
using GdprOps.Sources.Blob;
using GdprOps.Sources.FileSystem;
using GdprOps.Sources.Graph;

namespace GdprOps.Sources;

/// <summary>Opens the item a finding names, whatever its source: a file path, a message as MIME, a drive file, a blob.</summary>
public sealed class SourceItemReader : IItemReader
{
    private readonly GraphConnection? connection;
    private readonly string? blobConnectionString;

    public SourceItemReader(GraphConnection? connection, string? blobConnectionString = null)
    {
        this.connection = connection;
        this.blobConnectionString = blobConnectionString;
    }

    public Task<Stream> OpenAsync(Finding finding, CancellationToken cancellationToken)
    {
        switch (finding.SourceKind)
        {
            case SourceKind.Mailbox:
                var mail = Connected();
                return mail.Executor.DownloadAsync(finding.Source, "reading a message", "message", finding.SizeBytes,
                    ct => mail.Client.Users[finding.Source].Messages[finding.ItemId].Content.GetAsync(cancellationToken: ct), cancellationToken);
            case SourceKind.Drive:
                var drives = Connected();
                return drives.Executor.DownloadAsync("drive:" + finding.Source, "downloading a file", "file", finding.SizeBytes,
                    ct => drives.Client.Drives[finding.Source].Items[finding.ItemId].Content.GetAsync(cancellationToken: ct), cancellationToken);
            case SourceKind.Blob:
                return BlobContainerSource.DownloadAsync(Blob(finding), null, finding.SizeBytes, cancellationToken);
            default:
                return Task.FromResult(OpenFile(finding));
        }
    }

    private BlobClient Blob(Finding finding)
    {
        if (blobConnectionString is not null)
        {
            string container = finding.Source.Substring(finding.Source.IndexOf('/') + 1);
            return BlobContainers.FromConnectionString(blobConnectionString, container).GetBlobClient(finding.ItemId);
        }

        if (connection is not null && Uri.TryCreate(finding.ItemUri, UriKind.Absolute, out var uri))
        {
            return new BlobClient(BlobItemUri.Confined(finding, uri), connection.Credential);
        }

        throw new SourceItemException(ErrorIds.NotConnected, ErrorKind.InvalidArgument, "Reading a blob needs -BlobConnectionString or Connect-GdprOps.");
    }

    private GraphConnection Connected() => connection
        ?? throw new SourceItemException(ErrorIds.NotConnected, ErrorKind.InvalidArgument, "Not connected to Microsoft 365: run Connect-GdprOps first.");

    private static Stream OpenFile(Finding finding)
    {
        string path = FileItemPath.Resolve(finding);
        var kind = FileKinds.Of(path);
        if (kind == FileKind.SymbolicLink && FileItemPath.LinkTargetInside(finding, path) is { } target)
        {
            // A link to a file inside the same share is read through (its target is the share's own data).
            path = target;
            kind = FileKinds.Of(path);
        }

        if (kind is FileKind.SymbolicLink or FileKind.Special or FileKind.Directory)
        {
            throw new SourceItemException(ErrorIds.SpecialFile, ErrorKind.InvalidArgument, $"The item is {FileKinds.Describe(kind)} (a link is read only when it leads to a file inside the same share), not a regular file: it is not read.");
        }

        try
        {
            return new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete, 81920, FileOptions.SequentialScan | FileOptions.Asynchronous);
        }
        catch (Exception ex) when (ex is FileNotFoundException or DirectoryNotFoundException)
        {
            throw new SourceItemException(ErrorIds.FileNotFound, ErrorKind.NotFound, "The file no longer exists.", ex);
        }
        catch (UnauthorizedAccessException ex)
        {
            throw new SourceItemException(ErrorIds.FileAccessDenied, ErrorKind.PermissionDenied, "Access to the file was denied.", ex);
        }
    }
}
