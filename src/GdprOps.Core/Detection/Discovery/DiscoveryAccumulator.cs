using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text;

namespace GdprOps.Detection.Discovery;

/// <summary>
/// Collects what discovery found in one item across its parts and chunks, and weighs the special categories at
/// document level. A category is Medium (75) when the text is about a person — a reference to one (an identifier, the
/// subject, a name, a title, a role, a pronoun) within <see cref="PersonWindow"/> characters of a term — and either a
/// strong term sits that close to the reference or the category has two distinct terms; or when a strong term stands in
/// the subject or body of a message whose header names its correspondents (an e-mail is about the people it is from
/// and to). Anything else is Low (65): a term in news, a street name, a menu, or a leaflet, a guide or a policy about
/// sick leave, church tax or criminal records for everyone is not a person's special-category data, however many
/// terms it holds.
/// </summary>
public sealed class DiscoveryAccumulator
{
    private const int MaxEvidenceEntries = 12;

    // Identifiers: per detector a tally (best score, occurrences, the first evidence entries), and the locations in
    // the order first seen. Nothing here grows with the number of detections: a CSV export of a million
    // customers costs as much memory as one of twelve.
    private readonly Dictionary<string, IdentifierTally> _identifiers = new(StringComparer.Ordinal);
    private readonly List<(string Id, string Where)> _locations = new();
    private readonly HashSet<(string Id, string Where)> _locationSet = new();
    // Detector ids already in the location set for _locatedWhere (the location of the detections being counted).
    private readonly List<string> _locatedHere = new();
    private string? _locatedWhere;
    private readonly List<IdentifierTally> _recentTallies = new(4);

    // Special categories: per category its distinct terms (strong ones apart), where they stand and whether the item is about a person there.
    private readonly Dictionary<string, TermTally> _terms = new(StringComparer.Ordinal);
    /// <summary>How close a term and a reference to a person must be (about two sentences).</summary>
    public const int PersonWindow = 200;

    private Dictionary<string, int>? _scores;

    // Where the chunk being added refers to a person (Anchors), reused chunk after chunk.
    private int[] _anchors = Array.Empty<int>();

    /// <summary>Adds one part or chunk: its identifier detections, special-category terms, and positions of subject matches.</summary>
    /// <param name="personReferences">Where the part refers to a person in words (<see cref="DiscoveryScanner.ScanPersonReferences"/>).</param>
    /// <param name="ownedFrom">
    /// With <paramref name="ownedTo"/>, the absolute stretch of the part this chunk answers for
    /// (<see cref="Extraction.TextChunk"/>): an identifier is counted by the chunk that owns its start, so a chunk's
    /// repeat of the one before counts nothing twice, and one cut short by a chunk's end ("c***@fjord.exam" of
    /// "c1@fjord.example", a CPR number of the first ten digits of a longer number) is not counted at all: the next
    /// chunk reads it whole. Text given whole owns all of it.
    /// </param>
    [System.Runtime.CompilerServices.MethodImpl(HotPath.Options)]
    public void Add(string where, long offset, IReadOnlyList<Detection> identifiers, IReadOnlyList<(string Category, string Term, int Start, bool Weak)> terms,
        IEnumerable<int>? subjectPositions = null, IReadOnlyList<int>? personReferences = null, long ownedFrom = long.MinValue, long ownedTo = long.MaxValue)
    {
        _scores = null;

        // The scanner's list is read in place (a CSV chunk holds thousands of detections).
#if NET
        ReadOnlySpan<Detection> items = identifiers is List<Detection> list ? System.Runtime.InteropServices.CollectionsMarshal.AsSpan(list) : identifiers.ToArray();
#else
        ReadOnlySpan<Detection> items = identifiers as Detection[] ?? identifiers.ToArray();
#endif
        foreach (ref readonly var d in items)
        {
            long at = offset + d.Start;
            if (at >= ownedFrom && at < ownedTo)
            {
                Count(where, d);
            }
        }

        if (terms.Count == 0)
        {
            return;
        }

        // A term's reach beyond the owned stretch is read whole; what lies past it may be made by the chunk's cut.
        int anchorLimit = ownedTo == long.MaxValue ? int.MaxValue : (int)Math.Min(int.MaxValue, ownedTo - offset + PersonWindow);
        ArraySegment<int>? anchors = null;
        TermTally? tally = null;
        foreach (var hit in terms)
        {
            // A case note's terms come category after category: the tally of the one before is asked first.
            if (tally is null || !string.Equals(tally.Category, hit.Category, StringComparison.Ordinal))
            {
                if (!_terms.TryGetValue(hit.Category, out tally))
                {
                    _terms[hit.Category] = tally = new TermTally(hit.Category);
                }
            }

            tally.Add(hit.Term, hit.Weak, where);
            if (tally.ReadsNearness(hit.Weak, ReadsEveryNearness) && Near(anchors ??= Anchors(items, subjectPositions, personReferences, anchorLimit), hit.Start))
            {
                tally.AboutPerson = true;
                tally.Anchored |= !hit.Weak;
            }
        }
    }

    /// <summary>
    /// Whether a term of <paramref name="category"/> can still change what the item says about a person: no longer once the
    /// category is about a person and, for a strong term, anchored. Where a term stands is read for nothing else, so the
    /// scanner looks for references to a person only around the terms that ask (in a case note every sentence has a term).
    /// </summary>
    internal bool ReadsNearness(string category, bool weak) => !_terms.TryGetValue(category, out var tally) || tally.ReadsNearness(weak, ReadsEveryNearness);

    /// <summary>Reads every term's nearness to a person, as before <see cref="ReadsNearness"/>: the tests' model of the scan.</summary>
    internal bool ReadsEveryNearness { get; set; }

    /// <summary>The tally of <paramref name="id"/>: the last few used are found by reference (a CSV row alternates e-mail and phone).</summary>
    [System.Runtime.CompilerServices.MethodImpl(HotPath.Options)]
    private IdentifierTally Tally(string id)
    {
        // Indexed, not enumerated: this runs for every detection.
        for (int i = 0; i < _recentTallies.Count; i++)
        {
            if (ReferenceEquals(_recentTallies[i].Id, id))
            {
                return _recentTallies[i];
            }
        }

        if (!_identifiers.TryGetValue(id, out var tally))
        {
            _identifiers[id] = tally = new IdentifierTally(id);
        }

        if (_recentTallies.Count == 4)
        {
            _recentTallies.RemoveAt(0);
        }

        _recentTallies.Add(tally);
        return tally;
    }

    /// <summary>
    /// Where the part refers to a person, sorted: the identifiers of Medium or more (in order of start already, as the
    /// scanner gives them), the subject's matches and the person words.
    /// </summary>
    /// <param name="limit">Positions from here on are left out.</param>
    [System.Runtime.CompilerServices.MethodImpl(HotPath.Options)]
    private ArraySegment<int> Anchors(ReadOnlySpan<Detection> identifiers, IEnumerable<int>? subjectPositions, IReadOnlyList<int>? personReferences, int limit)
    {
        // Written into the item's buffer, kept from chunk to chunk: a CSV chunk with a term in it has a thousand identifiers.
        int count = 0;
        bool sorted = true;
        foreach (ref readonly var d in identifiers)
        {
            if (d.Score >= 75 && d.Start < limit)
            {
                sorted &= count == 0 || _anchors[count - 1] <= d.Start;
                Anchor(ref count, d.Start);
            }
        }

        int identifierCount = count;
        foreach (int position in (subjectPositions ?? Enumerable.Empty<int>()).Concat(personReferences ?? Array.Empty<int>()))
        {
            if (position < limit)
            {
                Anchor(ref count, position);
            }
        }

        if (!sorted)
        {
            Array.Sort(_anchors, 0, count);
        }
        else if (count > identifierCount)
        {
            // The few other positions are sorted and merged in.
            Array.Sort(_anchors, identifierCount, count - identifierCount);
            MergeInPlace(_anchors, identifierCount, count);
        }

        return new ArraySegment<int>(_anchors, 0, count);
    }

    private void Anchor(ref int count, int position)
    {
        if (count == _anchors.Length)
        {
            Array.Resize(ref _anchors, Math.Max(256, count * 2));
        }

        _anchors[count++] = position;
    }

    /// <summary>Merges the sorted runs array[0..split) and array[split..count) into one sorted run.</summary>
    private static void MergeInPlace(int[] array, int split, int count)
    {
        var left = new int[split];
        Array.Copy(array, left, split);
        int a = 0, b = split, k = 0;
        while (a < left.Length)
        {
            array[k++] = b < count && array[b] < left[a] ? array[b++] : left[a++];
        }
    }

    /// <summary>Counts one detection of <paramref name="where"/>: its detector's tally and, the first time, the location.</summary>
    [System.Runtime.CompilerServices.MethodImpl(HotPath.Options)]
    private void Count(string where, in Detection d)
    {
        Tally(d.DetectorId).Add(where, d.Score, d.Masked);
        if (!ReferenceEquals(_locatedWhere, where))
        {
            _locatedHere.Clear();
            _locatedWhere = where;
        }

        if (!LocatedHere(d.DetectorId))
        {
            // A chunk's detections share one location: the set is asked once per detector while the location stays.
            _locatedHere.Add(d.DetectorId);
            if (_locationSet.Add((d.DetectorId, where)))
            {
                _locations.Add((d.DetectorId, where));
            }
        }
    }

    private bool LocatedHere(string id)
    {
        for (int i = 0; i < _locatedHere.Count; i++)
        {
            if (ReferenceEquals(_locatedHere[i], id))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>Whether a sorted anchor lies within <see cref="PersonWindow"/> of <paramref name="position"/>.</summary>
    [System.Runtime.CompilerServices.MethodImpl(HotPath.Options)]
    private static bool Near(ArraySegment<int> anchors, int position)
    {
        int at = Array.BinarySearch(anchors.Array!, anchors.Offset, anchors.Count, position - PersonWindow);
        at = at < 0 ? ~at : at;
        return at < anchors.Offset + anchors.Count && anchors.Array![at] <= position + PersonWindow;
    }

    /// <summary>Best score per detector id, special categories included; computed once after the last <see cref="Add"/>.</summary>
    public IReadOnlyDictionary<string, int> Scores
    {
        get
        {
            if (_scores is null)
            {
                var scores = _identifiers.Values.ToDictionary(t => t.Id, t => t.Best, StringComparer.Ordinal);
                foreach (var tally in _terms.Values)
                {
                    bool medium = (tally.AboutPerson && (tally.Anchored || tally.Terms.Count >= 2)) || InMessageWithCorrespondents(tally);
                    scores[tally.Category] = medium ? 75 : 65;
                }

                _scores = scores;
            }

            return _scores;
        }
    }

    /// <summary>
    /// Whether a strong term of the tally stands in the subject or the body of a message ("Subject", "Body",
    /// "Attachment:x.eml/Body") whose header ("Header", "Attachment:x.eml/Header") holds an identifier: the addresses of
    /// the people it is from and to. A plain document's only part is "Body" too, but it has no header.
    /// </summary>
    private bool InMessageWithCorrespondents(TermTally tally)
    {
        foreach (string where in tally.StrongWhere)
        {
            string? header = where == "Subject" || where == "Body" ? "Header"
                : where.EndsWith("/Subject", StringComparison.Ordinal) ? where.Substring(0, where.Length - "Subject".Length) + "Header"
                : where.EndsWith("/Body", StringComparison.Ordinal) ? where.Substring(0, where.Length - "Body".Length) + "Header"
                : null;
            if (header is not null && _locations.Exists(l => string.Equals(l.Where, header, StringComparison.Ordinal)))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>Ids scoring at least <paramref name="minimum"/>, in catalogue order, ';'-joined.</summary>
    public string Categories(int minimum) => string.Join(";", DetectorIds.All.Where(id => Scores.TryGetValue(id, out int s) && s >= minimum));

    public int? BestScore(int minimum)
    {
        var scores = Scores.Values.Where(s => s >= minimum).ToList();
        return scores.Count == 0 ? null : scores.Max();
    }

    /// <summary>How many identifiers (and distinct terms of flagged categories) reach <paramref name="minimum"/>: the sum of <see cref="CategoryCounts"/>.</summary>
    public int Count(int minimum)
    {
        var scores = Scores;
        // The same counting as CategoryCounts: identifiers per occurrence, a special category per distinct term.
        return _identifiers.Values.Where(t => t.Best >= minimum).Sum(t => t.Occurrences) + _terms.Where(t => scores[t.Key] >= minimum).Sum(t => t.Value.Terms.Count);
    }

    /// <summary>Matches per category reaching <paramref name="minimum"/>: identifiers per occurrence, a special category per distinct term.</summary>
    public IReadOnlyDictionary<string, int> CategoryCounts(int minimum)
    {
        var scores = Scores;
        var counts = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var tally in _identifiers.Values.Where(t => t.Best >= minimum))
        {
            counts[tally.Id] = tally.Occurrences;
        }

        foreach (var t in _terms.Where(t => scores[t.Key] >= minimum))
        {
            counts[t.Key] = t.Value.Terms.Count;
        }

        return counts;
    }

    /// <summary>"EMAIL:3;PHONE:1" in catalogue order, from per-category counts.</summary>
    public static string FormatCounts(IEnumerable<KeyValuePair<string, int>> counts)
    {
        var merged = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var pair in counts)
        {
            merged[pair.Key] = Math.Max(merged.TryGetValue(pair.Key, out int n) ? n : 0, pair.Value);
        }

        return string.Join(";", merged.OrderBy(p => IndexOf(p.Key)).Select(p => p.Key + ":" + p.Value.ToString(CultureInfo.InvariantCulture)));
    }

    public IEnumerable<string> Where(int minimum)
    {
        var scores = Scores;
        return _locations.Where(k => scores[k.Id] >= minimum).Select(k => k.Where)
            .Concat(_terms.Where(p => scores[p.Key] >= minimum).SelectMany(p => p.Value.Where))
            .Distinct();
    }

    /// <summary>Masked evidence: "Body DK_CPR: 010190-**** x2; Body ART9_HEALTH: 2 terms".</summary>
    public string Evidence(int minimum)
    {
        var scores = Scores;
        var entries = _identifiers.Values.Where(t => t.Best >= minimum)
            .OrderBy(t => IndexOf(t.Id))
            .SelectMany(t => t.Evidence.Select(e => $"{e.Where} {t.Id}: {e.Masked}" + (e.Count > 1 ? " x" + e.Count.ToString(CultureInfo.InvariantCulture) : string.Empty)))
            .Concat(_terms.Where(t => scores[t.Key] >= minimum).OrderBy(t => IndexOf(t.Key))
                .Select(t => $"{string.Join("+", t.Value.Where)} {t.Key}: {t.Value.Terms.Count.ToString(CultureInfo.InvariantCulture)} term{(t.Value.Terms.Count == 1 ? string.Empty : "s")}"))
            .ToList();
        var sb = new StringBuilder(string.Join("; ", entries.Take(MaxEvidenceEntries)));
        if (entries.Count > MaxEvidenceEntries)
        {
            sb.Append("; ...");
        }

        return sb.ToString();
    }

    /// <summary>
    /// What one detector found in the item: its best score, how many times it matched, and the first
    /// <see cref="MaxEvidenceEntries"/> distinct (location, masked value) pairs with their counts — all the evidence
    /// column can show, so later distinct values are only counted.
    /// </summary>
    private sealed class IdentifierTally
    {
        public IdentifierTally(string id) => Id = id;

        public string Id { get; }

        public int Best { get; private set; }

        public int Occurrences { get; private set; }

        public List<EvidenceEntry> Evidence { get; } = new();

        // One bit per evidence entry, from a hash of its masked form: a form whose bit is clear equals no entry, and is not
        // compared with them (a CSV export's phones mask to a hundred forms, of which twelve are kept).
        private ulong _kept;

        [System.Runtime.CompilerServices.MethodImpl(HotPath.Options)]
        public void Add(string where, int score, string masked)
        {
            Best = Math.Max(Best, score);
            Occurrences++;
            ulong bit = BitOf(masked);
            if ((_kept & bit) != 0)
            {
                for (int i = 0; i < Evidence.Count; i++)
                {
                    var entry = Evidence[i];
                    // Masked values of one detector differ mostly in their last characters (the kept digits): those first.
                    string known = entry.Masked;
                    if (known.Length == masked.Length && (known.Length == 0 || known[known.Length - 1] == masked[masked.Length - 1])
                        && string.Equals(known, masked, StringComparison.Ordinal) && string.Equals(entry.Where, where, StringComparison.Ordinal))
                    {
                        entry.Count++;
                        return;
                    }
                }
            }

            if (Evidence.Count < MaxEvidenceEntries)
            {
                Evidence.Add(new EvidenceEntry(where, masked));
                _kept |= bit;
            }
        }

        /// <summary>The filter bit of a masked form: from its length, first character and last two (where masked forms differ).</summary>
        [System.Runtime.CompilerServices.MethodImpl(HotPath.Options)]
        private static ulong BitOf(string masked)
        {
            int n = masked.Length;
            int hash = n == 0 ? 0 : n + masked[0] + (masked[n - 1] * 7) + (masked[Math.Max(0, n - 2)] * 31);
            return 1UL << (hash & 63);
        }
    }

    /// <summary>What one special category has in the item: its distinct terms, how many are strong, where they stand, and whether the item is about a person there.</summary>
    private sealed class TermTally
    {
        private string? _lastTerm;
        private bool _lastWeak;
        private string? _lastWhere;
        private string? _lastStrongWhere;

        public TermTally(string category) => Category = category;

        public string Category { get; }

        public HashSet<string> Terms { get; } = new(StringComparer.Ordinal);

        /// <summary>The locations of its strong terms, in the order first seen.</summary>
        public List<string> StrongWhere { get; } = new();

        /// <summary>The locations of its terms, in the order first seen.</summary>
        public List<string> Where { get; } = new();

        /// <summary>A term of the category stands near a reference to a person.</summary>
        public bool AboutPerson { get; set; }

        /// <summary>A strong term of the category stands near a reference to a person.</summary>
        public bool Anchored { get; set; }

        /// <summary>Whether a term of the category can still change the verdict by where it stands (see <see cref="DiscoveryAccumulator.ReadsNearness"/>).</summary>
        public bool ReadsNearness(bool weak, bool always) => always || !AboutPerson || (!weak && !Anchored);

        [System.Runtime.CompilerServices.MethodImpl(HotPath.Options)]
        public void Add(string term, bool weak, string where)
        {
            // The scanner's term strings are its lexicon entries' own: the same entry again adds nothing.
            if (!ReferenceEquals(term, _lastTerm) || weak != _lastWeak)
            {
                Terms.Add(term);

                _lastTerm = term;
                _lastWeak = weak;
            }

            if (!ReferenceEquals(where, _lastWhere) || (!weak && !ReferenceEquals(where, _lastStrongWhere)))
            {
                if (!Where.Contains(where))
                {
                    Where.Add(where);
                }

                if (!weak && !StrongWhere.Contains(where))
                {
                    StrongWhere.Add(where);
                }

                _lastWhere = where;
                _lastStrongWhere = weak ? _lastStrongWhere : where;
            }
        }
    }

    private sealed class EvidenceEntry
    {
        public EvidenceEntry(string where, string masked)
        {
            Where = where;
            Masked = masked;
        }

        public string Where { get; }

        public string Masked { get; }

        public int Count { get; set; } = 1;
    }

    private static int IndexOf(string id) => DetectorIds.CatalogueIndex(id) is >= 0 and var i ? i : int.MaxValue;
}
