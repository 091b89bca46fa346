using System;
using System.IO;
using System.Threading.Tasks;

namespace GdprOps.Extraction.Formats;

/// <summary>Plain text in any common encoding (BOM, UTF-8, UTF-16, Windows-1252), read in blocks.</summary>
internal static class PlainTextExtractor
{
    private const int SniffBytes = 8192;
    private const int BlockChars = 64 * 1024;

    public static async Task ExtractAsync(ExtractionContext context, Stream stream, string where, int depth)
    {
        var head = new byte[SniffBytes];
        int headLength = 0;
        int read;
        while (headLength < head.Length && (read = await stream.ReadAsync(head, headLength, head.Length - headLength, context.CancellationToken).ConfigureAwait(false)) > 0)
        {
            headLength += read;
        }

        var sniff = TextEncodingSniffer.Sniff(head.AsSpan(0, headLength));
        if (sniff.IsBinary)
        {
            context.Problem(depth, (where == "Body" ? string.Empty : where + ": ") + "Binary content in a text-type file");
            return;
        }

        var content = new PrefixedStream(head, sniff.PreambleLength, headLength, stream);
        using var reader = new StreamReader(content, sniff.Encoding!, detectEncodingFromByteOrderMarks: false, bufferSize: BlockChars);
        var block = new char[BlockChars];
        bool first = true;
        // JSON and XML are scanned as the text their escapes stand for (EscapedText): an escape cut by a block's end is carried.
        var escaping = Escaping.None;
        char[]? unescaped = null;
        int carried = 0;
        while ((read = await reader.ReadAsync(block, carried, block.Length - carried).ConfigureAwait(false)) > 0)
        {
            context.CancellationToken.ThrowIfCancellationRequested();
            int length = carried + read;
            if (first)
            {
                if (TableHeader.Sniff(block.AsSpan(0, length), context.Sink.Position(where)) is { } header)
                {
                    // A CSV or TSV export: its column labels are the context of every row (TableHeader).
                    context.Sink.AddTable(where, header);
                }
                else if ((escaping = EscapedText.Sniff(block.AsSpan(0, length))) != Escaping.None)
                {
                    unescaped = new char[BlockChars];
                }
            }

            first = false;
            if (unescaped is null)
            {
                context.Sink.Append(where, block.AsSpan(0, length));
                continue;
            }

            int written = EscapedText.Unescape(escaping, block.AsSpan(0, length), unescaped, final: false, out int consumed);
            context.Sink.Append(where, unescaped.AsSpan(0, written));
            carried = length - consumed;
            block.AsSpan(consumed, carried).CopyTo(block);
        }

        if (carried > 0)
        {
            context.Sink.Append(where, unescaped!.AsSpan(0, EscapedText.Unescape(escaping, block.AsSpan(0, carried), unescaped, final: true, out _)));
        }

        context.Result.BytesRead += content.BytesRead;
    }
}
