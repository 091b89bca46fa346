using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text;
using GdprOps.Model;

namespace GdprOps.Detection;

/// <summary>
/// Collects the matches of one item across its parts (file name, body, ...) and chunks, drops repeats
/// from chunk overlaps, and summarises them into finding columns.
/// </summary>
public sealed class MatchAccumulator
{
    private const int MaxEvidenceEntries = 12;

    private readonly HashSet<(string Where, long Start, IdentifierKind Kind)> _seen = new();
    private readonly Dictionary<(string Where, IdentifierKind Kind, string Masked), int> _evidence = new();
    private readonly List<string> _whereOrder = new();
    private readonly SortedDictionary<string, int> _categories = new(StringComparer.Ordinal);
    private bool _strongId;

    public int MatchCount { get; private set; }

    public bool IsEmpty => MatchCount == 0;

    /// <summary>
    /// Adds the matches found in one chunk (<see cref="ChunkingTextSink"/>): only those starting where the chunk answers
    /// for its part. One found near the cut end of a chunk that is not the last is the next chunk's to judge, whole
    /// ("jens@example.dk" cut from "jens@example.dk.other.org" is not the subject's address).
    /// </summary>
    public void Add(Extraction.TextChunk chunk, IEnumerable<SubjectMatch> matches) =>
        Add(chunk.Where, matches.Where(m => chunk.Owns(m.Start)), chunk.Offset);

    /// <summary>
    /// Adds the matches found in one part or chunk; <paramref name="offset"/> is the chunk's absolute start. Repeats of a
    /// match at the same place (overlapping chunks given whole) count once.
    /// </summary>
    public void Add(string where, IEnumerable<SubjectMatch> matches, long offset = 0)
    {
        foreach (var match in matches)
        {
            if (!_seen.Add((where, offset + match.Start, match.Kind)))
            {
                continue;
            }

            MatchCount++;
            if (!_whereOrder.Contains(where))
            {
                _whereOrder.Add(where);
            }

            if (match.Category is not null)
            {
                _categories[match.Category] = _categories.TryGetValue(match.Category, out int seen) ? seen + 1 : 1;
            }

            var key = (where, match.Kind, match.Masked);
            _evidence[key] = _evidence.TryGetValue(key, out int n) ? n + 1 : 1;
            _strongId |= match.Kind != IdentifierKind.Name;
        }
    }

    public string SubjectMatches => string.Join(";", _evidence.Keys.Select(k => k.Kind).Distinct().OrderBy(k => k).Select(k => k.ToString()));

    /// <summary>Detector ids the subject's matched identifiers correspond to (a name is not a detector category).</summary>
    public string Categories => string.Join(";", _categories.Keys);

    /// <summary>How many of the subject's matches fall in each detector category.</summary>
    public IReadOnlyDictionary<string, int> CategoryCounts => _categories;

    /// <summary>
    /// An exact email, phone or id is High. A name with no other identifier of the person in the item is Low, full or
    /// not: a name alone may be a namesake, so erasure acts on it only after a person has looked.
    /// </summary>
    public Confidence Confidence => _strongId ? Confidence.High : Confidence.Low;

    public string Where => string.Join(";", _whereOrder);

    public string Evidence
    {
        get
        {
            var sb = new StringBuilder();
            int entries = 0;
            foreach (var pair in _evidence.OrderBy(p => _whereOrder.IndexOf(p.Key.Where)).ThenBy(p => p.Key.Kind))
            {
                if (entries == MaxEvidenceEntries)
                {
                    sb.Append("; ...");
                    break;
                }

                if (entries++ > 0)
                {
                    sb.Append("; ");
                }

                sb.Append(pair.Key.Where).Append(' ').Append(pair.Key.Kind).Append(": ").Append(pair.Key.Masked);
                if (pair.Value > 1)
                {
                    sb.Append(" x").Append(pair.Value.ToString(CultureInfo.InvariantCulture));
                }
            }

            return sb.ToString();
        }
    }
}
