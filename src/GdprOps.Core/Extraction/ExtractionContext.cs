using System.IO;
using System.Threading;

namespace GdprOps.Extraction;

/// <summary>What every format extractor needs: the extractor for nested items, the sink, the result and the budget.</summary>
internal sealed class ExtractionContext
{
    private long _inflated;

    public ExtractionContext(ContentExtractor extractor, ChunkingTextSink sink, ExtractionResult result, CancellationToken cancellationToken)
    {
        Extractor = extractor;
        Sink = sink;
        Result = result;
        CancellationToken = cancellationToken;
    }

    public ContentExtractor Extractor { get; }

    public ChunkingTextSink Sink { get; }

    public ExtractionResult Result { get; }

    public ExtractionBudget Budget => Extractor.Budget;

    public CancellationToken CancellationToken { get; }

    /// <summary>Counts inflated bytes against the item's budget; throws when it is used up.</summary>
    public void Inflate(long bytes)
    {
        _inflated += bytes;
        if (_inflated > Budget.MaxInflatedBytes)
        {
            throw new ExtractionLimitException($"more than {Budget.MaxInflatedBytes} bytes inflated (zip bomb?)");
        }
    }

    /// <summary>
    /// Copies a nested file out of its container (a zip entry, an Office package's embedded part), counting what is really
    /// inflated against the item's budget as it goes: the sizes a container declares can lie.
    /// </summary>
    public void CopyCounted(Stream input, Stream output)
    {
        var buffer = new byte[81920];
        int read;
        while ((read = input.Read(buffer, 0, buffer.Length)) > 0)
        {
            CancellationToken.ThrowIfCancellationRequested();
            Inflate(read);
            output.Write(buffer, 0, read);
        }
    }

    /// <summary>A problem at the top level means the item was not read; deeper, only that part was not.</summary>
    public void Problem(int depth, string reason)
    {
        if (depth == 0)
        {
            Result.NotScanned(reason);
        }
        else
        {
            Result.Partial(reason);
        }
    }
}
