using System.IO;
using System.Threading;
using System.Threading.Tasks;
using GdprOps.Model;

namespace GdprOps.Sources;

/// <summary>Opens the original bytes of the item a finding names (a file, a message as MIME, a drive file, a blob).</summary>
public interface IItemReader
{
    Task<Stream> OpenAsync(Finding finding, CancellationToken cancellationToken);
}
