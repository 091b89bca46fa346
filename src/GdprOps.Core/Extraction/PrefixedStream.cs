using System;
using System.IO;
using System.Threading;
using System.Threading.Tasks;

namespace GdprOps.Extraction;

/// <summary>A read-only stream that replays bytes already read for sniffing, then continues with the rest.</summary>
internal sealed class PrefixedStream : Stream
{
    private readonly byte[] _prefix;
    private readonly int _prefixEnd;
    private readonly Stream _inner;
    private int _prefixPosition;

    public PrefixedStream(byte[] prefix, int prefixStart, int prefixEnd, Stream inner)
    {
        _prefix = prefix;
        _prefixPosition = prefixStart;
        _prefixEnd = prefixEnd;
        _inner = inner;
    }

    public long BytesRead { get; private set; }

    public override bool CanRead => true;

    public override bool CanSeek => false;

    public override bool CanWrite => false;

    public override long Length => throw new NotSupportedException();

    public override long Position
    {
        get => throw new NotSupportedException();
        set => throw new NotSupportedException();
    }

    public override int Read(byte[] buffer, int offset, int count)
    {
        if (_prefixPosition < _prefixEnd)
        {
            int n = Math.Min(count, _prefixEnd - _prefixPosition);
            Buffer.BlockCopy(_prefix, _prefixPosition, buffer, offset, n);
            _prefixPosition += n;
            BytesRead += n;
            return n;
        }

        int read = _inner.Read(buffer, offset, count);
        BytesRead += read;
        return read;
    }

    public override async Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken)
    {
        if (_prefixPosition < _prefixEnd)
        {
            return Read(buffer, offset, count);
        }

        int read = await _inner.ReadAsync(buffer, offset, count, cancellationToken).ConfigureAwait(false);
        BytesRead += read;
        return read;
    }

    public override void Flush()
    {
    }

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
}
