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
/// strong term sits that close to the reference or the category has two distinct terms; or when the category has two
/// distinct strong terms anywhere. Anything else is Low (65): a term in news, a street name or a menu is not a
/// person's special-category data.
/// </summary>
public sealed class DiscoveryAccumulator
{
    private const int MaxEvidenceEntries = 12;

    private readonly HashSet<(string Where, long Start, string Id)> _seen = new();
    private readonly Dictionary<string, int> _best = new(StringComparer.Ordinal);
    private readonly Dictionary<(string Id, string Where, string Masked), int> _evidence = new();
    private readonly Dictionary<string, HashSet<string>> _terms = new(StringComparer.Ordinal);
    /// <summary>How close a term and a reference to a person must be (about two sentences).</summary>
    public const int PersonWindow = 200;

    private readonly HashSet<string> _anchored = new(StringComparer.Ordinal);
    private readonly HashSet<string> _aboutPerson = new(StringComparer.Ordinal);
    private readonly Dictionary<string, HashSet<string>> _strongTerms = new(StringComparer.Ordinal);
    private readonly Dictionary<string, List<string>> _termWhere = new(StringComparer.Ordinal);
    private Dictionary<string, int>? _scores;

    /// <summary>Adds one part or chunk: its identifier detections, special-category terms, and positions of subject matches.</summary>
    /// <param name="personReferences">Where the part refers to a person in words (<see cref="DiscoveryScanner.ScanPersonReferences"/>).</param>
    public void Add(string where, long offset, IReadOnlyList<Detection> identifiers, IReadOnlyList<(string Category, string Term, int Start, bool Weak)> terms,
        IEnumerable<int>? subjectPositions = null, IReadOnlyList<int>? personReferences = null)
    {
        _scores = null;
        foreach (var d in identifiers)
        {
            if (!_seen.Add((where, offset + d.Start, d.DetectorId)))
            {
                continue;
            }

            _best[d.DetectorId] = Math.Max(_best.TryGetValue(d.DetectorId, out int s) ? s : 0, d.Score);
            var key = (d.DetectorId, where, d.Masked);
            _evidence[key] = _evidence.TryGetValue(key, out int n) ? n + 1 : 1;
        }

        if (terms.Count == 0)
        {
            return;
        }

        var anchors = identifiers.Where(d => d.Score >= 75).Select(d => d.Start)
            .Concat(subjectPositions ?? Enumerable.Empty<int>())
            .Concat(personReferences ?? Array.Empty<int>()).ToArray();
        Array.Sort(anchors);
        foreach (var hit in terms)
        {
            if (!_terms.TryGetValue(hit.Category, out var set))
            {
                _terms[hit.Category] = set = new HashSet<string>(StringComparer.Ordinal);
                _termWhere[hit.Category] = new List<string>();
            }

            set.Add(hit.Term);
            if (!hit.Weak)
            {
                if (!_strongTerms.TryGetValue(hit.Category, out var strong))
                {
                    _strongTerms[hit.Category] = strong = new HashSet<string>(StringComparer.Ordinal);
                }

                strong.Add(hit.Term);
            }
            if (!_termWhere[hit.Category].Contains(where))
            {
                _termWhere[hit.Category].Add(where);
            }

            if (Near(anchors, hit.Start))
            {
                _aboutPerson.Add(hit.Category);
                if (!hit.Weak)
                {
                    _anchored.Add(hit.Category);
                }
            }
        }
    }

    /// <summary>Whether a sorted anchor lies within <see cref="PersonWindow"/> of <paramref name="position"/>.</summary>
    private static bool Near(int[] anchors, int position)
    {
        int at = Array.BinarySearch(anchors, position - PersonWindow);
        at = at < 0 ? ~at : at;
        return at < anchors.Length && anchors[at] <= position + PersonWindow;
    }

    /// <summary>Best score per detector id, special categories included; computed once after the last <see cref="Add"/>.</summary>
    public IReadOnlyDictionary<string, int> Scores
    {
        get
        {
            if (_scores is null)
            {
                var scores = new Dictionary<string, int>(_best, StringComparer.Ordinal);
                foreach (var pair in _terms)
                {
                    // Two distinct strong terms make a text about the category even where no person is named in it.
                    bool medium = (_aboutPerson.Contains(pair.Key) && (_anchored.Contains(pair.Key) || pair.Value.Count >= 2))
                        || (_strongTerms.TryGetValue(pair.Key, out var strong) && strong.Count >= 2);
                    scores[pair.Key] = medium ? 75 : 65;
                }

                _scores = scores;
            }

            return _scores;
        }
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
        return _evidence.Where(e => scores[e.Key.Id] >= minimum).Sum(e => e.Value) + _terms.Where(t => scores[t.Key] >= minimum).Sum(t => t.Value.Count);
    }

    /// <summary>Matches per category reaching <paramref name="minimum"/>: identifiers per occurrence, a special category per distinct term.</summary>
    public IReadOnlyDictionary<string, int> CategoryCounts(int minimum)
    {
        var scores = Scores;
        var counts = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var e in _evidence.Where(e => scores[e.Key.Id] >= minimum))
        {
            counts[e.Key.Id] = (counts.TryGetValue(e.Key.Id, out int n) ? n : 0) + e.Value;
        }

        foreach (var t in _terms.Where(t => scores[t.Key] >= minimum))
        {
            counts[t.Key] = t.Value.Count;
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
        return _evidence.Keys.Where(k => scores[k.Id] >= minimum).Select(k => k.Where)
            .Concat(_termWhere.Where(p => scores[p.Key] >= minimum).SelectMany(p => p.Value))
            .Distinct();
    }

    /// <summary>Masked evidence: "Body DK_CPR: 010190-**** x2; Body ART9_HEALTH: 2 terms".</summary>
    public string Evidence(int minimum)
    {
        var scores = Scores;
        var entries = _evidence.Where(e => scores[e.Key.Id] >= minimum)
            .OrderBy(e => IndexOf(e.Key.Id))
            .Select(e => $"{e.Key.Where} {e.Key.Id}: {e.Key.Masked}" + (e.Value > 1 ? " x" + e.Value.ToString(CultureInfo.InvariantCulture) : string.Empty))
            .Concat(_terms.Where(t => scores[t.Key] >= minimum).OrderBy(t => IndexOf(t.Key))
                .Select(t => $"{string.Join("+", _termWhere[t.Key])} {t.Key}: {t.Value.Count.ToString(CultureInfo.InvariantCulture)} term{(t.Value.Count == 1 ? string.Empty : "s")}"))
            .ToList();
        var sb = new StringBuilder(string.Join("; ", entries.Take(MaxEvidenceEntries)));
        if (entries.Count > MaxEvidenceEntries)
        {
            sb.Append("; ...");
        }

        return sb.ToString();
    }

    private static int IndexOf(string id)
    {
        for (int i = 0; i < DetectorIds.All.Count; i++)
        {
            if (DetectorIds.All[i] == id)
            {
                return i;
            }
        }

        return int.MaxValue;
    }
}
