using System;
using System.Collections.Generic;
using System.Linq;
#if NET
using System.Runtime.Intrinsics;
#endif
using System.Text;

namespace GdprOps.Detection.Discovery;

/// <summary>
/// <see cref="ContextWords.Near"/> for the candidates of one text, read in order. Windows of neighbouring
/// candidates overlap (a log line's address and the next line's are 70 characters apart, their windows 600), so
/// each word list remembers how far the text has been searched and where its words stood: every character is
/// searched once per list instead of once per candidate. The answer is the same as a fresh search of each window.
/// Not thread-safe: one instance per scan.
/// </summary>
internal sealed class ContextWindows
{
    private readonly List<ListState> _lists = new();
    private ListState? _last;
    private string _text = string.Empty;

    /// <summary>Whether this is the text being scanned (Near answers only for it).</summary>
    public bool IsOver(string text) => ReferenceEquals(_text, text);

    /// <summary>
    /// Ends the scan of the text: Near answers for no text until the next <see cref="Reset"/>. A sweep's chunk strings are
    /// lent and written over (<see cref="Extraction.ChunkingTextSink.Lending"/>): the next chunk's text may be the same
    /// string with other characters, which must not be answered from this text's searches.
    /// </summary>
    public void Release() => _text = string.Empty;

    /// <summary>Starts on a new text: nothing searched yet.</summary>
    [System.Runtime.CompilerServices.MethodImpl(HotPath.Options)]
    public void Reset(string text)
    {
        _text = text;
        foreach (var list in _lists)
        {
            list.Clear(0);
        }
    }

    /// <summary>True when one of <paramref name="words"/> stands inside the window of <paramref name="radius"/> characters either side of [start, end).</summary>
    [System.Runtime.CompilerServices.MethodImpl(HotPath.Options)]
    public bool Near(int start, int end, IReadOnlyList<string> words, int radius) =>
        Within(Math.Max(0, start - radius), Math.Min(_text.Length, end + radius), words);

    /// <summary>True when one of <paramref name="words"/> stands inside [<paramref name="from"/>, <paramref name="to"/>).</summary>
    [System.Runtime.CompilerServices.MethodImpl(HotPath.Options)]
    public bool Within(int from, int to, IReadOnlyList<string> words)
    {
        var state = StateOf(words);
        if (from < state.From || from > state.To)
        {
            // Behind what was searched (the phones are weighed after the walk), or past a gap: start over here.
            state.Clear(from);
        }

        if (to > state.To)
        {
            state.Extend(_text, to);
        }

        return state.AnyWithin(from, to);
    }

    [System.Runtime.CompilerServices.MethodImpl(HotPath.Options)]
    private ListState StateOf(IReadOnlyList<string> words)
    {
        // A log asks the same list line after line (its addresses' words): the last one asked is tried first.
        if (_last is { } last && ReferenceEquals(last.Words, words))
        {
            return last;
        }

        for (int i = 0; i < _lists.Count; i++)
        {
            if (ReferenceEquals(_lists[i].Words, words))
            {
                return _last = _lists[i];
            }
        }

        var state = new ListState(words);
        _lists.Add(state);
        return _last = state;
    }

    /// <summary>One word list: the searched range [From, To) and the words found inside it (start, end).</summary>
    private sealed class ListState
    {
        private readonly int _longest;
        private readonly List<(int Start, int End)> _hits = new();

        // The words without their '*', whether each is a prefix, and for each ASCII character the words that can start
        // there (any case, as OrdinalIgnoreCase compares). A non-ASCII character may start any word.
        private readonly string[] _needles;
        private readonly bool[] _prefix;
        private readonly int[]?[] _byAsciiStart = new int[]?[128];
        // Per ASCII start character, the ASCII characters that can follow it in one of its words (both cases), as two
        // 64-bit masks: a word start whose second character is in neither is not compared with any word.
        private readonly ulong[] _secondLow = new ulong[128];
        private readonly ulong[] _secondHigh = new ulong[128];
        private readonly int[] _all;
#if NET
        // The ASCII characters no word starts with: the search jumps over runs of them, vectorised.
        private readonly System.Buffers.SearchValues<char> _skip;
        // When every word starts with an ASCII letter: those letters in lower case, a vector of each, for WordStarts.
        private readonly Vector128<byte>[]? _startLetters;
#endif

        public ListState(IReadOnlyList<string> words)
        {
            Words = words;
            _needles = new string[words.Count];
            _prefix = new bool[words.Count];
            for (int w = 0; w < words.Count; w++)
            {
                _prefix[w] = words[w].EndsWith("*", StringComparison.Ordinal);
                _needles[w] = _prefix[w] ? words[w].Substring(0, words[w].Length - 1) : words[w];
                _longest = Math.Max(_longest, words[w].Length);
            }

            _all = Enumerable.Range(0, _needles.Length).Where(w => _needles[w].Length > 0).ToArray();
            var skip = new StringBuilder();
            for (char c = (char)0; c < 128; c++)
            {
                var starting = _all.Where(w => MemoryExtensions.Equals(_needles[w].AsSpan(0, 1), new[] { c }, StringComparison.OrdinalIgnoreCase)).ToArray();
                _byAsciiStart[c] = starting.Length > 0 ? starting : null;
                foreach (int w in starting)
                {
                    if (_needles[w].Length < 2 || _needles[w][1] >= 128)
                    {
                        // A one-letter word, or one whose second character is not ASCII: any second character may do.
                        _secondLow[c] = _secondHigh[c] = ulong.MaxValue;
                        continue;
                    }

                    foreach (char second in new[] { char.ToLowerInvariant(_needles[w][1]), char.ToUpperInvariant(_needles[w][1]) })
                    {
                        if (second < 64)
                        {
                            _secondLow[c] |= 1UL << second;
                        }
                        else if (second < 128)
                        {
                            _secondHigh[c] |= 1UL << (second - 64);
                        }
                    }
                }

                if (starting.Length == 0)
                {
                    skip.Append(c);
                }
            }
#if NET
            _skip = System.Buffers.SearchValues.Create(skip.ToString());
            if (Vector128.IsHardwareAccelerated && _all.All(w => (uint)((_needles[w][0] | 0x20) - 'a') <= 'z' - 'a'))
            {
                _startLetters = _all.Select(w => (byte)(_needles[w][0] | 0x20)).Distinct().Select(letter => Vector128.Create(letter)).ToArray();
            }
#endif
        }

        public IReadOnlyList<string> Words { get; }

        public int From { get; private set; }

        public int To { get; private set; }

        [System.Runtime.CompilerServices.MethodImpl(HotPath.Options)]
        public void Clear(int at)
        {
            From = To = at;
            _hits.Clear();
        }

        /// <summary>
        /// Searches on to <paramref name="to"/>: every word that ends in (To, to] and starts at or after From. One pass
        /// for all the words, from word start to word start (a word counts only on a boundary: after neither a letter
        /// nor a digit); only where a word of the list can start there are they compared. On modern .NET, where every word
        /// of the list starts with an ASCII letter (all of ContextWords), those starts are found 16 characters at a time.
        /// </summary>
        [System.Runtime.CompilerServices.MethodImpl(HotPath.Options)]
        public void Extend(string text, int to)
        {
            int searchFrom = Math.Max(From, To - _longest);
            int at = searchFrom;
            while (at < to)
            {
#if NET
                if (_startLetters is not null && at > 0 && at + 16 <= text.Length)
                {
                    // Sixteen characters at a time: only where a word of the list can start, after neither an ASCII letter nor
                    // an ASCII digit, is the text looked at one character at a time.
                    uint starts = WordStarts(text, at, _startLetters) & (to - at >= 16 ? 0xFFFFu : (1u << (to - at)) - 1);
                    for (; starts != 0; starts &= starts - 1)
                    {
                        Match(text, at + System.Numerics.BitOperations.TrailingZeroCount(starts), to);
                    }

                    at += 16;
                    continue;
                }

                int next = text.AsSpan(at, to - at).IndexOfAnyExcept(_skip);
                if (next < 0)
                {
                    break;
                }

                at += next;
#else
                if (text[at] < 128 && _byAsciiStart[text[at]] is null)
                {
                    at++;
                    continue;
                }
#endif
                char c = text[at];
                Match(text, at, to);

                // No word starts right after a letter or a digit: past the rest of the run that c begins (words are short: a
                // loop, not a vectorised search). After anything else (a space, a dash, a quote) a word may start at once.
                if (IsLetterOrDigit(c))
                {
                    while (at + 1 < to && IsLetterOrDigit(text[at + 1]))
                    {
                        at++;
                    }
                }

                at++;
            }

            To = to;
            if (_hits.Count > 256)
            {
                // Words the windows have left behind can never count again.
                // A window reaching back before From is searched afresh (Near), so the answer stays exact.
                From = Math.Max(From, To - (2 * ContextWords.Window) - 64);
                _hits.RemoveAll(h => h.Start < From);
            }
        }

        /// <summary>Records the words of the list that start at <paramref name="at"/> on a boundary and end in (To, <paramref name="to"/>].</summary>
        [System.Runtime.CompilerServices.MethodImpl(HotPath.Options)]
        private void Match(string text, int at, int to)
        {
            char c = text[at];
            if (c < 128 && _byAsciiStart[c] is null)
            {
                return;
            }

            if ((at == 0 || !char.IsLetterOrDigit(text[at - 1])) && MaySecond(text, at, c))
            {
                foreach (int w in c < 128 ? _byAsciiStart[c]! : _all)
                {
                    string needle = _needles[w];
                    int end = at + needle.Length;
                    if (end <= to && end > To && MemoryExtensions.Equals(text.AsSpan(at, needle.Length), needle.AsSpan(), StringComparison.OrdinalIgnoreCase)
                        && ContextWords.OnBoundaries(text, at, end, _prefix[w]))
                    {
                        _hits.Add((at, end));
                    }
                }
            }
        }

#if NET
        /// <summary>
        /// One bit for each of the 16 characters at <paramref name="at"/> (0 &lt; at, at + 16 &lt;= text.Length) where a word of
        /// the list may start: one of its start <paramref name="letters"/> in either case, or any non-ASCII character, standing
        /// after a character that is no ASCII letter or digit. A superset of the starts (no non-ASCII character equals an
        /// ASCII letter ignoring case today, but the runtime decides that): Match decides. The characters are narrowed to
        /// bytes, so each start letter is one compare for all sixteen.
        /// </summary>
        [System.Runtime.CompilerServices.MethodImpl(HotPath.Options)]
        private static uint WordStarts(string text, int at, Vector128<byte>[] letters)
        {
            ref ushort chars = ref System.Runtime.CompilerServices.Unsafe.As<char, ushort>(ref System.Runtime.InteropServices.MemoryMarshal.GetReference(text.AsSpan()));
            var low = Vector128.LoadUnsafe(ref chars, (nuint)at);
            var high = Vector128.LoadUnsafe(ref chars, (nuint)(at + 8));
            var caseBit = Vector128.Create((ushort)0x20);
            var ascii = Vector128.Create((ushort)127);
            // Narrowing keeps a character's low byte: a non-ASCII one may pass for a letter, and is a start anyway.
            var folded = Vector128.Narrow(low | caseBit, high | caseBit);
            var start = Vector128.Narrow(Vector128.GreaterThan(low, ascii), Vector128.GreaterThan(high, ascii));
            foreach (var letter in letters)
            {
                start |= Vector128.Equals(folded, letter);
            }

            var after = Vector128.Narrow(
                LetterOrDigit(Vector128.LoadUnsafe(ref chars, (nuint)(at - 1))),
                LetterOrDigit(Vector128.LoadUnsafe(ref chars, (nuint)(at + 7))));
            return Vector128.AndNot(start, after).ExtractMostSignificantBits();
        }

        /// <summary>All ones where the character is an ASCII letter or digit.</summary>
        [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveInlining)]
        private static Vector128<ushort> LetterOrDigit(Vector128<ushort> chars) =>
            Vector128.LessThan((chars | Vector128.Create((ushort)0x20)) - Vector128.Create((ushort)'a'), Vector128.Create((ushort)26))
            | Vector128.LessThan(chars - Vector128.Create((ushort)'0'), Vector128.Create((ushort)10));
#endif

        /// <summary><see cref="char.IsLetterOrDigit(char)"/>, ASCII answered inline (most of a text).</summary>
        [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveInlining)]
        private static bool IsLetterOrDigit(char c) => c < 128 ? (uint)((c | 0x20) - 'a') <= 'z' - 'a' || (uint)(c - '0') <= 9 : char.IsLetterOrDigit(c);

        /// <summary>Whether the character after <paramref name="at"/> can follow <paramref name="c"/> in one of the words (true past the text's end or outside ASCII).</summary>
        [System.Runtime.CompilerServices.MethodImpl(HotPath.Options)]
        private bool MaySecond(string text, int at, char c)
        {
            if (c >= 128 || at + 1 >= text.Length)
            {
                return true;
            }

            char second = text[at + 1];
            return second >= 128 || ((second < 64 ? _secondLow[c] >> second : _secondHigh[c] >> (second - 64)) & 1) != 0;
        }

        [System.Runtime.CompilerServices.MethodImpl(HotPath.Options)]
        public bool AnyWithin(int from, int to)
        {
            foreach (var (start, end) in _hits)
            {
                if (start >= from && end <= to)
                {
                    return true;
                }
            }

            return false;
        }
    }
}
