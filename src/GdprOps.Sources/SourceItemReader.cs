using System.IO;
using System.Threading;
using System.Threading.Tasks;
using GdprOps.Model;
using GdprOps.Sources.Graph;

namespace GdprOps.Sources;

/// <summary>Opens the item a finding names, whatever its source, through the connector of its kind.</summary>
public sealed class SourceItemReader : IItemReader
{
    private readonly SourceConnectors connectors;

    public SourceItemReader(GraphConnection? connection, string? blobConnectionString = null)
    {
        connectors = new SourceConnectors(connection, blobConnectionString);
    }

    public Task<Stream> OpenAsync(Finding finding, CancellationToken cancellationToken) => connectors.For(finding.SourceKind).OpenAsync(finding, cancellationToken);
}
