using System;
using System.Collections.Generic;

namespace GdprOps.Extraction;

/// <summary>
/// Collects extracted text per part ("Body", "Subject", "Attachment:cv.docx", ...) and hands it on in
/// bounded chunks, so memory does not grow with the item. Each chunk repeats the tail of the one before
/// (cut back to whitespace) so an identifier straddling a boundary is seen whole, and says which stretch of the
/// part it answers for (<see cref="TextChunk"/>): consumers count what starts there and leave the rest to the
/// chunk that owns it, so nothing is counted twice and nothing is judged from text cut short.
/// </summary>
public sealed class ChunkingTextSink
{
    /// <summary>
    /// 32,768 characters: a chunk's string (64 KB) stays below the runtime's large-object threshold (85,000 bytes), so it
    /// dies young in generation 0 instead of filling the large-object heap, which only a full collection clears (bench
    /// cli-sweep, discovery, 2 workers: a customer-export subset 8.3 -> 5.8 s, logs 2.2 -> 1.9 s against 1 M
    /// characters; 128 K characters was in between). The 1,024-character overlap rescans 3 % of the text.
    /// </summary>
    public const int DefaultChunkChars = 1 << 15;
    public const int OverlapChars = 1024;

    /// <summary>
    /// How far a chunk that is not its part's last stops answering before its cut end: 640 characters. The next chunk
    /// starts 1,024 to 1,280 characters before that end, so what either owns has at least 384 characters of its text
    /// on both sides of where it starts: a context word's reach (300) either side, and the end of the longest address
    /// (254) with 130 to spare.
    /// </summary>
    public const int SettledContext = 640;

    // A chunk's string lent by this thread's sinks (Lending) and given back unkept: one string a thread, however many chunks.
    [ThreadStatic]
    private static string? t_spare;

    private readonly Func<TextChunk, bool> _onChunk;
    private readonly bool _lends;
    private readonly int _chunkChars;
    private readonly Dictionary<string, Part> _parts = new(StringComparer.Ordinal);

    /// <param name="onChunk">Receives (where, text, absolute offset of the text's first character); it must drop repeats itself.</param>
    public ChunkingTextSink(Action<string, string, long> onChunk, int chunkChars = DefaultChunkChars)
        : this(chunk => onChunk(chunk.Where, chunk.Text, chunk.Offset), chunkChars)
    {
    }

    /// <param name="onChunk">Receives each chunk with the stretch of its part it answers for.</param>
    public ChunkingTextSink(Action<TextChunk> onChunk, int chunkChars = DefaultChunkChars)
        : this(Kept(onChunk ?? throw new ArgumentNullException(nameof(onChunk))), lends: false, chunkChars)
    {
    }

    private ChunkingTextSink(Func<TextChunk, bool> onChunk, bool lends, int chunkChars)
    {
        if (chunkChars <= OverlapChars * 2)
        {
            throw new ArgumentOutOfRangeException(nameof(chunkChars));
        }

        _onChunk = onChunk;
        _lends = lends;
        _chunkChars = chunkChars;
    }

    /// <summary>
    /// A sink whose chunks' text is lent, not given: once <paramref name="onChunk"/> returns false the string is written
    /// over with a later chunk's text (of this or another sink on the thread). It returns true when it keeps the chunk
    /// past the call (a subject sweep holding parts back), and the string is then its own. A sweep that reads a 2 GB tree
    /// allocated 4 GB of chunk strings (every one zeroed, copied into and collected: a tenth of a discovery sweep's time);
    /// lent, a thread has one. A part's last chunk, shorter, is its own string as before.
    /// </summary>
    public static ChunkingTextSink Lending(Func<TextChunk, bool> onChunk, int chunkChars = DefaultChunkChars) =>
        new(onChunk ?? throw new ArgumentNullException(nameof(onChunk)), lends: true, chunkChars);

    private static Func<TextChunk, bool> Kept(Action<TextChunk> onChunk) => chunk =>
    {
        onChunk(chunk);
        return true;
    };

    public long CharactersSeen { get; private set; }

    /// <summary>Appends text as it comes (no separator added).</summary>
    public void Append(string where, string text) => Append(where, text.AsSpan());

    [System.Runtime.CompilerServices.MethodImpl(Detection.HotPath.Options)]
    public void Append(string where, ReadOnlySpan<char> text)
    {
        var part = PartOf(where);
        CharactersSeen += text.Length;
        while (text.Length > 0)
        {
            int take = Math.Min(_chunkChars - part.Length, text.Length);
            part.Write(text.Slice(0, take), _chunkChars);
            text = text.Slice(take);
            if (part.Length >= _chunkChars)
            {
                Emit(where, part, keepOverlap: true);
            }
        }
    }

    /// <summary>Where the next character appended to <paramref name="where"/> stands in its part (absolute position).</summary>
    public long Position(string where) => _parts.TryGetValue(where, out var part) ? part.Offset + part.Length : 0;

    /// <summary>
    /// Records the header row of a table in <paramref name="where"/> (its <see cref="TableHeader.Offset"/> an absolute
    /// position there, at or after the text already handed on): every chunk from then on carries it.
    /// </summary>
    public void AddTable(string where, TableHeader header)
    {
        var part = PartOf(where);
        part.Tables.Add(header);
        part.TablesSnapshot = null;
    }

    /// <summary>Appends a line: paragraphs, cells and headers stay apart so words do not run together.</summary>
    public void AppendLine(string where, string text)
    {
        Append(where, text);
        Append(where, "\n");
    }

    /// <summary>
    /// Ends the labels of the table in <paramref name="where"/> here (a new worksheet, its comments): what follows is no row of
    /// it. Nothing when the part has no table, or its last has ended already.
    /// </summary>
    public void EndTable(string where)
    {
        if (_parts.TryGetValue(where, out var part) && part.Tables.Count > 0 && part.Tables[part.Tables.Count - 1].Cells.Count > 0)
        {
            AddTable(where, TableHeader.End(Position(where)));
        }
    }

    /// <summary>Hands on what is left of every part.</summary>
    public void Complete()
    {
        foreach (var pair in _parts)
        {
            if (pair.Value.Length > 0)
            {
                Emit(pair.Key, pair.Value, keepOverlap: false);
            }
        }

        _parts.Clear();
    }

    private Part PartOf(string where)
    {
        if (!_parts.TryGetValue(where, out var part))
        {
            part = new Part();
            _parts[where] = part;
        }

        return part;
    }

    /// <summary>Hands on the part's buffer as a chunk and keeps its overlap (or nothing, at the part's end) for the next.</summary>
    private void Emit(string where, Part part, bool keepOverlap)
    {
        var chars = part.Chars;
        long offset = part.Offset;
        // A full chunk of a lending sink is written into this thread's spare string; a part's last is a string of its own.
        bool lent = _lends && keepOverlap;
        string text = lent ? Lend(chars) : chars.ToString();
        // A chunk kept in part goes on (Complete hands on at least the overlap): it answers up to SettledContext before its cut.
        long ownedTo = keepOverlap ? offset + text.Length - SettledContext : long.MaxValue;
        if (part.Tables.Count > 0)
        {
            part.TablesSnapshot ??= part.Tables.ToArray();
        }

        bool kept = _onChunk(new TextChunk(where, text, offset, part.OwnedFrom, ownedTo, part.TablesSnapshot, part.Line));
        if (lent && !kept)
        {
            t_spare = text;
        }

        if (!keepOverlap)
        {
            part.Offset = offset + part.Length;
            part.OwnedFrom = long.MaxValue;
            part.Length = 0;
            part.Line = null;
            return;
        }

        // The overlap is read from the part's own buffer (chars), not from the text: that may have been written over already.
        int keepFrom = chars.Length - OverlapChars;
        int limit = Math.Max(0, keepFrom - 256);
        while (keepFrom > limit && !char.IsWhiteSpace(chars[keepFrom - 1]))
        {
            keepFrom--;
        }

        part.Line = LineAt(part, chars, offset, keepFrom);
        part.KeepFrom(keepFrom);
        part.Offset = offset + keepFrom;
        part.OwnedFrom = ownedTo;
        part.ForgetTablesBefore(part.Offset);
    }

    /// <summary>
    /// Where the rows of the table in effect at <paramref name="upTo"/> of the part's buffer stand there (the next chunk's
    /// start): read on from where the chunk's own start stood, or from the header's line when it is in this chunk; null
    /// when the part has no table there, or its rows' start was not read.
    /// </summary>
    private static TableLine? LineAt(Part part, ReadOnlySpan<char> chars, long offset, int upTo)
    {
        TableHeader? table = null;
        foreach (var header in part.Tables)
        {
            if (header.Offset <= offset + upTo)
            {
                table = header;
            }
        }

        if (table is null || table.Cells.Count == 0)
        {
            return null;
        }

        if (part.Line is { } line && ReferenceEquals(line.Table, table))
        {
            return TableHeader.At(chars.Slice(0, upTo), line);
        }

        int from = (int)(table.Offset - offset);
        return from >= 0 ? TableHeader.At(chars.Slice(from, upTo - from), TableLine.LineStart(table)) : null;
    }

    /// <summary>A string of <paramref name="chars"/>: this thread's spare written over when it has their length.</summary>
    private static unsafe string Lend(ReadOnlySpan<char> chars)
    {
        string text = t_spare is { } spare && spare.Length == chars.Length ? spare : new string('\0', chars.Length);
        t_spare = null;
        // The string is this sink's until handed back (see Lending): no one else holds it while it is written.
        fixed (char* at = text)
        {
            chars.CopyTo(new Span<char>(at, text.Length));
        }

        return text;
    }

    /// <summary>One part's text not yet handed on, where it stands, and its tables.</summary>
    private sealed class Part
    {
        private char[] _buffer = Array.Empty<char>();

        /// <summary>How many characters of the buffer are the part's text not yet handed on.</summary>
        public int Length { get; set; }

        public ReadOnlySpan<char> Chars => _buffer.AsSpan(0, Length);

        public long Offset { get; set; }

        public long OwnedFrom { get; set; }

        public List<TableHeader> Tables { get; } = new();

        /// <summary>Where the rows of its table stand at <see cref="Offset"/>, when known (see <see cref="TableLine"/>).</summary>
        public TableLine? Line { get; set; }

        /// <summary>The tables as the chunks carry them: copied once each time one is added.</summary>
        public TableHeader[]? TablesSnapshot { get; set; }

        /// <summary>Appends <paramref name="text"/>, growing the buffer by doubling up to <paramref name="capacity"/> (a small file's part stays small).</summary>
        public void Write(ReadOnlySpan<char> text, int capacity)
        {
            if (Length + text.Length > _buffer.Length)
            {
                var grown = new char[Math.Min(capacity, Math.Max(Length + text.Length, Math.Max(256, _buffer.Length * 2)))];
                _buffer.AsSpan(0, Length).CopyTo(grown);
                _buffer = grown;
            }

            text.CopyTo(_buffer.AsSpan(Length));
            Length += text.Length;
        }

        /// <summary>Keeps the buffer's characters from <paramref name="from"/> on, moved to its start.</summary>
        public void KeepFrom(int from)
        {
            _buffer.AsSpan(from, Length - from).CopyTo(_buffer);
            Length -= from;
        }

        /// <summary>
        /// Drops the tables whose rows all stand before <paramref name="position"/>: every table but the last that starts there
        /// or before (it may still be read below). A page of ten thousand small tables keeps a few, not all, and its chunks
        /// carry only theirs.
        /// </summary>
        public void ForgetTablesBefore(long position)
        {
            int governing = Tables.FindLastIndex(table => table.RowsFrom <= position);
            if (governing > 0)
            {
                Tables.RemoveRange(0, governing);
                TablesSnapshot = null;
            }
        }
    }
}
