using System.Collections.Generic;
using System.IO;
using System.Threading;
using System.Threading.Tasks;
using GdprOps.Hosting;

namespace GdprOps.Sources;

/// <summary>
/// What a connector implements: list the items of one source and open one for reading. Problems with a
/// single folder or item are reported to the host and the listing goes on.
/// </summary>
public interface IItemSource
{
    /// <summary>A display name for progress and verbose output (a root path, a mailbox, a container): a location, never content.</summary>
    string DisplayName { get; }

    IAsyncEnumerable<SourceItem> EnumerateAsync(IRunHost host, CancellationToken cancellationToken);

    Task<Stream> OpenReadAsync(SourceItem item, CancellationToken cancellationToken);
}
