using System.IO;
using System.Threading;
using System.Threading.Tasks;
using GdprOps.Model;
using GdprOps.Sources;

namespace GdprOps.Removal;

/// <summary>What a connector does for erasure: tell an item's current version, read it, delete or purge it, or redact it.</summary>
public interface IItemRemover
{
    /// <summary>
    /// The item's current version (same format as <see cref="Finding.Version"/>) and real name, read from the source;
    /// null only when the source positively says the item is gone. An item the connector may not touch (outside the
    /// row's source, a link, a special file) is a <see cref="SourceItemException"/>.
    /// </summary>
    Task<CurrentItem?> CurrentItemAsync(Finding finding, CancellationToken cancellationToken);

    Task<Stream> OpenAsync(Finding finding, CancellationToken cancellationToken);

    /// <summary>Deletes (Delete: recoverable where the service allows) or purges the item, pinned to <paramref name="version"/>.</summary>
    Task<RemovalResult> RemoveAsync(Finding finding, RemovalMode mode, string version, CancellationToken cancellationToken);

    /// <summary>Why the service would keep the item despite a removal (a legal hold, an immutability policy), when it can tell; else null.</summary>
    Task<string?> RetentionReasonAsync(Finding finding, CancellationToken cancellationToken);

    /// <summary>Writes <paramref name="content"/> over the item (a redacted copy), pinned to <paramref name="version"/>.</summary>
    Task<RemovalResult> ReplaceAsync(Finding finding, Stream content, string version, CancellationToken cancellationToken);
}
