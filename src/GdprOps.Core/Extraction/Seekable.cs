using System;
using System.IO;
using System.Threading;
using System.Threading.Tasks;

namespace GdprOps.Extraction;

/// <summary>
/// Zip-based formats and PDF need to seek. A stream that cannot is copied to a temporary file (deleted on
/// close), never into memory, and never beyond the budget.
/// </summary>
internal sealed class Seekable : IDisposable
{
    private readonly bool _owned;

    private Seekable(Stream stream, bool owned)
    {
        Stream = stream;
        _owned = owned;
    }

    public Stream Stream { get; }

    public static async Task<Seekable> EnsureAsync(Stream stream, long maxBytes, CancellationToken cancellationToken)
    {
        if (stream.CanSeek)
        {
            return new Seekable(stream, owned: false);
        }

        var copy = SpillStream.TemporaryFile();
        try
        {
            var buffer = new byte[81920];
            long total = 0;
            int read;
            while ((read = await stream.ReadAsync(buffer, 0, buffer.Length, cancellationToken).ConfigureAwait(false)) > 0)
            {
                total += read;
                if (total > maxBytes)
                {
                    throw new ExtractionLimitException($"larger than {maxBytes} bytes once unpacked");
                }

                await copy.WriteAsync(buffer, 0, read, cancellationToken).ConfigureAwait(false);
            }

            copy.Position = 0;
            return new Seekable(copy, owned: true);
        }
        catch
        {
            copy.Dispose();
            throw;
        }
    }

    public void Dispose()
    {
        if (_owned)
        {
            Stream.Dispose();
        }
    }
}
