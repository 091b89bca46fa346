using System.Collections.Generic;
using System.IO;
using System.Threading;
using System.Threading.Tasks;
using GdprOps.Hosting;
using GdprOps.Model;

namespace GdprOps.Sources.FileSystem;

/// <summary>One top-level entry of a share in a sharded sweep: a unit of its own, which a checkpoint records when it is done.</summary>
public sealed class ShareUnitSource : IItemSource, ICheckpointedSource, IDescribedSource
{
    private readonly FileSystemSource _files;

    public ShareUnitSource(FileSystemSource files, string key)
    {
        _files = files;
        CheckpointKey = key;
    }

    public string CheckpointKey { get; }

    public string DisplayName => _files.DisplayName;

    /// <inheritdoc/>
    public SourceItem Describe() => _files.Describe();

    public IAsyncEnumerable<SourceItem> EnumerateAsync(IRunHost host, CancellationToken cancellationToken) => _files.EnumerateAsync(host, cancellationToken);

    public Task<Stream> OpenReadAsync(SourceItem item, CancellationToken cancellationToken) => _files.OpenReadAsync(item, cancellationToken);
}
