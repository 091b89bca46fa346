using System;

namespace GdprOps.Extraction;

/// <summary>
/// One chunk of a part's text as <see cref="ChunkingTextSink"/> hands it on, with the stretch of the part it answers
/// for. Chunks overlap, and a chunk that is not its part's last is cut wherever its size ends ("…010190-1230" of
/// "010190-12301", "jens@example.dk" of "jens@example.dk.other.org"): what starts near that cut is the next chunk's to
/// judge, which repeats the text whole. So each position of a part is owned by exactly one chunk, at least
/// <see cref="ChunkingTextSink.SettledContext"/> characters from either of its cut ends: a match, detection or term is
/// counted by the chunk that owns its start, and read with its context whole on both sides.
/// </summary>
public readonly struct TextChunk
{
    public TextChunk(string where, string text, long offset, long ownedFrom, long ownedTo, System.Collections.Generic.IReadOnlyList<TableHeader>? tables = null, TableLine? lineAtStart = null)
    {
        Where = where ?? throw new ArgumentNullException(nameof(where));
        Text = text ?? throw new ArgumentNullException(nameof(text));
        Offset = offset;
        OwnedFrom = ownedFrom;
        OwnedTo = ownedTo;
        Tables = tables;
        LineAtStart = lineAtStart;
    }

    /// <summary>The part: "Body", "Subject", "Attachment:cv.docx", ...</summary>
    public string Where { get; }

    public string Text { get; }

    /// <summary>The absolute position of the text's first character in its part.</summary>
    public long Offset { get; }

    /// <summary>The first absolute position this chunk answers for (what starts before it was the previous chunk's).</summary>
    public long OwnedFrom { get; }

    /// <summary>The absolute position where the next chunk takes over; <see cref="long.MaxValue"/> for a part's last chunk.</summary>
    public long OwnedTo { get; }

    /// <summary>
    /// The header rows of the tables of the part that start before this chunk's end, in order (null when the part has none):
    /// a row's cells below a header have its labels as context (<see cref="TableHeader"/>).
    /// </summary>
    public System.Collections.Generic.IReadOnlyList<TableHeader>? Tables { get; }

    /// <summary>
    /// Where the rows of the part's table stood at the text's first character (the chunk before read them there), or null
    /// when not known: the part's first chunk starts a line, and a chunk without it has a first line with no columns.
    /// </summary>
    public TableLine? LineAtStart { get; }

    /// <summary>Whether no chunk of the part follows: the end of the text is the part's end.</summary>
    public bool IsLast => OwnedTo == long.MaxValue;

    /// <summary>A whole text (a file name, a property, a part read at once): it answers for everything in it.</summary>
    public static TextChunk Whole(string where, string text, long offset = 0) => new(where, text, offset, long.MinValue, long.MaxValue);

    /// <summary>Whether something starting at <paramref name="start"/> (an index into <see cref="Text"/>) is this chunk's to count.</summary>
    public bool Owns(int start)
    {
        long at = Offset + start;
        return at >= OwnedFrom && at < OwnedTo;
    }
}
