using System;
using System.Collections.Generic;

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
    private string _text = string.Empty;

    /// <summary>Whether this is the text being scanned (Near answers only for it).</summary>
    public bool IsOver(string text) => ReferenceEquals(_text, text);

    /// <summary>Starts on a new text: nothing searched yet.</summary>
    public void Reset(string text)
    {
        _text = text;
        foreach (var list in _lists)
        {
            list.Clear(0);
        }
    }

    /// <summary>True when one of <paramref name="words"/> stands inside the window of <paramref name="radius"/> characters either side of [start, end).</summary>
    public bool Near(int start, int end, IReadOnlyList<string> words, int radius)
    {
        int from = Math.Max(0, start - radius);
        int to = Math.Min(_text.Length, end + radius);
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

    private ListState StateOf(IReadOnlyList<string> words)
    {
        foreach (var list in _lists)
        {
            if (ReferenceEquals(list.Words, words))
            {
                return list;
            }
        }

        var state = new ListState(words);
        _lists.Add(state);
        return state;
    }

    /// <summary>One word list: the searched range [From, To) and the words found inside it (start, end).</summary>
    private sealed class ListState
    {
        private readonly int _longest;
        private readonly List<(int Start, int End)> _hits = new();

        public ListState(IReadOnlyList<string> words)
        {
            Words = words;
            foreach (string word in words)
            {
                _longest = Math.Max(_longest, word.Length);
            }
        }

        public IReadOnlyList<string> Words { get; }

        public int From { get; private set; }

        public int To { get; private set; }

        public void Clear(int at)
        {
            From = To = at;
            _hits.Clear();
        }

        /// <summary>Searches on to <paramref name="to"/>: every word that ends in (To, to] and starts at or after From.</summary>
        public void Extend(string text, int to)
        {
            int searchFrom = Math.Max(From, To - _longest);
            var span = text.AsSpan(searchFrom, to - searchFrom);
            foreach (string word in Words)
            {
                bool prefix = word.EndsWith("*", StringComparison.Ordinal);
                var needle = prefix ? word.AsSpan(0, word.Length - 1) : word.AsSpan();
                int at = 0;
                while (at <= span.Length - needle.Length)
                {
                    int hit = span.Slice(at).IndexOf(needle, StringComparison.OrdinalIgnoreCase);
                    if (hit < 0)
                    {
                        break;
                    }

                    int start = searchFrom + at + hit;
                    int end = start + needle.Length;
                    at += hit + 1;
                    if (end > To && ContextWords.OnBoundaries(text, start, end, prefix))
                    {
                        _hits.Add((start, end));
                    }
                }
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
