using System;
using System.Collections.Generic;
using System.Linq;
#if NET
using System.Runtime.Intrinsics;
#endif
using System.Text;

namespace GdprOps.Detection.Discovery;

/// <summary>
/// Discovery mode: finds categories of personal data in text without knowing whose. Following the speed
/// lessons of DETECTORS.md it does not run regexes over the text: it walks it once, stopping only at
/// characters that can start a candidate (a digit, '+', '@', ':' or an upper-case letter), validates
/// candidates in code, and looks for context words only around candidates that survived. Scores follow the
/// catalogue: 85 High, 75 Medium, 65 Low. Thread-safe once built.
/// The detector families are in partial files: Digits (CPR, BSN, cards, phones, dates), Capitals (IBAN, NINO, UK
/// postcodes), Network (IP, DK/NL postcodes, e-mail) and SpecialCategories (the Art. 9/10 pass).
/// </summary>
public sealed partial class DiscoveryScanner
{
    private const int MaxGroupsPerWindow = 8;
    private const int MaxGroups = 12;
    private const int MaxWindowDigits = 19;
    private static readonly IComparer<Detection> ByStart = Comparer<Detection>.Create((x, y) => x.Start.CompareTo(y.Start));
    private static readonly string[] VersionWords = { "version", "versie", "ver", "build", "release", "v" };
    private static readonly string VersionWordEnds = new(VersionWords.Select(w => w[w.Length - 1]).Distinct().ToArray());
    private static readonly string[] Months =
    {
        "january", "february", "march", "april", "may", "june", "july", "august", "september", "october", "november", "december",
        "januari", "februari", "maart", "april", "mei", "juni", "juli", "augustus", "september", "oktober", "november", "december",
        "januar", "februar", "marts", "april", "maj", "juni", "juli", "august", "september", "oktober", "november", "december",
    };

    /// <summary>How Danish street names end (StreetBefore): the street tells a Danish postcode from a Dutch one without its letters.</summary>
    private static readonly string[] DanishStreetEndings = { "gade", "vej", "allé", "plads", "stræde", "torv", "vænge" };

    /// <summary>The street types English writes after a street's name (StreetNameAfter): "Peartree Road", "Baker Street".</summary>
    private static readonly string[] EnglishStreetTypes =
    {
        "street", "st", "road", "rd", "avenue", "ave", "lane", "ln", "drive", "dr", "way", "close", "court", "ct", "place", "pl",
        "boulevard", "blvd", "terrace", "crescent", "grove", "gardens", "square", "parkway", "highway", "row", "mews",
    };

    /// <summary>How Dutch street names end (StreetBefore).</summary>
    private static readonly string[] DutchStreetEndings = { "straat", "weg", "laan", "plein", "gracht", "kade", "singel", "dijk", "dreef", "steeg" };

    /// <summary>The months as English, Dutch and Danish abbreviate them, twelve a language (index modulo 12 is the month); "sept" too.</summary>
    private static readonly string[] MonthAbbreviations =
    {
        "jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec",
        "jan", "feb", "mrt", "apr", "mei", "jun", "jul", "aug", "sep", "okt", "nov", "dec",
        "jan", "feb", "mar", "apr", "maj", "jun", "jul", "aug", "sept", "okt", "nov", "dec",
    };

    /// <summary>What can start an address when no digit starts a candidate (ScanAddressesOnly): '@', or '%' of "%40".</summary>
    private static readonly char[] AddressSigns = { '@', '%' };

    private static readonly string MonthInitials = new(Months.Select(m => m[0]).Distinct().ToArray());

    // The context-word searches of the scan running on this thread (the scanner itself is shared by the workers).
    [ThreadStatic]
    private static ContextWindows? t_windows;

    // The lists and sort keys of the chunk being scanned on this thread (see ScanIdentifiersIntoBuffers).
    [ThreadStatic]
    private static ScanBuffers? t_buffers;

    // The tables of the chunk being scanned on this thread, null when its part has none (their labels are context:
    // UnderLabel). A reference, read on every candidate that has no word near: null is the common answer.
    [ThreadStatic]
    private static TableRows? t_tables;

    // What t_tables points to when set: one per thread, reused chunk after chunk.
    [ThreadStatic]
    private static TableRows? t_tableRows;

    private readonly DateTime _today;
    private readonly HashSet<string> _enabled;
    private readonly bool _contextWindows;

    // The identifier detectors switched on, read on every candidate (a set lookup there costs more than the check).
    private readonly bool _cpr;
    private readonly bool _bsn;
    private readonly bool _nino;
    private readonly bool _iban;
    private readonly bool _card;
    private readonly bool _email;
    private readonly bool _phone;
    private readonly bool _ip;
    private readonly bool _postcodeNl;
    private readonly bool _postcodeUk;
    private readonly bool _postcodeDk;
    private readonly bool _dateOfBirth;
    private readonly bool _anyDigitDetector;

    // Whether a digit can start a candidate: a detector reads digit runs, or an IBAN, NINO or UK postcode is looked for from
    // its first digit (CapitalLed). When none is on (discovery of e-mail or of special categories only) the walk stops only
    // at what can start an address: see ScanAddressesOnly.
    private readonly bool _digitsStartCandidates;
    private readonly bool _anySpecial;
    private readonly bool _allSpecial;

    public DiscoveryScanner(IEnumerable<string>? categories = null, DateTime? today = null)
        : this(categories, today, contextWindows: true)
    {
    }

    /// <param name="contextWindows">False only to measure the detectors alone: no context word is ever seen.</param>
    /// <param name="walkEveryCandidate">True only for tests: the walk stops at every candidate, whatever detectors are on.</param>
    internal DiscoveryScanner(IEnumerable<string>? categories, DateTime? today, bool contextWindows, bool walkEveryCandidate = false)
    {
        var requested = DetectorIds.Validate(categories);
        _enabled = new HashSet<string>(requested.Count == 0 ? DetectorIds.All : requested, StringComparer.Ordinal);
        _today = (today ?? DateTime.UtcNow).Date;
        _contextWindows = contextWindows;
        _cpr = IsEnabled(DetectorIds.DkCpr);
        _bsn = IsEnabled(DetectorIds.NlBsn);
        _nino = IsEnabled(DetectorIds.UkNino);
        _iban = IsEnabled(DetectorIds.Iban);
        _card = IsEnabled(DetectorIds.PaymentCard);
        _email = IsEnabled(DetectorIds.Email);
        _phone = IsEnabled(DetectorIds.Phone);
        _ip = IsEnabled(DetectorIds.IpAddress);
        _postcodeNl = IsEnabled(DetectorIds.PostcodeNl);
        _postcodeUk = IsEnabled(DetectorIds.PostcodeUk);
        _postcodeDk = IsEnabled(DetectorIds.PostcodeDk);
        _dateOfBirth = IsEnabled(DetectorIds.DateOfBirth);
        _anyDigitDetector = _cpr || _bsn || _card || _phone || _ip || _postcodeNl || _postcodeDk || _dateOfBirth;
        _digitsStartCandidates = walkEveryCandidate || _anyDigitDetector || _iban || _nino || _postcodeUk;
        _anySpecial = DetectorIds.SpecialCategories.Any(IsEnabled);
        _allSpecial = DetectorIds.SpecialCategories.All(IsEnabled);
    }

    public bool IsEnabled(string detectorId) => _enabled.Contains(detectorId);

    /// <summary>Identifier detections in <paramref name="text"/>, overlaps resolved in favour of the higher score.</summary>
    public List<Detection> ScanIdentifiers(string text) => ScanIdentifiers(text, new ScanBuffers());

    /// <summary>
    /// The detections of one chunk in this thread's buffers: valid until the thread scans again (a chunk's detections are
    /// counted before the next chunk is scanned). A CSV chunk holds thousands of detections: a fresh list each time,
    /// grown by doubling, and the sort keys were most of what a sweep allocated besides the text itself.
    /// </summary>
    private List<Detection> ScanIdentifiersIntoBuffers(string text) => ScanIdentifiers(text, t_buffers ??= new ScanBuffers());

    [System.Runtime.CompilerServices.MethodImpl(HotPath.Options)]
    private List<Detection> ScanIdentifiers(string text, ScanBuffers buffers)
    {
        (t_windows ??= new ContextWindows()).Reset(text);
        var found = buffers.Found;
        var phones = buffers.Phones;
        found.Clear();
        phones.Clear();
        buffers.PhoneDigits.Clear();
        if (!_digitsStartCandidates)
        {
            ScanAddressesOnly(text, found);
            return ResolveOverlaps(found, buffers);
        }

        int i = 0;
        int noAddressBefore = 0;
        var candidates = new CandidateFinder(text);
        while ((i = candidates.Next(i)) >= 0)
        {
            char c = text[i];
            if (IsDigit(c))
            {
                // IBANs, NINOs and UK postcodes start with capitals but always have a digit within their first
                // four characters: they are looked for from that digit, so capitals are not candidates.
                CapitalLed(text, i, found);
                if (c == '4' && i > 0 && text[i - 1] == '%' && i + 1 < text.Length && text[i + 1] == '0')
                {
                    // "%40", the '@' URL-encoded in a log's query string ("email=jens%40example.dk").
                    ScanEmail(text, i - 1, found, signLength: 3);
                }

                i = Glued(text, i) ? SkipWord(text, i) : ScanDigitRun(text, i, buffers);
            }
            else if (c == '+' && !Glued(text, i) && i + 1 < text.Length && IsDigit(text[i + 1]))
            {
                i = ScanDigitRun(text, i, buffers);
            }
            else if (c == '@')
            {
                ScanEmail(text, i, found);
                i++;
            }
            else if (c == ':' && _ip)
            {
                // A log's "10:19:00" is one candidate however many colons it has: weighed at its first.
                i = i < noAddressBefore ? i + 1 : ScanIpv6(text, i, found, out noAddressBefore) + 1;
            }
            else
            {
                i++;
            }
        }

        // libphonenumber is the slowest validator: only numbers not already inside a High detection (a card,
        // an IBAN, a CPR with its word) are parsed.
        if (phones.Count > 0)
        {
            var high = HighSpans(found, buffers);
            // A national reading inside an international number that is a phone ("20 12 34 56" in "+45 20 12 34 56")
            // can only lose to it, so it is not parsed either: both score 75 beside a phone word and 65 without (85 for a
            // valid international one), the national window lies inside the international one, and at equal scores the
            // longer span is kept.
            (int Start, int End) international = (-1, -1);
            int cursor = 0, previousStart = -1;
            foreach (var (start, end, digitsAt, digitsLength, plus) in phones)
            {
                var digits = buffers.PhoneDigits.Slice(digitsAt, digitsLength);
                // The candidates come in order of start: the High spans left behind are never looked at again.
                cursor = start < previousStart ? 0 : cursor;
                previousStart = start;
                if ((start >= international.Start && end <= international.End) || Covered(high, ref cursor, start, end))
                {
                    continue;
                }

                if (Phone(text, start, end, digits, plus, found) > 0 && (plus || IsInternationalPrefix(digits)))
                {
                    international = (start, end);
                }
            }
        }

        return ResolveOverlaps(found, buffers);
    }

    /// <summary>
    /// The walk when no digit can start a candidate: only an '@' can, or the "%40" a log's query string writes for it. A
    /// sweep for e-mail addresses alone, or for special categories alone, no longer stops at every digit of a CSV export or a
    /// log (the full walk weighs each digit for CapitalLed and ScanDigitRun, which find nothing then).
    /// </summary>
    [System.Runtime.CompilerServices.MethodImpl(HotPath.Options)]
    private void ScanAddressesOnly(string text, List<Detection> found)
    {
        if (!_email)
        {
            return;
        }

        for (int i = 0; i < text.Length && (i = text.IndexOfAny(AddressSigns, i)) >= 0; i++)
        {
            if (text[i] == '@')
            {
                ScanEmail(text, i, found);
            }
            else if (i + 2 < text.Length && text[i + 1] == '4' && text[i + 2] == '0')
            {
                ScanEmail(text, i, found, signLength: 3);
            }
        }
    }

    private bool Near(string text, int start, int end, IReadOnlyList<string> words, int radius = ContextWords.Window) =>
        _contextWindows && (Within(text, Math.Max(0, start - radius), Math.Min(text.Length, end + radius), words) || UnderLabel(text, start, words));

    /// <summary>Whether one of <paramref name="words"/> stands in the <paramref name="reach"/> characters before <paramref name="start"/> (a label: "BSN: ").</summary>
    private static bool WordBefore(string text, int start, IReadOnlyList<string> words, int reach) => Within(text, Math.Max(0, start - reach), start, words);

    /// <summary>Whether one of <paramref name="words"/> stands inside [<paramref name="from"/>, <paramref name="to"/>): by this scan's context windows when they are over the text.</summary>
    private static bool Within(string text, int from, int to, IReadOnlyList<string> words) =>
        t_windows is { } windows && windows.IsOver(text) ? windows.Within(from, to, words) : ContextWords.Near(text, from, to, words, radius: 0);

    /// <summary>
    /// Whether the candidate at <paramref name="start"/> stands in a table's row, in a column whose header label holds one
    /// of <paramref name="words"/> ("BSN", "Telefon", "Fødselsdato" over the column): the label is the context of every
    /// cell below it, however far down (see <see cref="Extraction.TableHeader"/>). Only for the chunk being scanned into an
    /// accumulator, and only asked when no word stands near.
    /// </summary>
    private static bool UnderLabel(string text, int start, IReadOnlyList<string> words)
    {
        if (t_tables is not { } rows || !ReferenceEquals(rows.Text, text))
        {
            return false;
        }

        // The table a row belongs to: the last whose rows start at or before it (a header line is no row of its own table).
        // The tables are in the order of the text: found by halving, as a chunk of an HTML page may hold a thousand.
        long at = rows.Offset + start;
        var tables = rows.Tables;
        int low = 0, high = tables.Count;
        while (low < high)
        {
            int middle = (low + high) >> 1;
            (low, high) = tables[middle].RowsFrom <= at ? (middle + 1, high) : (low, middle);
        }

        var table = low > 0 ? tables[low - 1] : null;
        if (table is null || table.Cells.Count == 0)
        {
            return false;
        }

        // A row that began in an earlier chunk is that chunk's to count (TextChunk): its column is not known here.
        int column = rows.ColumnsFor(table)[start];
        var labels = table.Labels(words, static (label, words) => ContextWords.Near(label, 0, label.Length, words, radius: 0));
        return column < labels.Length && labels[column];
    }

    /// <summary>Looks for an IBAN, NINO or UK postcode starting at a capital 1 to 3 characters before the digit at <paramref name="digit"/>.</summary>
    [System.Runtime.CompilerServices.MethodImpl(HotPath.Options)]
    private void CapitalLed(string text, int digit, List<Detection> found)
    {
        for (int s = Math.Max(0, digit - 3); s < digit; s++)
        {
            if (IsUpper(text[s]) && !Glued(text, s) && Digits(text, s + 1, digit) == 0)
            {
                ScanCapitals(text, s, found);
            }
        }

        // An IBAN or NINO typed in lower case ("nl91abna0417164300", "ab123456c"): two lower-case letters open a word just
        // before the digits.
        if (digit >= 2 && IsLowerAscii(text[digit - 1]) && IsLowerAscii(text[digit - 2]) && (digit == 2 || !char.IsLetterOrDigit(text[digit - 3])))
        {
            if (_iban && digit + 1 < text.Length && IsDigit(text[digit + 1]))
            {
                Iban(text, digit - 2, found);
            }

            if (_nino)
            {
                Nino(text, digit - 2, found);
            }

            if (_postcodeUk)
            {
                UkPostcode(text, digit - 2, found);
            }
        }
    }

    /// <summary>Whether a letter or digit stands just before <paramref name="i"/>: what starts there is inside a word (a digit inside one starts nothing).</summary>
    private static bool Glued(string text, int i) => i > 0 && char.IsLetterOrDigit(text[i - 1]);

    /// <summary>How many ASCII digits stand in [from, to) (the ranges asked about are a few characters).</summary>
    private static int Digits(string text, int from, int to)
    {
        int digits = 0;
        for (int i = from; i < to; i++)
        {
            digits += IsDigit(text[i]) ? 1 : 0;
        }

        return digits;
    }

    /// <summary>The index just past the letters and digits from <paramref name="i"/>: a digit inside a word starts nothing.</summary>
    [System.Runtime.CompilerServices.MethodImpl(HotPath.Options)]
    private static int SkipWord(string text, int i)
    {
        while (i < text.Length && char.IsLetterOrDigit(text[i]))
        {
            i++;
        }

        return i;
    }

    /// <summary>
    /// The spans of the High detections sorted by start (the walk finds them almost in order), in this thread's buffer: a
    /// chunk of a CSV export holds hundreds, and an array each chunk was garbage the next collection had to sweep.
    /// </summary>
    private static ReadOnlySpan<(int Start, int End)> HighSpans(List<Detection> found, ScanBuffers buffers)
    {
#if NET
        ReadOnlySpan<Detection> items = System.Runtime.InteropServices.CollectionsMarshal.AsSpan(found);
#else
        var items = found;
#endif
        int count = 0;
        foreach (var d in items)
        {
            count += d.Score >= 85 ? 1 : 0;
        }

        var spans = buffers.Spans(count);
        bool sorted = true;
        int k = 0;
        foreach (var d in items)
        {
            if (d.Score >= 85)
            {
                sorted &= k == 0 || spans[k - 1].Start <= d.Start;
                spans[k++] = (d.Start, d.Start + d.Length);
            }
        }

        if (!sorted)
        {
            var starts = buffers.Keys(count);
            for (int i = 0; i < count; i++)
            {
                starts[i] = spans[i].Start;
            }

            Array.Sort(starts, spans, 0, count);
        }

        return spans.AsSpan(0, count);
    }

    /// <summary>
    /// Whether [start, end) overlaps one of the spans sorted by start, which are short (identifiers are at most ~60
    /// characters): only spans starting after start - 80 can. <paramref name="cursor"/> moves past the spans that
    /// start too early, for the next call with a later start.
    /// </summary>
    [System.Runtime.CompilerServices.MethodImpl(HotPath.Options)]
    private static bool Covered(ReadOnlySpan<(int Start, int End)> spans, ref int cursor, int start, int end)
    {
        while (cursor < spans.Length && spans[cursor].Start <= start - 80)
        {
            cursor++;
        }

        for (int i = cursor; i < spans.Length && spans[i].Start < end; i++)
        {
            if (spans[i].End > start)
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>Whether the groups' sizes are <paramref name="expected"/>: a span, so a call allocates nothing (a log's every IP address asked).</summary>
    private static bool Is(ReadOnlySpan<int> sizes, params ReadOnlySpan<int> expected)
    {
        if (sizes.Length != expected.Length)
        {
            return false;
        }

        for (int i = 0; i < expected.Length; i++)
        {
            if (sizes[i] != expected[i])
            {
                return false;
            }
        }

        return true;
    }

    private static bool IsPostcodeLetters(string text, int at) => at + 1 < text.Length && IsUpper(text[at]) && IsUpper(text[at + 1]);

    private static bool IsUpper(char c) => c is >= 'A' and <= 'Z';

    private static bool IsLowerAscii(char c) => c is >= 'a' and <= 'z';

    private static char UpperAscii(char c) => IsLowerAscii(c) ? (char)(c - 0x20) : c;

    private static bool IsDigit(char c) => c is >= '0' and <= '9';

    /// <summary>The value of <paramref name="length"/> ASCII digits at <paramref name="at"/>.</summary>
    private static int Int(ReadOnlySpan<char> s, int at, int length)
    {
        int value = 0;
        for (int i = at; i < at + length; i++)
        {
            value = (value * 10) + (s[i] - '0');
        }

        return value;
    }

    private static DateTime? MakeDate(int year, int month, int day) =>
        month is >= 1 and <= 12 && year is >= 1 and <= 9999 && day >= 1 && day <= DateTime.DaysInMonth(year, month) ? new DateTime(year, month, day, 0, 0, 0, DateTimeKind.Utc) : null;

    /// <summary>
    /// Keeps, among detections that overlap, the highest score (then the longest). Sorted by start, the
    /// detections fall into clusters of overlapping spans; the greedy choice runs inside each small cluster,
    /// so the whole is O(n log n) however many detections a text holds.
    /// </summary>
    [System.Runtime.CompilerServices.MethodImpl(HotPath.Options)]
    private static List<Detection> ResolveOverlaps(List<Detection> found, ScanBuffers buffers)
    {
        if (found.Count < 2)
        {
            return found;
        }

        var kept = buffers.Kept;
        kept.Clear();
        var order = ByStartThenLongest(found, buffers);
        int clusterEnd = int.MinValue;
        int first = 0;
        for (int k = 0; k < order.Length; k++)
        {
            var d = found[order[k]];
            if (d.Start >= clusterEnd && k > first)
            {
                KeepBest(found, order.Slice(first, k - first), buffers.Cluster, kept);
                first = k;
            }

            clusterEnd = Math.Max(clusterEnd, d.Start + d.Length);
        }

        KeepBest(found, order.Slice(first), buffers.Cluster, kept);
        return kept;
    }

    /// <summary>
    /// Indices of <paramref name="found"/> by start, longest first, then in the order found: a sort of
    /// primitive keys (no comparison delegate), stable because equal keys are put back in index order.
    /// </summary>
    [System.Runtime.CompilerServices.MethodImpl(HotPath.Options)]
    private static ReadOnlySpan<int> ByStartThenLongest(List<Detection> found, ScanBuffers buffers)
    {
        int count = found.Count;
        var keys = buffers.Keys(count);
        var order = buffers.Order(count);
        for (int i = 0; i < count; i++)
        {
            keys[i] = ((long)found[i].Start << 32) | (uint)(int.MaxValue - found[i].Length);
            order[i] = i;
        }

        // The walk finds detections in order of start and the phones are appended after it, also in order: two sorted
        // runs are merged (stable: the earlier run first at equal keys) instead of sorted.
        int split = 1;
        while (split < count && keys[split - 1] <= keys[split])
        {
            split++;
        }

        int second = split;
        while (second < count && (second == split || keys[second - 1] <= keys[second]))
        {
            second++;
        }

        if (split == count)
        {
            return order.AsSpan(0, count);
        }

        if (second == count)
        {
            return Merge(keys.AsSpan(0, count), split, buffers.Merged(count));
        }

        Array.Sort(keys, order, 0, count);
        for (int run = 0; run < count;)
        {
            int next = run + 1;
            while (next < count && keys[next] == keys[run])
            {
                next++;
            }

            if (next - run > 1)
            {
                Array.Sort(order, run, next - run);
            }

            run = next;
        }

        return order.AsSpan(0, count);
    }

    /// <summary>The indices of keys[0..split) and keys[split..) (each sorted) in key order; at equal keys the first run's come first, in index order.</summary>
    [System.Runtime.CompilerServices.MethodImpl(HotPath.Options)]
    private static ReadOnlySpan<int> Merge(ReadOnlySpan<long> keys, int split, int[] order)
    {
        int a = 0, b = split;
        for (int i = 0; i < keys.Length; i++)
        {
            order[i] = b >= keys.Length || (a < split && keys[a] <= keys[b]) ? a++ : b++;
        }

        return order.AsSpan(0, keys.Length);
    }

    /// <summary>Keeps the best of one cluster of overlapping detections (<paramref name="members"/>, indices into <paramref name="found"/>), in order of start.</summary>
    [System.Runtime.CompilerServices.MethodImpl(HotPath.Options)]
    private static void KeepBest(List<Detection> found, ReadOnlySpan<int> members, List<Detection> cluster, List<Detection> kept)
    {
        if (members.Length == 1)
        {
            // Most detections overlap nothing: copied once, straight to the kept.
            kept.Add(found[members[0]]);
            return;
        }

        cluster.Clear();
        foreach (int index in members)
        {
            cluster.Add(found[index]);
        }

        int first = kept.Count;
        foreach (var d in cluster.OrderByDescending(d => d.Score).ThenByDescending(d => d.Length).ThenBy(d => d.Start))
        {
            bool overlaps = false;
            for (int k = first; k < kept.Count && !overlaps; k++)
            {
                overlaps = d.Start < kept[k].Start + kept[k].Length && kept[k].Start < d.Start + d.Length;
            }

            if (!overlaps)
            {
                kept.Add(d);
            }
        }

        kept.Sort(first, kept.Count - first, ByStart);
    }
}

/// <summary>
/// The characters that can start a candidate (a digit, '+', '@' or ':'), found in order. On modern .NET sixteen characters
/// are classified at a time and the block's bits are kept: on a CSV export or a log, where a candidate comes every few
/// characters, the next one is mostly found in the bits already at hand rather than by a new search.
/// </summary>
internal struct CandidateFinder
{
    private readonly string _text;
#if NET
    private int _block;
    private uint _bits;
#endif

    public CandidateFinder(string text)
    {
        _text = text;
#if NET
        _block = int.MinValue;
        _bits = 0;
#endif
    }

    /// <summary>The index of the first candidate at or after <paramref name="from"/>, or -1.</summary>
    [System.Runtime.CompilerServices.MethodImpl(HotPath.Options)]
    public int Next(int from)
    {
#if NET
        if ((uint)(from - _block) < 16)
        {
            uint left = _bits & (uint.MaxValue << (from - _block));
            if (left != 0)
            {
                return _block + System.Numerics.BitOperations.TrailingZeroCount(left);
            }

            from = _block + 16;
        }

        if (Vector128.IsHardwareAccelerated)
        {
            for (; from + 16 <= _text.Length; from += 16)
            {
                uint bits = Candidates(_text, from);
                if (bits != 0)
                {
                    _block = from;
                    _bits = bits;
                    return from + System.Numerics.BitOperations.TrailingZeroCount(bits);
                }
            }
        }
#endif
        for (int i = from; i < _text.Length; i++)
        {
            if (_text[i] is (>= '0' and <= '9') or '+' or '@' or ':')
            {
                return i;
            }
        }

        return -1;
    }
#if NET

    /// <summary>One bit for each of the 16 characters at <paramref name="at"/> that can start a candidate.</summary>
    private static uint Candidates(string text, int at)
    {
        ref ushort chars = ref System.Runtime.CompilerServices.Unsafe.As<char, ushort>(ref System.Runtime.InteropServices.MemoryMarshal.GetReference(text.AsSpan()));
        return Vector128.Narrow(Candidates(Vector128.LoadUnsafe(ref chars, (nuint)at)), Candidates(Vector128.LoadUnsafe(ref chars, (nuint)(at + 8))))
            .ExtractMostSignificantBits();
    }

    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveInlining)]
    private static Vector128<ushort> Candidates(Vector128<ushort> chars) =>
        Vector128.LessThan(chars - Vector128.Create((ushort)'0'), Vector128.Create((ushort)10))
        | Vector128.Equals(chars, Vector128.Create((ushort)'+'))
        | Vector128.Equals(chars, Vector128.Create((ushort)'@'))
        | Vector128.Equals(chars, Vector128.Create((ushort)':'));
#endif
}

/// <summary>
/// The tables of the chunk being scanned (<see cref="Extraction.TextChunk.Tables"/>) and the column of each of its characters
/// (<see cref="Extraction.TableHeader.Columns"/>), worked out once per chunk and table; kept by the thread that scans.
/// </summary>
internal sealed class TableRows
{
    private ushort[] _columns = Array.Empty<ushort>();
    private Extraction.TableHeader? _columnsOf;
    private Extraction.TableLine? _lineAtStart;

    public string Text { get; private set; } = string.Empty;

    public long Offset { get; private set; }

    public IReadOnlyList<Extraction.TableHeader> Tables { get; private set; } = Array.Empty<Extraction.TableHeader>();

    /// <summary>This, now for <paramref name="chunk"/> (whose part has tables).</summary>
    public TableRows For(Extraction.TextChunk chunk)
    {
        Text = chunk.Text;
        Offset = chunk.Offset;
        Tables = chunk.Tables!;
        _lineAtStart = chunk.LineAtStart;
        _columnsOf = null;
        return this;
    }

    /// <summary>The column of each character of the chunk's text as rows of <paramref name="table"/>.</summary>
    public ushort[] ColumnsFor(Extraction.TableHeader table)
    {
        if (!ReferenceEquals(_columnsOf, table))
        {
            if (_columns.Length < Text.Length)
            {
                _columns = new ushort[Text.Length];
            }

            // The chunk's first line began in the chunk before, unless the chunk starts its part: where its rows stood there
            // came with the chunk, when the chunk before read them.
            var start = _lineAtStart is { } line && ReferenceEquals(line.Table, table) ? line
                : Offset > 0 ? Extraction.TableLine.Cut(table) : Extraction.TableLine.LineStart(table);
            Extraction.TableHeader.Columns(Text.AsSpan(), start, _columns);
            _columnsOf = table;
        }

        return _columns;
    }
}

/// <summary>What one scan of identifiers works in: its lists and sort keys, kept from chunk to chunk by the thread that scans.</summary>
internal sealed class ScanBuffers
{
    private long[] _keys = Array.Empty<long>();
    private (int Start, int End)[] _spans = Array.Empty<(int Start, int End)>();
    private int[] _order = Array.Empty<int>();
    private int[] _merged = Array.Empty<int>();

    public List<Detection> Found { get; } = new();

    /// <summary>The phone candidates of the walk, weighed after it: where each stands and where its digits are in <see cref="PhoneDigits"/>.</summary>
    public List<(int Start, int End, int DigitsAt, int DigitsLength, bool Plus)> Phones { get; } = new();

    /// <summary>The digits of the phone candidates, one after another.</summary>
    public CharBuffer PhoneDigits { get; } = new();

    public List<Detection> Kept { get; } = new();

    public List<Detection> Cluster { get; } = new();

    public long[] Keys(int count) => _keys.Length >= count ? _keys : _keys = new long[Grown(count)];

    public (int Start, int End)[] Spans(int count) => _spans.Length >= count ? _spans : _spans = new (int Start, int End)[Grown(count)];

    public int[] Order(int count) => _order.Length >= count ? _order : _order = new int[Grown(count)];

    public int[] Merged(int count) => _merged.Length >= count ? _merged : _merged = new int[Grown(count)];

    private static int Grown(int count) => Math.Max(count, 256) + (count / 2);
}

/// <summary>Characters appended one piece after another and read back by position: one array, grown when full.</summary>
internal sealed class CharBuffer
{
    private char[] _chars = new char[256];
    private int _length;

    public void Clear() => _length = 0;

    /// <returns>Where <paramref name="piece"/> starts in the buffer.</returns>
    public int Add(ReadOnlySpan<char> piece)
    {
        if (_length + piece.Length > _chars.Length)
        {
            Array.Resize(ref _chars, Math.Max(_chars.Length * 2, _length + piece.Length));
        }

        piece.CopyTo(_chars.AsSpan(_length));
        _length += piece.Length;
        return _length - piece.Length;
    }

    public ReadOnlySpan<char> Slice(int at, int length) => _chars.AsSpan(at, length);
}
