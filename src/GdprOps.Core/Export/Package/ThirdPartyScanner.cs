using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using GdprOps.Detection;
using GdprOps.Detection.Discovery;
using GdprOps.Extraction;
using GdprOps.Model;

namespace GdprOps.Export.Package;

/// <summary>
/// Looks through an exported item for <b>other</b> people's personal data (GDPR Art. 15(4): the copy must not adversely
/// affect the rights of others), with the discovery detectors minus what is the subject's:
/// <list type="bullet">
/// <item>an email or national id (CPR, BSN, NINO) that is not one of the subject's is someone else's wherever it
/// stands, when the profile gives the subject's own of that kind;</item>
/// <item>any other identifier (a phone, an IBAN, a card, an IP address, a postcode, a birth date) and every
/// special-category term count as someone else's when they stand on a line that does not name the subject or farther
/// than <see cref="SubjectReach"/> characters from the subject on its line: a row of a sick-leave list, a colleague
/// in a log.</item>
/// </list>
/// A role mailbox (support@, info@, noreply@, kundeservice@ ...) and a message id (digits@host) are nobody's personal
/// data. Only categories and counts come out, never values. A flag asks the DPO to review or redact before sending; it
/// does not claim the data is someone else's.
/// </summary>
public sealed class ThirdPartyScanner
{
    /// <summary>How far from the subject, on one line, a detail is taken to be the subject's (a CSV row, a log line).</summary>
    public const int SubjectReach = 300;

    private static readonly Dictionary<string, IdentifierKind> OwnKinds = new(StringComparer.Ordinal)
    {
        [DetectorIds.Email] = IdentifierKind.Email,
        [DetectorIds.DkCpr] = IdentifierKind.DK_CPR,
        [DetectorIds.NlBsn] = IdentifierKind.NL_BSN,
        [DetectorIds.UkNino] = IdentifierKind.UK_NINO,
    };

    // Mailboxes of a function, not a person (RFC 2142 and what companies add in en/da/nl), and message ids: an address
    // whose local part is one of these, or only digits, is nobody's personal data.
    private static readonly HashSet<string> RoleMailboxes = new(StringComparer.OrdinalIgnoreCase)
    {
        "info", "support", "help", "helpdesk", "servicedesk", "service", "kundeservice", "klantenservice", "customerservice", "contact", "kontakt",
        "sales", "salg", "verkoop", "marketing", "newsletter", "nyhedsbrev", "nieuwsbrief", "noreply", "no-reply", "donotreply", "do-not-reply",
        "postmaster", "hostmaster", "webmaster", "abuse", "security", "admin", "administrator", "root", "mailer-daemon", "office", "kontoret",
        "reception", "receptionen", "hr", "personale", "personeelszaken", "finance", "finans", "økonomi", "bogholderi", "accounts", "billing",
        "invoice", "invoices", "faktura", "factuur", "facturen", "dpo", "privacy", "gdpr", "databeskyttelse", "it", "jobs", "job", "careers", "vacatures",
    };

    private readonly SubjectMatcher _subject;
    private readonly HashSet<IdentifierKind> _kindsKnown;
    private readonly DiscoveryScanner _discovery = new();
    private readonly ContentExtractor _extractor;

    public ThirdPartyScanner(SubjectProfile subject, ExtractionBudget? budget = null)
    {
        _subject = new SubjectMatcher(subject ?? throw new ArgumentNullException(nameof(subject)));
        _kindsKnown = new HashSet<IdentifierKind>(subject.GetIdentifiers().Select(i => i.Kind));
        _extractor = new ContentExtractor(budget);
    }

    /// <summary>What others' data the file holds, per category ("EMAIL:2;ART9_HEALTH:1"); empty when none was seen.</summary>
    public async Task<ThirdPartyFindings> ScanAsync(string path, string name, CancellationToken cancellationToken)
    {
        var counts = new Dictionary<string, int>(StringComparer.Ordinal);
        var sink = new ChunkingTextSink(chunk => ScanChunk(chunk, counts));
        ExtractionResult result;
        using (var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 81920, useAsync: true))
        {
            result = await _extractor.ExtractAsync(stream, name, Path.GetExtension(name), sink, cancellationToken).ConfigureAwait(false);
        }

        return new ThirdPartyFindings(counts, result.Status == Model.ScanStatus.Scanned ? null : result.Reason ?? "not read in full", result.Status == Model.ScanStatus.NotScanned);
    }

    /// <summary>One chunk of text: the same rules as <see cref="ScanAsync"/>, for tests and callers that hold text.</summary>
    public IReadOnlyDictionary<string, int> ScanText(string text)
    {
        var counts = new Dictionary<string, int>(StringComparer.Ordinal);
        ScanChunk(TextChunk.Whole("Body", text), counts);
        return counts;
    }

    /// <summary>
    /// The spans of <paramref name="text"/> that are other people's by the same rules: their identifiers, and the
    /// special-category words on lines that do not name the subject (each from the term's start to the word's end).
    /// </summary>
    public IReadOnlyList<(int Start, int Length)> OthersSpans(string text)
    {
        var spans = new List<(int Start, int Length)>();
        Collect(text, (start, length, _, _) => spans.Add((start, length)));
        return spans;
    }

    /// <summary>
    /// Lines that hold other people's data and do not name the subject (a colleague's row, another subscriber), by
    /// their start and end: a redacted copy masks them whole, since a name beside the data is not always detectable.
    /// </summary>
    public IReadOnlyList<(int Start, int End)> OthersLines(string text)
    {
        var subjectStarts = _subject.Match(text).Select(m => m.Start).OrderBy(s => s).ToArray();
        var lines = new SortedDictionary<int, int>();
        Collect(text, (_, _, _, line) =>
        {
            int at = Array.BinarySearch(subjectStarts, line.Start);
            at = at < 0 ? ~at : at;
            if (!(at < subjectStarts.Length && subjectStarts[at] < line.End))
            {
                lines[line.Start] = line.End;
            }
        });
        return lines.Select(l => (l.Key, l.Value)).ToList();
    }

    // Each detail is counted by the chunk that owns its start (TextChunk): once, and never from text cut short.
    private void ScanChunk(TextChunk chunk, Dictionary<string, int> counts) =>
        Collect(chunk.Text, (start, _, category, _) =>
        {
            if (chunk.Owns(start))
            {
                counts[category] = (counts.TryGetValue(category, out int n) ? n : 0) + 1;
            }
        });

    /// <summary>Every detail of <paramref name="text"/> that is someone else's: (start, length, category, its line).</summary>
    private void Collect(string text, Action<int, int, string, (int Start, int End)> others)
    {
        var subject = _subject.Match(text);
        var identifiers = _discovery.ScanIdentifiers(text);
        var terms = new List<(string Category, string Term, int Start, bool Weak)>();
        _discovery.ScanSpecialCategories(text, terms);
        if (identifiers.Count == 0 && terms.Count == 0)
        {
            return;
        }

        var subjectStarts = subject.Select(m => m.Start).OrderBy(s => s).ToArray();
        var lines = new LineIndex(text);
        foreach (var d in identifiers)
        {
            if (d.Score < 75 || subject.Any(m => m.Start < d.Start + d.Length && d.Start < m.Start + m.Length))
            {
                continue; // Low confidence is not flagged (as a sweep does not report it); the subject's own is not someone else's.
            }

            if (d.DetectorId == DetectorIds.Email && IsRoleOrMessageId(text, d.Start, d.Length))
            {
                continue;
            }

            var line = lines.Of(d.Start);
            if (OwnKinds.TryGetValue(d.DetectorId, out var kind) && _kindsKnown.Contains(kind) || !NearSubjectOnLine(line, subjectStarts, d.Start))
            {
                others(d.Start, d.Length, d.DetectorId, line);
            }
        }

        foreach (var term in terms)
        {
            var line = lines.Of(term.Start);
            if (!NearSubjectOnLine(line, subjectStarts, term.Start))
            {
                int end = term.Start;
                while (end < text.Length && char.IsLetter(text[end]))
                {
                    end++;
                }

                others(term.Start, Math.Max(1, end - term.Start), term.Category, line);
            }
        }
    }

    private static bool IsRoleOrMessageId(string text, int start, int length)
    {
        int at = text.IndexOf('@', start, length);
        if (at <= start)
        {
            return false;
        }

        string local = text.Substring(start, at - start).Trim('<', '"', '\'', ' ');
        return RoleMailboxes.Contains(local) || local.All(char.IsDigit);
    }

    /// <summary>Whether a subject match stands on <paramref name="line"/>, within <see cref="SubjectReach"/> characters of <paramref name="position"/>.</summary>
    private static bool NearSubjectOnLine((int Start, int End) line, int[] subjectStarts, int position)
    {
        int from = Math.Max(line.Start, position - SubjectReach);
        int to = Math.Min(line.End, position + SubjectReach);
        int at = Array.BinarySearch(subjectStarts, from);
        at = at < 0 ? ~at : at;
        return at < subjectStarts.Length && subjectStarts[at] < to;
    }

    /// <summary>
    /// Where the lines of a text break, found once: a detail's line is then a binary search, not a scan back to the
    /// line's start (a minified JSON file is one line of megabytes).
    /// </summary>
    private sealed class LineIndex
    {
        private readonly int[] _breaks;
        private readonly int _length;

        public LineIndex(string text)
        {
            var breaks = new List<int>();
            for (int i = text.IndexOf('\n'); i >= 0; i = i + 1 < text.Length ? text.IndexOf('\n', i + 1) : -1)
            {
                breaks.Add(i);
            }

            _breaks = breaks.ToArray();
            _length = text.Length;
        }

        /// <summary>The line holding <paramref name="position"/>: its start and the index of its line break (or the text's end).</summary>
        public (int Start, int End) Of(int position)
        {
            int k = Array.BinarySearch(_breaks, position);
            k = k < 0 ? ~k : k;
            return (k == 0 ? 0 : _breaks[k - 1] + 1, k < _breaks.Length ? _breaks[k] : _length);
        }
    }
}

/// <summary>Other people's data seen in one exported item: counts per category, and why the item was not read in full (if so).</summary>
public sealed class ThirdPartyFindings
{
    public ThirdPartyFindings(IReadOnlyDictionary<string, int> counts, string? notReadInFull, bool notRead = false)
    {
        Counts = counts;
        NotReadInFull = notReadInFull;
        NotRead = notRead;
    }

    /// <summary>Nothing of the item could be read (an unsupported or broken format): it was not checked at all.</summary>
    public bool NotRead { get; }

    public IReadOnlyDictionary<string, int> Counts { get; }

    public string? NotReadInFull { get; }

    /// <summary>"EMAIL:2;ART9_HEALTH:1" in catalogue order; empty when nothing was seen.</summary>
    public string Summary => DiscoveryAccumulator.FormatCounts(Counts);

    public bool Any => Counts.Count > 0;
}
