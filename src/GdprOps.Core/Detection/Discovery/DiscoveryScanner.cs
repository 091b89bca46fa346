using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Net;
using System.Text;

namespace GdprOps.Detection.Discovery;

/// <summary>
/// Discovery mode: finds categories of personal data in text without knowing whose. Following the speed
/// lessons of DETECTORS.md it does not run regexes over the text: it walks it once, stopping only at
/// characters that can start a candidate (a digit, '+', '@', ':' or an upper-case letter), validates
/// candidates in code, and looks for context words only around candidates that survived. Scores follow the
/// catalogue: 85 High, 75 Medium, 65 Low. Thread-safe once built.
/// </summary>
public sealed class DiscoveryScanner
{
    private const int MaxGroupsPerWindow = 8;
    private static readonly string[] VersionWords = { "version", "versie", "ver", "build", "release", "v" };
    private static readonly string[] Months =
    {
        "january", "february", "march", "april", "may", "june", "july", "august", "september", "october", "november", "december",
        "januari", "februari", "maart", "april", "mei", "juni", "juli", "augustus", "september", "oktober", "november", "december",
        "januar", "februar", "marts", "april", "maj", "juni", "juli", "august", "september", "oktober", "november", "december",
    };

#if NET
    private static readonly System.Buffers.SearchValues<char> CandidateStarts =
        System.Buffers.SearchValues.Create("0123456789+@:ABCDEFGHIJKLMNOPQRSTUVWXYZ");
#endif

    private readonly DateTime _today;
    private readonly HashSet<string> _enabled;

    public DiscoveryScanner(IEnumerable<string>? categories = null, DateTime? today = null)
    {
        var requested = DetectorIds.Validate(categories);
        _enabled = new HashSet<string>(requested.Count == 0 ? DetectorIds.All : requested, StringComparer.Ordinal);
        _today = (today ?? DateTime.UtcNow).Date;
    }

    public bool IsEnabled(string detectorId) => _enabled.Contains(detectorId);

    /// <summary>Identifier detections in <paramref name="text"/>, overlaps resolved in favour of the higher score.</summary>
    public List<Detection> ScanIdentifiers(string text)
    {
        var found = new List<Detection>();
        var phones = new List<(int Start, int End, string Digits, bool Plus)>();
        var scratch = new DigitRunScratch();
        for (int i = 0; i < text.Length; i++)
        {
            i = NextCandidate(text, i);
            if (i < 0)
            {
                break;
            }

            char c = text[i];
            if (c is >= '0' and <= '9' || (c == '+' && i + 1 < text.Length && char.IsDigit(text[i + 1])))
            {
                if (i > 0 && char.IsLetterOrDigit(text[i - 1]))
                {
                    continue;
                }

                i = ScanDigitRun(text, i, found, phones, scratch) - 1;
            }
            else if (c == '@')
            {
                ScanEmail(text, i, found);
            }
            else if (c == ':' && IsEnabled(DetectorIds.IpAddress))
            {
                i = ScanIpv6(text, i, found);
            }
            else if (c is >= 'A' and <= 'Z' && (i == 0 || !char.IsLetterOrDigit(text[i - 1])))
            {
                ScanCapitals(text, i, found);
            }
        }

        // libphonenumber is the slowest validator: only numbers not already inside a High detection (a card,
        // an IBAN, a CPR with its word) are parsed.
        var high = found.Where(d => d.Score >= 85).Select(d => (d.Start, End: d.Start + d.Length)).OrderBy(d => d.Start).ToArray();
        var starts = high.Select(h => h.Start).ToArray();
        foreach (var (start, end, digits, plus) in phones)
        {
            if (!Covered(high, starts, start, end))
            {
                Phone(text, start, end, digits, plus, found);
            }
        }

        return ResolveOverlaps(found);
    }

    /// <summary>Whether [start, end) overlaps one of the sorted, short spans (identifiers are at most ~60 characters).</summary>
    private static bool Covered((int Start, int End)[] spans, int[] starts, int start, int end)
    {
        int i = Array.BinarySearch(starts, end - 1);
        i = i >= 0 ? i : ~i - 1;
        for (; i >= 0 && spans[i].Start > start - 80; i--)
        {
            if (spans[i].Start < end && start < spans[i].End)
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>The next character that can start a candidate: vectorised on modern .NET.</summary>
    private static int NextCandidate(string text, int from)
    {
#if NET
        int next = text.AsSpan(from).IndexOfAny(CandidateStarts);
        return next < 0 ? -1 : from + next;
#else
        for (int i = from; i < text.Length; i++)
        {
            char c = text[i];
            if (c is (>= '0' and <= '9') or '+' or '@' or ':' or (>= 'A' and <= 'Z'))
            {
                return i;
            }
        }

        return -1;
#endif
    }

    /// <summary>Special-category terms in <paramref name="text"/>, for <see cref="DiscoveryAccumulator"/> to weigh.</summary>
    public void ScanSpecialCategories(string text, List<(string Category, string Term, int Start, bool Weak)> hits)
    {
        if (!DetectorIds.SpecialCategories.Any(IsEnabled))
        {
            return;
        }

        var tokens = new TextTokens(text);
        for (int t = 0; t < tokens.Count; t++)
        {
            int length = tokens.End(t) - tokens.Start(t);
            if (length < 2 || !SpecialTermIndex.MayStartTerm(text.AsSpan(tokens.Start(t), length)))
            {
                continue;
            }

            string first = text.Substring(tokens.Start(t), length).ToLowerInvariant();
            if (!SpecialTermIndex.Candidates(first, out var terms))
            {
                continue;
            }

            foreach (var term in terms)
            {
                if (IsEnabled(term.Category) && Matches(text, tokens, t, first, term))
                {
                    hits.Add((term.Category, term.Text, tokens.Start(t), term.Weak));
                }
            }
        }
    }

    private static bool Matches(string text, TextTokens tokens, int t, string first, SpecialCategoryLexicon.Term term)
    {
        for (int w = 0; w < term.Words.Length; w++)
        {
            int k = t + w;
            if (k >= tokens.Count)
            {
                return false;
            }

            string token = w == 0 ? first : text.Substring(tokens.Start(k), tokens.End(k) - tokens.Start(k)).ToLowerInvariant();
            bool last = w == term.Words.Length - 1;
            bool ok = last && term.Prefix ? token.StartsWith(term.Words[w], StringComparison.Ordinal) : token == term.Words[w];
            if (!ok || (w > 0 && tokens.Start(k) - tokens.End(k - 1) > 3))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>A view of part of an array, passed by value: no boxing, no copy (ArraySegment has no indexer on netstandard2.0).</summary>
    private readonly struct Slice<T>
    {
        private readonly T[] _array;
        private readonly int _offset;

        public Slice(T[] array, int offset, int count)
        {
            _array = array;
            _offset = offset;
            Count = count;
        }

        public int Count { get; }

        public T this[int index] => _array[_offset + index];
    }

    /// <summary>Buffers reused across the digit runs of one call, so the scanner stays thread-safe without allocating per run.</summary>
    private sealed class DigitRunScratch
    {
        public List<(int Start, int End)> Groups { get; } = new();

        public List<char> Separators { get; } = new();

        public int[] Sizes { get; set; } = new int[16];

        public char[] SeparatorArray { get; set; } = new char[16];

        public StringBuilder Digits { get; } = new(32);
    }

    private int ScanDigitRun(string text, int start, List<Detection> found, List<(int Start, int End, string Digits, bool Plus)> phones, DigitRunScratch scratch)
    {
        bool plus = text[start] == '+';
        int i = plus ? start + 1 : start;
        var groups = scratch.Groups;
        var separators = scratch.Separators;
        groups.Clear();
        separators.Clear();
        while (i < text.Length && char.IsDigit(text[i]))
        {
            int g = i;
            while (i < text.Length && char.IsDigit(text[i]))
            {
                i++;
            }

            groups.Add((g, i));
            if (i + 1 < text.Length && text[i] is ' ' or '-' or '.' or '/' or '\u00A0' && char.IsDigit(text[i + 1]) && groups.Count < 12)
            {
                separators.Add(text[i]);
                i++;
                continue;
            }

            break;
        }

        int end = i;
        if (end < text.Length && char.IsLetter(text[end]) && !IsPostcodeLetters(text, end))
        {
            return end;
        }

        int totalDigits = 0;
        foreach (var (s, e) in groups)
        {
            totalDigits += e - s;
        }

        if (totalDigits < 4)
        {
            // Too short for any identifier; only "12. marts 1990" style dates start this way.
            if (groups.Count == 1)
            {
                ScanTextualDate(text, groups[0].Start, groups[0].End, found);
            }

            return end;
        }

        if (scratch.Sizes.Length < groups.Count)
        {
            scratch.Sizes = new int[groups.Count * 2];
            scratch.SeparatorArray = new char[groups.Count * 2];
        }

        var sizes = scratch.Sizes;
        var separatorArray = scratch.SeparatorArray;
        for (int g = 0; g < groups.Count; g++)
        {
            sizes[g] = groups[g].End - groups[g].Start;
            if (g < separators.Count)
            {
                separatorArray[g] = separators[g];
            }
        }

        var digits = scratch.Digits;
        for (int a = 0; a < groups.Count; a++)
        {
            digits.Clear();
            for (int b = a; b < groups.Count && b - a < MaxGroupsPerWindow; b++)
            {
                digits.Append(text, groups[b].Start, sizes[b]);
                if (digits.Length > 19)
                {
                    break;
                }

                if (digits.Length < 4)
                {
                    continue;
                }

                int spanStart = a == 0 && plus ? start : groups[a].Start;
                char leftSep = a == 0 ? '\0' : separators[a - 1];
                char rightSep = b == groups.Count - 1 ? '\0' : separators[b];
                Evaluate(text, spanStart, groups[b].End, digits.ToString(), new Slice<int>(sizes, a, b - a + 1), new Slice<char>(separatorArray, a, b - a), a == 0 && plus, leftSep, rightSep, found, phones);
            }
        }

        if (groups.Count == 1 && groups[0].End - groups[0].Start <= 2)
        {
            ScanTextualDate(text, groups[0].Start, groups[0].End, found);
        }

        return end;
    }

    /// <param name="leftSep">The separator before this window of groups inside its digit run, or '\0' at the run's start.</param>
    /// <param name="rightSep">The separator after it, or '\0' at the run's end.</param>
    private void Evaluate(string text, int start, int end, string digits, Slice<int> sizes, Slice<char> seps, bool plus, char leftSep, char rightSep, List<Detection> found, List<(int Start, int End, string Digits, bool Plus)> phones)
    {
        int n = digits.Length;
        char sep = seps.Count > 0 ? seps[0] : '\0';
        bool oneStyle = true;
        for (int k = 1; k < seps.Count; k++)
        {
            oneStyle &= seps[k] == sep;
        }

        bool whole = leftSep == '\0' && rightSep == '\0';
        bool wholeRight = rightSep == '\0';

        // A space may end an id (a table column, a card's expiry after it); '-', '.' or '/' glue a longer number.
        bool spaceBounded = leftSep is '\0' or ' ' && rightSep is '\0' or ' ';
        if (!spaceBounded)
        {
            return;
        }

        if (n == 10 && IsEnabled(DetectorIds.DkCpr) && (sizes.Count == 1 || (sizes.Count == 2 && sizes[0] == 6 && sep is '-' or ' ')))
        {
            Cpr(text, start, end, digits, sep == '-', found);
        }

        if (n == 9 && IsEnabled(DetectorIds.NlBsn) && (sizes.Count == 1 || (Is(sizes, 3, 3, 3) && oneStyle && sep is ' ' or '.') || (Is(sizes, 4, 2, 3) && oneStyle && sep == '.'))
            && BsnValidator.IsValid(digits.AsSpan()) && ContextWords.Near(text, start, end, ContextWords.Bsn))
        {
            found.Add(new Detection(DetectorIds.NlBsn, start, end - start, 85, "*******" + digits.Substring(7)));
        }

        if (n is >= 13 and <= 19 && oneStyle && IsEnabled(DetectorIds.PaymentCard) && Luhn(digits) && digits.Distinct().Count() > 1)
        {
            bool word = ContextWords.Near(text, start, end, ContextWords.Card) || HasExpiry(text, start, end);
            int score = word ? 85 : Is(sizes, 4, 4, 4, 4) ? 75 : 65;
            found.Add(new Detection(DetectorIds.PaymentCard, start, end - start, score, new string('*', n - 4) + digits.Substring(n - 4)));
        }

        if (n is >= 8 and <= 15 && IsEnabled(DetectorIds.Phone) && wholeRight)
        {
            phones.Add((start, end, digits, plus));
        }

        if (IsEnabled(DetectorIds.DateOfBirth) && sizes.Count == 3 && oneStyle && sep is '-' or '.' or '/')
        {
            NumericDate(text, start, end, digits, sizes, found);
        }

        if (IsEnabled(DetectorIds.IpAddress) && whole && sizes.Count == 4 && oneStyle && sep == '.' && sizes[0] <= 3 && sizes[1] <= 3 && sizes[2] <= 3 && sizes[3] <= 3)
        {
            Ipv4(text, start, end, found);
        }

        if (n == 4 && sizes.Count == 1 && wholeRight)
        {
            Postcode(text, start, end, digits, found);
        }
    }

    private void Cpr(string text, int start, int end, string digits, bool hyphen, List<Detection> found)
    {
        var date = CprValidator.BirthDate(digits.AsSpan(), _today);
        if (date is null)
        {
            return;
        }

        bool mod11 = CprValidator.PassesModulus11(digits.AsSpan());
        bool newYear = date.Value.Day == 1 && date.Value.Month == 1;
        bool word = ContextWords.Near(text, start, end, ContextWords.Cpr);
        int score = word && (mod11 || newYear) ? 85 : (mod11 && hyphen) || word ? 75 : mod11 ? 65 : 0;
        if (score > 0)
        {
            found.Add(new Detection(DetectorIds.DkCpr, start, end - start, score, digits.Substring(0, 6) + "-****"));
        }
    }

    private static void Phone(string text, int start, int end, string digits, bool plus, List<Detection> found)
    {
        bool international = plus || digits.StartsWith("00", StringComparison.Ordinal);
        if (international)
        {
            string e164 = "+" + (plus ? digits : digits.Substring(2));
            if (PhoneNormalizer.TryParse(e164, "ZZ", out var parsed))
            {
                found.Add(new Detection(DetectorIds.Phone, start, end - start, 85, Masking.Mask(Model.IdentifierKind.Phone, parsed.E164)));
            }

            return;
        }

        if (!PlausibleNational(digits))
        {
            return;
        }

        foreach (string region in PhoneNormalizer.DefaultRegions)
        {
            if (PhoneNormalizer.TryParse(digits, region, out var parsed))
            {
                int score = ContextWords.Near(text, start, end, ContextWords.Phone) ? 75 : 65;
                found.Add(new Detection(DetectorIds.Phone, start, end - start, score, Masking.Mask(Model.IdentifierKind.Phone, parsed.E164)));
                return;
            }
        }
    }

    /// <summary>
    /// Shapes a national number of the default regions can have, checked before libphonenumber (which is
    /// slow): DK 8 digits not starting with 0 or 1, NL 10 digits with the trunk 0, GB 10 or 11 with the trunk 0.
    /// </summary>
    private static bool PlausibleNational(string digits) =>
        (digits.Length == 8 && digits[0] >= '2') || (digits.Length is 10 or 11 && digits[0] == '0' && digits[1] != '0');

    private void NumericDate(string text, int start, int end, string digits, Slice<int> sizes, List<Detection> found)
    {
        DateTime? date = null;
        if (sizes[0] == 4 && sizes[1] <= 2 && sizes[2] <= 2)
        {
            date = MakeDate(Int(digits, 0, 4), Int(digits, 4, sizes[1]), Int(digits, 4 + sizes[1], sizes[2]));
        }
        else if (sizes[0] <= 2 && sizes[1] <= 2 && sizes[2] == 4)
        {
            int first = Int(digits, 0, sizes[0]);
            int second = Int(digits, sizes[0], sizes[1]);
            int year = Int(digits, sizes[0] + sizes[1], 4);
            date = MakeDate(year, second, first) ?? MakeDate(year, first, second);
        }

        if (date is { } d && Plausible(d) && NearBirthWord(text, start, end))
        {
            found.Add(new Detection(DetectorIds.DateOfBirth, start, end - start, 85, "****-**-** (" + d.Year.ToString(CultureInfo.InvariantCulture) + ")"));
        }
    }

    /// <summary>"12. marts 1990", "12 March 1990", "3 mei 1985".</summary>
    private void ScanTextualDate(string text, int start, int dayEnd, List<Detection> found)
    {
        if (!IsEnabled(DetectorIds.DateOfBirth))
        {
            return;
        }

        int i = dayEnd;
        if (i < text.Length && text[i] == '.')
        {
            i++;
        }

        int spaces = 0;
        while (i < text.Length && text[i] == ' ' && spaces++ < 2)
        {
            i++;
        }

        int monthStart = i;
        while (i < text.Length && char.IsLetter(text[i]))
        {
            i++;
        }

        int month = Array.IndexOf(Months, text.Substring(monthStart, i - monthStart).ToLowerInvariant());
        if (month < 0 || i + 5 > text.Length || text[i] != ' ' || !text.Skip(i + 1).Take(4).All(char.IsDigit) || (i + 5 < text.Length && char.IsDigit(text[i + 5])))
        {
            return;
        }

        var date = MakeDate(Int(text, i + 1, 4), (month % 12) + 1, Int(text, start, dayEnd - start));
        int end = i + 5;
        if (date is { } d && Plausible(d) && NearBirthWord(text, start, end))
        {
            found.Add(new Detection(DetectorIds.DateOfBirth, start, end - start, 85, "****-**-** (" + d.Year.ToString(CultureInfo.InvariantCulture) + ")"));
        }
    }

    /// <summary>A bare date is not a birth date: the word must be close (~50 characters).</summary>
    private static bool NearBirthWord(string text, int start, int end) => ContextWords.Near(text, start, end, ContextWords.BirthDate, 50);

    private bool Plausible(DateTime date) => date <= _today && date >= _today.AddYears(-120);

    private static void Ipv4(string text, int start, int end, List<Detection> found)
    {
        var parts = text.Substring(start, end - start).Split('.');
        if (parts.Any(p => int.Parse(p, CultureInfo.InvariantCulture) > 255 || (p.Length > 1 && p[0] == '0')))
        {
            return;
        }

        if (PrecededByVersionWord(text, start))
        {
            return;
        }

        int score = ContextWords.Near(text, start, end, ContextWords.Ip) ? 85 : 75;
        found.Add(new Detection(DetectorIds.IpAddress, start, end - start, score, parts[0] + "." + parts[1] + ".*.*"));
    }

    private int ScanIpv6(string text, int colon, List<Detection> found)
    {
        int start = colon;
        while (start > 0 && (Uri.IsHexDigit(text[start - 1]) || text[start - 1] == ':'))
        {
            start--;
        }

        int end = colon;
        while (end < text.Length && (Uri.IsHexDigit(text[end]) || text[end] is ':' or '.'))
        {
            end++;
        }

        while (end > colon && text[end - 1] == '.')
        {
            end--;
        }

        string candidate = text.Substring(start, end - start);
        if (candidate.Count(ch => ch == ':') >= 2 && (start == 0 || !char.IsLetterOrDigit(text[start - 1]))
            && IPAddress.TryParse(candidate, out var address) && address.AddressFamily == System.Net.Sockets.AddressFamily.InterNetworkV6
            && !found.Any(f => f.Start == start))
        {
            int score = ContextWords.Near(text, start, end, ContextWords.Ip) ? 85 : 75;
            found.Add(new Detection(DetectorIds.IpAddress, start, end - start, score, candidate.Substring(0, Math.Min(candidate.Length, candidate.IndexOf(':') + 1)) + "****"));
        }

        return Math.Max(colon, end - 1);
    }

    private void Postcode(string text, int start, int end, string digits, List<Detection> found)
    {
        // NL: 1234 AB (letters SA, SD, SS are not used).
        int i = end;
        if (i < text.Length && text[i] == ' ')
        {
            i++;
        }

        if (IsEnabled(DetectorIds.PostcodeNl) && digits[0] != '0' && i + 2 <= text.Length && IsUpper(text[i]) && IsUpper(text[i + 1])
            && (i + 2 == text.Length || !char.IsLetterOrDigit(text[i + 2])))
        {
            string letters = text.Substring(i, 2);
            if (letters is not ("SA" or "SD" or "SS"))
            {
                int score = ContextWords.Near(text, start, i + 2, ContextWords.Address) ? 75 : 65;
                found.Add(new Detection(DetectorIds.PostcodeNl, start, i + 2 - start, score, digits.Substring(0, 2) + "** **"));
                return;
            }
        }

        // DK: "DK-1234 Town" or "1234 Town", never on its own: an address word is required.
        if (IsEnabled(DetectorIds.PostcodeDk) && digits[0] != '0' && end + 2 < text.Length && text[end] == ' ' && IsUpper(text[end + 1]) && char.IsLower(text[end + 2]))
        {
            bool prefixed = start >= 3 && string.CompareOrdinal(text, start - 3, "DK-", 0, 3) == 0;
            if (ContextWords.Near(text, start, end, ContextWords.Address) || (prefixed && ContextWords.Near(text, start, end, ContextWords.Address, ContextWords.Window)))
            {
                found.Add(new Detection(DetectorIds.PostcodeDk, prefixed ? start - 3 : start, end - (prefixed ? start - 3 : start), 75, digits.Substring(0, 2) + "**"));
            }
        }
    }

    private void ScanEmail(string text, int at, List<Detection> found)
    {
        if (!IsEnabled(DetectorIds.Email))
        {
            return;
        }

        int start = at;
        while (start > 0 && (char.IsLetterOrDigit(text[start - 1]) || text[start - 1] is '.' or '_' or '%' or '+' or '-') && at - start < 64)
        {
            start--;
        }

        while (start < at && text[start] == '.')
        {
            start++;
        }

        int end = at + 1;
        int lastDot = -1;
        while (end < text.Length && (char.IsLetterOrDigit(text[end]) || text[end] is '.' or '-') && end - at < 255)
        {
            if (text[end] == '.')
            {
                lastDot = end;
            }

            end++;
        }

        while (end > at + 1 && text[end - 1] is '.' or '-')
        {
            end--;
        }

        if (lastDot >= end - 1)
        {
            lastDot = text.LastIndexOf('.', end - 1, end - at - 1);
        }

        if (start == at || lastDot <= at + 1)
        {
            return;
        }

        string tld = text.Substring(lastDot + 1, end - lastDot - 1);
        if (tld.Length is < 2 or > 24 || !tld.All(char.IsLetter))
        {
            return;
        }

        // user:pass@host inside a URL is a credential, not an address.
        if (start > 0 && text[start - 1] == ':' && text.LastIndexOf("://", start, Math.Min(start, 64), StringComparison.Ordinal) >= 0)
        {
            return;
        }

        found.Add(new Detection(DetectorIds.Email, start, end - start, 85, Masking.Email(text.Substring(start, end - start))));
    }

    private void ScanCapitals(string text, int start, List<Detection> found)
    {
        if (start + 4 > text.Length || !(IsUpper(text[start + 1]) || char.IsDigit(text[start + 1])))
        {
            return;
        }

        if (IsUpper(text[start + 1]) && char.IsDigit(text[start + 2]) && char.IsDigit(text[start + 3]) && IsEnabled(DetectorIds.Iban))
        {
            Iban(text, start, found);
        }

        // Cheap shape checks first: most capitalised words are just words.
        char third = text[start + 2];
        if (IsEnabled(DetectorIds.UkNino) && IsUpper(text[start + 1]) && (char.IsDigit(third) || (third == ' ' && char.IsDigit(text[start + 3]))))
        {
            Nino(text, start, found);
        }

        if (IsEnabled(DetectorIds.PostcodeUk) && (char.IsDigit(text[start + 1]) || char.IsDigit(third)))
        {
            UkPostcode(text, start, found);
        }
    }

    private static void Iban(string text, int start, List<Detection> found)
    {
        if (!IbanLengths.ByCountry.TryGetValue(text.Substring(start, 2), out int length))
        {
            return;
        }

        var compact = new StringBuilder(length);
        int i = start;
        while (i < text.Length && compact.Length < length)
        {
            char c = text[i];
            if (char.IsDigit(c) || IsUpper(c))
            {
                compact.Append(c);
                i++;
            }
            else if (c == ' ' && compact.Length % 4 == 0 && i + 1 < text.Length && char.IsLetterOrDigit(text[i + 1]))
            {
                i++;
            }
            else
            {
                break;
            }
        }

        if (compact.Length == length && (i >= text.Length || !char.IsLetterOrDigit(text[i])) && IbanValidator.IsValid(compact.ToString().AsSpan()))
        {
            found.Add(new Detection(DetectorIds.Iban, start, i - start, 85, Masking.Iban(compact.ToString())));
        }
    }

    private static void Nino(string text, int start, List<Detection> found)
    {
        var compact = new StringBuilder(9);
        compact.Append(text, start, 2);
        int i = start + 2;
        while (i < text.Length && compact.Length < 9)
        {
            char c = text[i];
            if (c == ' ' && i + 1 < text.Length && text[i + 1] != ' ')
            {
                i++;
                continue;
            }

            if ((compact.Length < 8 && char.IsDigit(c)) || (compact.Length == 8 && c is >= 'A' and <= 'D'))
            {
                compact.Append(c);
                i++;
                continue;
            }

            break;
        }

        if (compact.Length == 9 && (i >= text.Length || !char.IsLetterOrDigit(text[i])) && NinoValidator.IsValid(compact.ToString().AsSpan()))
        {
            int score = ContextWords.Near(text, start, i, ContextWords.Nino) ? 85 : 75;
            found.Add(new Detection(DetectorIds.UkNino, start, i - start, score, compact.ToString(0, 2) + "*******"));
        }
    }

    private static void UkPostcode(string text, int start, List<Detection> found)
    {
        // Outward code: A9, A99, A9A, AA9, AA99, AA9A; a space; inward code 9AA.
        int i = start;
        int letters = 0;
        while (i < text.Length && IsUpper(text[i]) && letters < 2)
        {
            i++;
            letters++;
        }

        if (i >= text.Length || !char.IsDigit(text[i]))
        {
            return;
        }

        i++;
        if (i < text.Length && (char.IsDigit(text[i]) || IsUpper(text[i])))
        {
            i++;
        }

        if (i + 4 > text.Length || text[i] != ' ' || !char.IsDigit(text[i + 1]) || !IsUpper(text[i + 2]) || !IsUpper(text[i + 3])
            || (i + 4 < text.Length && char.IsLetterOrDigit(text[i + 4])))
        {
            return;
        }

        int end = i + 4;
        int score = ContextWords.Near(text, start, end, ContextWords.Address) ? 75 : 65;
        found.Add(new Detection(DetectorIds.PostcodeUk, start, end - start, score, text.Substring(start, i - start) + " ***"));
    }

    private static bool HasExpiry(string text, int start, int end)
    {
        int from = Math.Max(0, start - 60);
        int to = Math.Min(text.Length, end + 60);
        for (int i = from; i + 5 <= to; i++)
        {
            if (char.IsDigit(text[i]) && char.IsDigit(text[i + 1]) && text[i + 2] == '/' && char.IsDigit(text[i + 3]) && char.IsDigit(text[i + 4])
                && (i == 0 || !char.IsDigit(text[i - 1])) && (i + 5 >= text.Length || !char.IsDigit(text[i + 5])))
            {
                int month = ((text[i] - '0') * 10) + (text[i + 1] - '0');
                if (month is >= 1 and <= 12)
                {
                    return true;
                }
            }
        }

        return false;
    }

    private static bool PrecededByVersionWord(string text, int start)
    {
        int from = Math.Max(0, start - 12);
        string before = text.Substring(from, start - from).TrimEnd().ToLowerInvariant();
        return VersionWords.Any(w => before.EndsWith(w, StringComparison.Ordinal) && (before.Length == w.Length || !char.IsLetter(before[before.Length - w.Length - 1])));
    }

    private static bool Luhn(string digits)
    {
        int sum = 0;
        bool doubleIt = false;
        for (int i = digits.Length - 1; i >= 0; i--)
        {
            int d = digits[i] - '0';
            if (doubleIt)
            {
                d *= 2;
                if (d > 9)
                {
                    d -= 9;
                }
            }

            sum += d;
            doubleIt = !doubleIt;
        }

        return sum % 10 == 0;
    }

    private static bool Is(Slice<int> sizes, params int[] expected)
    {
        if (sizes.Count != expected.Length)
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

    private static int Int(string s, int at, int length) => int.Parse(s.Substring(at, length), NumberStyles.None, CultureInfo.InvariantCulture);

    private static DateTime? MakeDate(int year, int month, int day) =>
        month is >= 1 and <= 12 && year is >= 1 and <= 9999 && day >= 1 && day <= DateTime.DaysInMonth(year, month) ? new DateTime(year, month, day, 0, 0, 0, DateTimeKind.Utc) : null;

    /// <summary>
    /// Keeps, among detections that overlap, the highest score (then the longest). Sorted by start, the
    /// detections fall into clusters of overlapping spans; the greedy choice runs inside each small cluster,
    /// so the whole is O(n log n) however many detections a text holds.
    /// </summary>
    private static List<Detection> ResolveOverlaps(List<Detection> found)
    {
        if (found.Count < 2)
        {
            return found;
        }

        found.Sort((x, y) => x.Start != y.Start ? x.Start.CompareTo(y.Start) : y.Length.CompareTo(x.Length));
        var kept = new List<Detection>(found.Count);
        var cluster = new List<Detection>();
        int clusterEnd = int.MinValue;
        foreach (var d in found)
        {
            if (d.Start >= clusterEnd && cluster.Count > 0)
            {
                KeepBest(cluster, kept);
                cluster.Clear();
            }

            cluster.Add(d);
            clusterEnd = Math.Max(clusterEnd, d.Start + d.Length);
        }

        KeepBest(cluster, kept);
        kept.Sort((x, y) => x.Start.CompareTo(y.Start));
        return kept;
    }

    private static void KeepBest(List<Detection> cluster, List<Detection> kept)
    {
        if (cluster.Count == 1)
        {
            kept.Add(cluster[0]);
            return;
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
    }
}
