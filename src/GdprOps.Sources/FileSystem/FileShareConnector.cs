using System;
using System.Collections.Generic;
using System.IO;
using System.Threading;
using System.Threading.Tasks;
using GdprOps.Model;
using GdprOps.Removal;

namespace GdprOps.Sources.FileSystem;

/// <summary>
/// Files in folders and shares. An item is confined to its share (<see cref="FileItemPath"/>); links and special files
/// are never read through to outside it, removed or rewritten.
/// </summary>
internal sealed class FileShareConnector : ISourceConnector
{
    public SourceKind Kind => SourceKind.FileShare;

    public string DescribeDelete => "Delete";

    public Task<Stream> OpenAsync(Finding finding, CancellationToken cancellationToken) => Task.FromResult(Open(finding));

    public Task<CurrentItem?> CurrentItemAsync(Finding finding, CancellationToken cancellationToken)
    {
        var kind = FileItemPath.Inspect(finding, out string path);
        return Task.FromResult<CurrentItem?>(kind switch
        {
            FileKind.Missing => null,
            FileKind.Regular => new CurrentItem(FileSystemSource.VersionOf(new FileInfo(path)), Path.GetFileName(path)),
            _ => throw new SourceItemException(ErrorIds.SpecialFile, ErrorKind.InvalidArgument,
                $"The item is {FileKinds.Describe(kind)}, not a regular file: GdprOps neither removes nor rewrites it (nor what it points to); deal with it by hand."),
        });
    }

    public Task<string?> RetentionReasonAsync(Finding finding, CancellationToken cancellationToken) => Task.FromResult<string?>(null);

    public Task<RemovalResult> RemoveAsync(Finding finding, RemovalMode mode, string version, CancellationToken cancellationToken)
    {
        string path = FileItemPath.Resolve(finding);
        if (FileKinds.Of(path) != FileKind.Regular)
        {
            return Task.FromResult(RemovalResult.For(finding, mode, RemovalOutcome.Failed, "The item is no longer a regular file: not removed."));
        }

        File.Delete(path);
        return Task.FromResult(RemovalResult.For(finding, mode, RemovalOutcome.Removed, "File deleted."));
    }

    public async Task<RemovalResult> ReplaceAsync(Finding finding, Stream content, string version, CancellationToken cancellationToken)
    {
        string path = FileItemPath.Resolve(finding);
        if (FileKinds.Of(path) != FileKind.Regular)
        {
            return RemovalResult.For(finding, RemovalMode.Redact, RemovalOutcome.Failed, "The item is no longer a regular file: not rewritten.");
        }

        // A fresh, unguessable name created exclusively: a link planted beside the file cannot redirect the write.
        string temp = Path.Combine(Path.GetDirectoryName(path)!, ".gdprops-redact-" + Guid.NewGuid().ToString("N"));
        try
        {
            using (var output = new FileStream(temp, FileMode.CreateNew, FileAccess.Write, FileShare.None))
            {
                await content.CopyToAsync(output, 81920, cancellationToken).ConfigureAwait(false);
            }

            // Last check before the swap: the file must still be the version that was verified.
            if (FileKinds.Of(path) != FileKind.Regular || FileSystemSource.VersionOf(new FileInfo(path)) != version)
            {
                return RemovalResult.For(finding, RemovalMode.Redact, RemovalOutcome.SkippedChanged, "The file changed while it was being redacted.");
            }

            File.Replace(temp, path, destinationBackupFileName: null);
        }
        finally
        {
            if (File.Exists(temp))
            {
                File.Delete(temp);
            }
        }

        return RemovalResult.For(finding, RemovalMode.Redact, RemovalOutcome.Redacted, "File rewritten.");
    }

    public IItemSource? VerificationSource(IReadOnlyList<Finding> findings, SubjectProfile subject) =>
        new FileSystemSource(findings[0].Source, new FileSystemSourceOptions());

    private static Stream Open(Finding finding)
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
