using System;
using System.IO;
using System.Text;
using System.Threading;
using System.Threading.Tasks;

namespace GdprOps.Extraction;

/// <summary>
/// Reads a text stream in bounded chunks so memory does not grow with the file. Each chunk repeats the
/// tail of the one before (cut back to whitespace), so an identifier that straddles a boundary is seen
/// whole; callers drop repeats by absolute offset.
/// </summary>
public sealed class TextChunkReader : IDisposable
{
    public const int DefaultChunkChars = 1 << 20;
    public const int OverlapChars = 1024;

    private readonly StreamReader _reader;
    private readonly char[] _buffer;
    private int _carry;
    private long _bufferStart;
    private bool _done;

    public TextChunkReader(Stream stream, Encoding encoding, int chunkChars = DefaultChunkChars)
    {
        if (chunkChars <= OverlapChars * 2)
        {
            throw new ArgumentOutOfRangeException(nameof(chunkChars));
        }

        _reader = new StreamReader(stream, encoding, detectEncodingFromByteOrderMarks: false, bufferSize: 64 * 1024, leaveOpen: false);
        _buffer = new char[chunkChars];
    }

    /// <summary>The next chunk and the absolute character offset of its first character, or null at the end.</summary>
    public async Task<(string Text, long Offset)?> ReadAsync(CancellationToken cancellationToken)
    {
        if (_done)
        {
            return null;
        }

        cancellationToken.ThrowIfCancellationRequested();
        int filled = _carry;
        while (filled < _buffer.Length)
        {
            int read = await _reader.ReadAsync(_buffer, filled, _buffer.Length - filled).ConfigureAwait(false);
            if (read == 0)
            {
                _done = true;
                break;
            }

            filled += read;
        }

        if (filled == _carry)
        {
            // Nothing new: an empty stream, or the tail was already handed out with the previous chunk.
            return null;
        }

        string text = new string(_buffer, 0, filled);
        long offset = _bufferStart;
        if (!_done)
        {
            int keepFrom = filled - OverlapChars;
            int limit = Math.Max(0, keepFrom - 256);
            while (keepFrom > limit && !char.IsWhiteSpace(_buffer[keepFrom - 1]))
            {
                keepFrom--;
            }

            _carry = filled - keepFrom;
            _bufferStart += keepFrom;
            Array.Copy(_buffer, keepFrom, _buffer, 0, _carry);
        }

        return (text, offset);
    }

    public void Dispose() => _reader.Dispose();
}
