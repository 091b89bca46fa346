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
    private const int MaxGroups = 12;
    private const int MaxWindowDigits = 19;
    private static readonly IComparer<Detection> ByStart = Comparer<Detection>.Create((x, y) => x.Start.CompareTo(y.Start));
    private static readonly string[] VersionWords = { "version", "versie", "ver", "build", "release", "v" };
    private static readonly string[] Months =
    {
        "january", "february", "march", "april", "may", "june", "july", "august", "september", "october", "november", "december",
        "januari", "februari", "maart", "april", "mei", "juni", "juli", "augustus", "september", "oktober", "november", "december",
        "januar", "februar", "marts", "april", "maj", "juni", "juli", "august", "september", "oktober", "november", "december",
    };

    private static readonly string MonthInitials = new(Months.Select(m => m[0]).Distinct().ToArray());

#if NET
    private static readonly System.Buffers.SearchValues<char> CandidateStarts =
        System.Buffers.SearchValues.Create("0123456789+@:");
#endif

    // The context-word searches of the scan running on this thread (the scanner itself is shared by the workers).
    [ThreadStatic]
    private static ContextWindows? t_windows;

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
    private readonly bool _anySpecial;

    public DiscoveryScanner(IEnumerable<string>? categories = null, DateTime? today = null)
        : this(categories, today, contextWindows: true)
    {
    }

    /// <param name="contextWindows">False only to measure the detectors alone: no context word is ever seen.</param>
    internal DiscoveryScanner(IEnumerable<string>? categories, DateTime? today, bool contextWindows)
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
        _anySpecial = DetectorIds.SpecialCategories.Any(IsEnabled);
    }

    public bool IsEnabled(string detectorId) => _enabled.Contains(detectorId);

    /// <summary>Identifier detections in <paramref name="text"/>, overlaps resolved in favour of the higher score.</summary>
    public List<Detection> ScanIdentifiers(string text)
    {
        (t_windows ??= new ContextWindows()).Reset(text);
        var found = new List<Detection>();
        var phones = new List<(int Start, int End, string Digits, bool Plus)>();
        int i = 0;
        while ((i = NextCandidate(text, i)) >= 0)
        {
            char c = text[i];
            bool glued = i > 0 && char.IsLetterOrDigit(text[i - 1]);
            if (IsDigit(c))
            {
                // IBANs, NINOs and UK postcodes start with capitals but always have a digit within their first
                // four characters: they are looked for from that digit, so capitals are not candidates.
                CapitalLed(text, i, found);
                i = glued ? SkipWord(text, i) : ScanDigitRun(text, i, found, phones);
            }
            else if (c == '+' && !glued && i + 1 < text.Length && IsDigit(text[i + 1]))
            {
                i = ScanDigitRun(text, i, found, phones);
            }
            else if (c == '@')
            {
                ScanEmail(text, i, found);
                i++;
            }
            else if (c == ':' && _ip)
            {
                i = ScanIpv6(text, i, found) + 1;
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
            var high = found.Where(d => d.Score >= 85).Select(d => (d.Start, End: d.Start + d.Length)).OrderBy(d => d.Start).ToArray();
            var starts = high.Select(h => h.Start).ToArray();
            // A national reading inside an international number that parsed ("20 12 34 56" in "+45 20 12 34 56")
            // can only lose to it: it is not parsed either.
            (int Start, int End) international = (-1, -1);
            foreach (var (start, end, digits, plus) in phones)
            {
                if ((start >= international.Start && end <= international.End) || Covered(high, starts, start, end))
                {
                    continue;
                }

                if (Phone(text, start, end, digits, plus, found) >= 85)
                {
                    international = (start, end);
                }
            }
        }

        return ResolveOverlaps(found);
    }

    private bool Near(string text, int start, int end, IReadOnlyList<string> words, int radius = ContextWords.Window) =>
        _contextWindows && (t_windows is { } windows && windows.IsOver(text)
            ? windows.Near(start, end, words, radius)
            : ContextWords.Near(text, start, end, words, radius));

    /// <summary>Looks for an IBAN, NINO or UK postcode starting at a capital 1 to 3 characters before the digit at <paramref name="digit"/>.</summary>
    private void CapitalLed(string text, int digit, List<Detection> found)
    {
        for (int s = Math.Max(0, digit - 3); s < digit; s++)
        {
            if (IsUpper(text[s]) && (s == 0 || !char.IsLetterOrDigit(text[s - 1])) && Digits(text, s + 1, digit) == 0)
            {
                ScanCapitals(text, s, found);
            }
        }
    }

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
    private static int SkipWord(string text, int i)
    {
        while (i < text.Length && char.IsLetterOrDigit(text[i]))
        {
            i++;
        }

        return i;
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

    /// <summary>The next character that can start a candidate (a digit, '+', '@' or ':'): vectorised on modern .NET.</summary>
    private static int NextCandidate(string text, int from)
    {
#if NET
        int next = from < text.Length ? text.AsSpan(from).IndexOfAny(CandidateStarts) : -1;
        return next < 0 ? -1 : from + next;
#else
        for (int i = from; i < text.Length; i++)
        {
            char c = text[i];
            if (c is (>= '0' and <= '9') or '+' or '@' or ':')
            {
                return i;
            }
        }

        return -1;
#endif
    }

    /// <summary>
    /// Special-category terms in <paramref name="text"/>, for <see cref="DiscoveryAccumulator"/> to weigh. One
    /// pass over the words, nothing allocated per word: a word's first three letters are looked up in a table
    /// and only a word that can start a term is lower-cased and matched with the words after it.
    /// </summary>
    public void ScanSpecialCategories(string text, List<(string Category, string Term, int Start, bool Weak)> hits)
    {
        if (!_anySpecial)
        {
            return;
        }

        int end = 0;
        List<SpecialCategoryLexicon.Term>? inside = null;
        while (TextTokens.NextWord(text, ref end, out int start))
        {
            if (end - start >= SpecialTermIndex.MinInfixWord && SpecialTermIndex.MinInfixWord > 0)
            {
                // Compounds that end with a term: "langtidssygemeldt", "fællestillidsrepræsentant".
                inside ??= new List<SpecialCategoryLexicon.Term>();
                inside.Clear();
                SpecialTermIndex.InfixMatches(text.AsSpan(start, end - start), inside);
                foreach (var term in inside)
                {
                    if (IsEnabled(term.Category))
                    {
                        AddHit(hits, term, start);
                    }
                }
            }

            if (end - start < 2 || !SpecialTermIndex.MayStartTerm(text.AsSpan(start, end - start)))
            {
                continue;
            }

            string first = text.Substring(start, end - start).ToLowerInvariant();
            if (!SpecialTermIndex.Candidates(first, out var terms))
            {
                continue;
            }

            foreach (var term in terms)
            {
                if (IsEnabled(term.Category) && Matches(text, end, first, term) && !(term.Infix && inside is not null && inside.Contains(term)))
                {
                    AddHit(hits, term, start);
                }
            }
        }
    }

    /// <summary>
    /// One hit per category and word: where entries of several languages match the same word ("biometriske" is
    /// "biometrisk*" and "biometri*"), the strongest counts once, so one word never passes for two distinct terms.
    /// </summary>
    private static void AddHit(List<(string Category, string Term, int Start, bool Weak)> hits, SpecialCategoryLexicon.Term term, int start)
    {
        for (int i = hits.Count - 1; i >= 0 && hits[i].Start == start; i--)
        {
            if (hits[i].Category == term.Category)
            {
                if (hits[i].Weak && !term.Weak)
                {
                    hits[i] = (term.Category, term.Text, start, false);
                }

                return;
            }
        }

        hits.Add((term.Category, term.Text, start, term.Weak));
    }

    /// <summary>Scans one part or chunk for everything discovery weighs (identifiers, special-category terms, references to a person) into <paramref name="accumulator"/>.</summary>
    public void ScanInto(DiscoveryAccumulator accumulator, string where, long offset, string text, IEnumerable<int>? subjectPositions = null)
    {
        var identifiers = ScanIdentifiers(text);
        var terms = new List<(string Category, string Term, int Start, bool Weak)>();
        ScanSpecialCategories(text, terms);
        List<int>? people = null;
        if (terms.Count > 0)
        {
            // Only the text around the terms is read for references to a person: a term's reach, no further.
            // A lone weak term ("member", "court") can never be Medium: it needs no look around it.
            people = new List<int>();
            int reached = 0;
            var paired = new HashSet<string>(terms.GroupBy(t => t.Category).Where(g => g.Select(t => t.Term).Distinct().Skip(1).Any()).Select(g => g.Key), StringComparer.Ordinal);
            foreach (var hit in terms)
            {
                if (hit.Weak && !paired.Contains(hit.Category))
                {
                    continue;
                }

                int from = Math.Max(reached, hit.Start - DiscoveryAccumulator.PersonWindow);
                int to = Math.Min(text.Length, hit.Start + DiscoveryAccumulator.PersonWindow);
                if (to > from)
                {
                    ScanPersonReferences(text, from, to, people);
                    reached = to;
                }
            }
        }

        accumulator.Add(where, offset, identifiers, terms, subjectPositions, people);
    }

    /// <summary>
    /// Where <paramref name="text"/> refers to a person without an identifier, among the words that start in
    /// [<paramref name="from"/>, <paramref name="to"/>): a title (Mr, fru, dhr., mevrouw), a role (employee,
    /// medarbejder, huurder, patient ...), a personal pronoun (he, hun, hij ...), a possessive name (Tom's), two
    /// capitalised words that are not an organisation or a place (Jens Holm, Jan de Vries) or a short first name
    /// opening a sentence before a verb (Anna is). Read only around special-category terms (<see cref="ScanInto"/>).
    /// </summary>
    public static void ScanPersonReferences(string text, int from, int to, List<int> positions)
    {
        int end = from;
        while (end > 0 && char.IsLetterOrDigit(text[end - 1]))
        {
            end--; // start at the beginning of the word the range cuts
        }

        int previousStart = -1, previousEnd = -1;
        bool previousCapital = false;
        bool sentenceStart = true;
        int sentenceFirst = -1;
        while (TextTokens.NextWord(text, ref end, out int start) && start < to)
        {
            // A sentence (or clause after ';' or ':') starts when only spaces and such a mark stand since the last word.
            bool opens = previousEnd < 0 ? start == 0 || text.AsSpan(Math.Max(0, start - 3), Math.Min(3, start)).IndexOfAny(".;:!?".AsSpan()) >= 0
                : text.AsSpan(previousEnd, start - previousEnd).IndexOfAny(".;:!?".AsSpan()) >= 0;
            var word = text.AsSpan(start, end - start);

            // Every person word is short: longer words are not lower-cased or looked up.
            string lower = word.Length <= PersonWords.LongestWord ? word.ToString().ToLowerInvariant() : string.Empty;
            if (lower.Length > 0 && (PersonWords.Titles.Contains(lower) || PersonWords.Pronouns.Contains(lower) || PersonWords.IsRole(lower)))
            {
                positions.Add(start);
            }

            bool capital = word.Length >= 2 && char.IsUpper(word[0]) && char.IsLower(word[1]) && !PersonWords.NotNames.Contains(lower);
            if (capital && end + 1 < text.Length && text[end] == '\'' && text[end + 1] == 's' && (end + 2 == text.Length || !char.IsLetter(text[end + 2])))
            {
                positions.Add(start); // "Tom's"
            }

            // "Jens Holm", "Jan de Vries", "Van der Berg": capitalised words, lower-case particles between.
            if (capital && previousCapital && start - previousEnd <= 1 + MaxParticleGap(text, previousEnd, start))
            {
                positions.Add(previousStart);
            }

            // "Anna is ...", "Peter er ...": a first name opening a sentence, then a verb.
            if (sentenceFirst >= 0 && PersonWords.NameVerbs.Contains(lower) && !opens)
            {
                positions.Add(sentenceFirst);
            }

            // First names are short; a long capitalised opener is a noun ("Laboratoriet har").
            sentenceFirst = opens && capital && word.Length <= 9 && !PersonWords.NotNameStarts.Contains(lower) ? start : -1;
            sentenceStart = opens;
            if (capital)
            {
                previousCapital = !PersonWords.NotNameStarts.Contains(lower);
                previousStart = start;
            }
            else if (!PersonWords.NameParticles.Contains(lower))
            {
                previousCapital = false;
            }

            previousEnd = end;
        }
    }

    /// <summary>The characters lower-case name particles take up between two capitalised words, or 0.</summary>
    private static int MaxParticleGap(string text, int from, int to)
    {
        int gap = to - from - 1;
        return gap > 0 && gap <= 12 && text.Substring(from, to - from).Trim().Split(' ').All(p => p.Length == 0 || PersonWords.NameParticles.Contains(p)) ? gap : 0;
    }

    /// <summary>Whether the words from the one ending at <paramref name="firstEnd"/> spell <paramref name="term"/>, at most 3 characters apart.</summary>
    private static bool Matches(string text, int firstEnd, string first, SpecialCategoryLexicon.Term term)
    {
        int previousEnd = firstEnd;
        for (int w = 0; w < term.Words.Length; w++)
        {
            string token = first;
            if (w > 0)
            {
                int end = previousEnd;
                if (!TextTokens.NextWord(text, ref end, out int start) || start - previousEnd > 3)
                {
                    return false;
                }

                previousEnd = end;
                token = text.Substring(start, end - start).ToLowerInvariant();
            }

            bool last = w == term.Words.Length - 1;
            if (!(last && term.Prefix ? token.StartsWith(term.Words[w], StringComparison.Ordinal) : token == term.Words[w]))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>
    /// A run of digit groups joined by one-character separators ("150390-1230", "+45 20 12 34 56",
    /// "4111 1111 1111 1111"), every window of up to eight consecutive groups tried as an identifier. Works on
    /// stack buffers: nothing is allocated unless a window survives its validator.
    /// </summary>
    /// <returns>The index just past the run.</returns>
    private int ScanDigitRun(string text, int start, List<Detection> found, List<(int Start, int End, string Digits, bool Plus)> phones)
    {
        bool plus = text[start] == '+';
        int i = plus ? start + 1 : start;
        Span<int> groupStarts = stackalloc int[MaxGroups];
        Span<int> sizes = stackalloc int[MaxGroups];
        Span<char> separators = stackalloc char[MaxGroups];
        int count = 0;
        int totalDigits = 0;
        while (true)
        {
            int g = i;
            while (i < text.Length && IsDigit(text[i]))
            {
                i++;
            }

            groupStarts[count] = g;
            sizes[count] = i - g;
            totalDigits += i - g;
            count++;
            if (count < MaxGroups && i + 1 < text.Length && text[i] is ' ' or '-' or '.' or '/' or '\u00A0' && IsDigit(text[i + 1]))
            {
                separators[count - 1] = text[i];
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

        if (totalDigits < 4)
        {
            // Too short for any identifier; only "12. marts 1990" style dates start this way.
            if (count == 1 || (sizes[count - 1] <= 2 && separators[count - 2] == ' '))
            {
                ScanTextualDate(text, groupStarts[count - 1], end, found);
            }

            return end;
        }

        Span<char> digits = stackalloc char[MaxWindowDigits];
        for (int a = 0; a < count; a++)
        {
            int n = 0;
            for (int b = a; b < count && b - a < MaxGroupsPerWindow; b++)
            {
                if (n + sizes[b] > MaxWindowDigits)
                {
                    break;
                }

                // A window of one group is read in place; longer windows are gathered into the buffer.
                if (b == a + 1)
                {
                    text.AsSpan(groupStarts[a], sizes[a]).CopyTo(digits);
                }

                if (b > a)
                {
                    text.AsSpan(groupStarts[b], sizes[b]).CopyTo(digits.Slice(n));
                }

                n += sizes[b];
                if (n < 4)
                {
                    continue;
                }

                int spanStart = a == 0 && plus ? start : groupStarts[a];
                char leftSep = a == 0 ? '\0' : separators[a - 1];
                char rightSep = b == count - 1 ? '\0' : separators[b];
                var window = b == a ? text.AsSpan(groupStarts[a], n) : digits.Slice(0, n);
                Evaluate(text, spanStart, groupStarts[b] + sizes[b], window, sizes.Slice(a, b - a + 1), separators.Slice(a, b - a), a == 0 && plus, leftSep, rightSep, found, phones);
            }
        }

        // "ref 4471 3 mei 1985": the day is the run's last group.
        if (count > 1 && sizes[count - 1] <= 2 && separators[count - 2] == ' ')
        {
            ScanTextualDate(text, groupStarts[count - 1], end, found);
        }

        return end;
    }

    /// <param name="leftSep">The separator before this window of groups inside its digit run, or '\0' at the run's start.</param>
    /// <param name="rightSep">The separator after it, or '\0' at the run's end.</param>
    private void Evaluate(string text, int start, int end, ReadOnlySpan<char> digits, ReadOnlySpan<int> sizes, ReadOnlySpan<char> seps, bool plus, char leftSep, char rightSep, List<Detection> found, List<(int Start, int End, string Digits, bool Plus)> phones)
    {
        // A space may end an id (a table column, a card's expiry after it); '-', '.' or '/' glue a longer number.
        if (leftSep is not ('\0' or ' ') || rightSep is not ('\0' or ' '))
        {
            return;
        }

        int n = digits.Length;
        char sep = seps.Length > 0 ? seps[0] : '\0';
        bool oneStyle = true;
        for (int k = 1; k < seps.Length; k++)
        {
            oneStyle &= seps[k] == sep;
        }

        bool whole = leftSep == '\0' && rightSep == '\0';
        bool wholeRight = rightSep == '\0';

        if (n == 10 && _cpr && (sizes.Length == 1 || (sizes.Length == 2 && sizes[0] == 6 && sep is '-' or ' ')))
        {
            Cpr(text, start, end, digits, sep == '-', found);
        }

        if (n == 9 && _bsn && (sizes.Length == 1 || (Is(sizes, 3, 3, 3) && oneStyle && sep is ' ' or '.') || (Is(sizes, 4, 2, 3) && oneStyle && sep == '.'))
            && BsnValidator.IsValid(digits) && Near(text, start, end, ContextWords.Bsn))
        {
            found.Add(new Detection(DetectorIds.NlBsn, start, end - start, 85, "*******" + digits.Slice(7).ToString()));
        }

        if (n is >= 13 and <= 19 && oneStyle && _card && Luhn(digits) && !AllSame(digits) && !InsideIbanShape(text, start))
        {
            bool word = Near(text, start, end, ContextWords.Card) || HasExpiry(text, start, end);
            int score = word ? 85 : Is(sizes, 4, 4, 4, 4) ? 75 : 65;
            found.Add(new Detection(DetectorIds.PaymentCard, start, end - start, score, new string('*', n - 4) + digits.Slice(n - 4).ToString()));
        }

        if (n is >= 8 and <= 15 && _phone && wholeRight && (plus || IsInternationalPrefix(digits) || PlausibleNational(digits)))
        {
            phones.Add((start, end, digits.ToString(), plus));
        }

        if (sizes.Length == 3 && oneStyle && sep is '-' or '.' or '/' && _dateOfBirth)
        {
            NumericDate(text, start, end, digits, sizes, found);
        }

        if (whole && sizes.Length == 4 && oneStyle && sep == '.' && sizes[0] <= 3 && sizes[1] <= 3 && sizes[2] <= 3 && sizes[3] <= 3 && _ip)
        {
            Ipv4(text, start, end, found);
        }

        if (n == 4 && sizes.Length == 1 && wholeRight)
        {
            Postcode(text, start, end, digits, found);
        }
    }

    private void Cpr(string text, int start, int end, ReadOnlySpan<char> digits, bool hyphen, List<Detection> found)
    {
        var date = CprValidator.BirthDate(digits, _today);
        if (date is null)
        {
            return;
        }

        bool mod11 = CprValidator.PassesModulus11(digits);
        bool newYear = date.Value.Day == 1 && date.Value.Month == 1;
        bool word = Near(text, start, end, ContextWords.Cpr);
        int score = word && (mod11 || newYear) ? 85 : (mod11 && hyphen) || word ? 75 : mod11 ? 65 : 0;
        if (score > 0)
        {
            found.Add(new Detection(DetectorIds.DkCpr, start, end - start, score, digits.Slice(0, 6).ToString() + "-****"));
        }
    }

    /// <returns>The score of the phone number found, or 0.</returns>
    private int Phone(string text, int start, int end, string digits, bool plus, List<Detection> found)
    {
        if (plus || IsInternationalPrefix(digits.AsSpan()))
        {
            string e164 = "+" + (plus ? digits : digits.Substring(2));
            if (!PhoneNormalizer.TryFormatE164(e164, "ZZ", out string parsed))
            {
                // Possible but not valid for libphonenumber (a reserved or newly opened range its metadata does not
                // know yet): a phone when the text says so ("call me on", "bel mij", "ring til"), else only Low.
                if (PhoneNormalizer.ParsePossible(e164) is not { } possible)
                {
                    return 0;
                }

                int guess = Near(text, start, end, ContextWords.Phone) ? 75 : 65;
                found.Add(new Detection(DetectorIds.Phone, start, end - start, guess, Masking.Mask(Model.IdentifierKind.Phone, possible.E164)));
                return guess;
            }

            found.Add(new Detection(DetectorIds.Phone, start, end - start, 85, Masking.Mask(Model.IdentifierKind.Phone, parsed)));
            return 85;
        }

        foreach (string region in PhoneNormalizer.DefaultRegions)
        {
            if (PhoneNormalizer.TryFormatE164(digits, region, out string parsed))
            {
                int score = Near(text, start, end, ContextWords.Phone) ? 75 : 65;
                found.Add(new Detection(DetectorIds.Phone, start, end - start, score, Masking.Mask(Model.IdentifierKind.Phone, parsed)));
                return score;
            }
        }

        return 0;
    }

    private static bool IsInternationalPrefix(ReadOnlySpan<char> digits) => digits.Length > 2 && digits[0] == '0' && digits[1] == '0';

    /// <summary>
    /// Shapes a national number of the default regions can have, checked before libphonenumber (which is
    /// slow): DK 8 digits not starting with 0 or 1, NL 10 digits with the trunk 0, GB 10 or 11 with the trunk 0.
    /// </summary>
    private static bool PlausibleNational(ReadOnlySpan<char> digits) =>
        (digits.Length == 8 && digits[0] >= '2') || (digits.Length is 10 or 11 && digits[0] == '0' && digits[1] != '0');

    private void NumericDate(string text, int start, int end, ReadOnlySpan<char> digits, ReadOnlySpan<int> sizes, List<Detection> found)
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
        if (!_dateOfBirth)
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
        if (i >= text.Length || MonthInitials.IndexOf(char.ToLowerInvariant(text[i])) < 0)
        {
            return;
        }

        while (i < text.Length && char.IsLetter(text[i]))
        {
            i++;
        }

        int month = Month(text.AsSpan(monthStart, i - monthStart));
        if (month < 0 || i + 5 > text.Length || text[i] != ' ' || Digits(text, i + 1, i + 5) < 4 || (i + 5 < text.Length && IsDigit(text[i + 5])))
        {
            return;
        }

        var date = MakeDate(Int(text.AsSpan(), i + 1, 4), (month % 12) + 1, Int(text.AsSpan(), start, dayEnd - start));
        int end = i + 5;
        if (date is { } d && Plausible(d) && NearBirthWord(text, start, end))
        {
            found.Add(new Detection(DetectorIds.DateOfBirth, start, end - start, 85, "****-**-** (" + d.Year.ToString(CultureInfo.InvariantCulture) + ")"));
        }
    }

    /// <summary>The index of <paramref name="word"/> in <see cref="Months"/> (case-insensitive), or -1; most words are rejected by length.</summary>
    private static int Month(ReadOnlySpan<char> word)
    {
        if (word.Length is < 3 or > 9)
        {
            return -1;
        }

        for (int m = 0; m < Months.Length; m++)
        {
            string month = Months[m];
            if (month.Length != word.Length)
            {
                continue;
            }

            int k = 0;
            while (k < word.Length && char.ToLowerInvariant(word[k]) == month[k])
            {
                k++;
            }

            if (k == word.Length)
            {
                return m;
            }
        }

        return -1;
    }

    /// <summary>A bare date is not a birth date: the word must be close (~50 characters).</summary>
    private bool NearBirthWord(string text, int start, int end) => Near(text, start, end, ContextWords.BirthDate, 50);

    private bool Plausible(DateTime date) => date <= _today && date >= _today.AddYears(-120);

    /// <summary>Four dot-separated groups of at most three digits (the caller checked the shape): each 0-255, no leading zero.</summary>
    private void Ipv4(string text, int start, int end, List<Detection> found)
    {
        int group = start;
        for (int k = start; k <= end; k++)
        {
            if (k < end && text[k] != '.')
            {
                continue;
            }

            if (Int(text.AsSpan(), group, k - group) > 255 || (k - group > 1 && text[group] == '0'))
            {
                return;
            }

            group = k + 1;
        }

        if (PrecededByVersionWord(text, start))
        {
            return;
        }

        int score = Near(text, start, end, ContextWords.Ip) ? 85 : 75;
        int second = text.IndexOf('.', text.IndexOf('.', start) + 1);
        found.Add(new Detection(DetectorIds.IpAddress, start, end - start, score, text.Substring(start, second - start) + ".*.*"));
    }

    /// <returns>The last index the address covers, or <paramref name="colon"/> when there is none.</returns>
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

        // "Notes: see below" has one colon: not an address, and nothing to parse.
        int colons = 0;
        for (int k = start; k < end && colons < 2; k++)
        {
            colons += text[k] == ':' ? 1 : 0;
        }

        if (colons < 2 || (start > 0 && char.IsLetterOrDigit(text[start - 1])))
        {
            return colon;
        }

        // Not an address ("NI:AB123456C" reads as hex): nothing is skipped, the id after the colon is still seen.
        string candidate = text.Substring(start, end - start);
        if (!IPAddress.TryParse(candidate, out var address) || address.AddressFamily != System.Net.Sockets.AddressFamily.InterNetworkV6)
        {
            return colon;
        }

        if (!found.Any(f => f.Start == start))
        {
            int score = Near(text, start, end, ContextWords.Ip) ? 85 : 75;
            found.Add(new Detection(DetectorIds.IpAddress, start, end - start, score, candidate.Substring(0, Math.Min(candidate.Length, candidate.IndexOf(':') + 1)) + "****"));
        }

        return Math.Max(colon, end - 1);
    }

    private void Postcode(string text, int start, int end, ReadOnlySpan<char> digits, List<Detection> found)
    {
        // NL: 1234 AB (letters SA, SD, SS are not used).
        int i = end;
        if (i < text.Length && text[i] == ' ')
        {
            i++;
        }

        if (_postcodeNl && digits[0] != '0' && i + 2 <= text.Length && IsUpper(text[i]) && IsUpper(text[i + 1])
            && (i + 2 == text.Length || !char.IsLetterOrDigit(text[i + 2])))
        {
            char first = text[i];
            char second = text[i + 1];
            if (!(first == 'S' && second is 'A' or 'D' or 'S'))
            {
                int score = Near(text, start, i + 2, ContextWords.Address) ? 75 : 65;
                found.Add(new Detection(DetectorIds.PostcodeNl, start, i + 2 - start, score, digits.Slice(0, 2).ToString() + "** **"));
                return;
            }
        }

        // DK: "DK-1234 Town" or "1234 Town", never on its own: an address word is required.
        if (_postcodeDk && digits[0] != '0' && end + 2 < text.Length && text[end] == ' ' && IsUpper(text[end + 1]) && char.IsLower(text[end + 2]))
        {
            bool prefixed = start >= 3 && string.CompareOrdinal(text, start - 3, "DK-", 0, 3) == 0;
            if (Near(text, start, end, ContextWords.Address) || (prefixed && Near(text, start, end, ContextWords.Address, ContextWords.Window)))
            {
                found.Add(new Detection(DetectorIds.PostcodeDk, prefixed ? start - 3 : start, end - (prefixed ? start - 3 : start), 75, digits.Slice(0, 2).ToString() + "**"));
            }
        }
    }

    private void ScanEmail(string text, int at, List<Detection> found)
    {
        if (!_email)
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

        if (IsUpper(text[start + 1]) && char.IsDigit(text[start + 2]) && char.IsDigit(text[start + 3]) && _iban)
        {
            Iban(text, start, found);
        }

        // Cheap shape checks first: most capitalised words are just words.
        char third = text[start + 2];
        if (_nino && IsUpper(text[start + 1]) && (char.IsDigit(third) || (third == ' ' && char.IsDigit(text[start + 3]))))
        {
            Nino(text, start, found);
        }

        if (_postcodeUk && (char.IsDigit(text[start + 1]) || char.IsDigit(third)))
        {
            UkPostcode(text, start, found);
        }
    }

    private void Iban(string text, int start, List<Detection> found)
    {
        int length = IbanLengths.Of(text[start], text[start + 1]);
        if (length == 0)
        {
            return;
        }

        Span<char> compact = stackalloc char[length];
        int n = 0;
        int i = start;
        while (i < text.Length && n < length)
        {
            char c = text[i];
            if (IsDigit(c) || IsUpper(c))
            {
                compact[n++] = c;
                i++;
            }
            else if (c == ' ' && n % 4 == 0 && i + 1 < text.Length && char.IsLetterOrDigit(text[i + 1]))
            {
                i++;
            }
            else
            {
                break;
            }
        }

        if (n == length && (i >= text.Length || !char.IsLetterOrDigit(text[i])) && IbanValidator.IsValid(compact))
        {
            found.Add(new Detection(DetectorIds.Iban, start, i - start, 85, Masking.Iban(compact.ToString())));
        }
    }

    private void Nino(string text, int start, List<Detection> found)
    {
        Span<char> compact = stackalloc char[9];
        compact[0] = text[start];
        compact[1] = text[start + 1];
        int n = 2;
        int i = start + 2;
        while (i < text.Length && n < 9)
        {
            char c = text[i];
            if (c == ' ' && i + 1 < text.Length && text[i + 1] != ' ')
            {
                i++;
                continue;
            }

            if ((n < 8 && IsDigit(c)) || (n == 8 && c is >= 'A' and <= 'D'))
            {
                compact[n++] = c;
                i++;
                continue;
            }

            break;
        }

        if (n == 9 && (i >= text.Length || !char.IsLetterOrDigit(text[i])) && NinoValidator.IsValid(compact))
        {
            int score = Near(text, start, i, ContextWords.Nino) ? 85 : 75;
            found.Add(new Detection(DetectorIds.UkNino, start, i - start, score, compact.Slice(0, 2).ToString() + "*******"));
        }
    }

    private void UkPostcode(string text, int start, List<Detection> found)
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
        int score = Near(text, start, end, ContextWords.Address) ? 75 : 65;
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

    /// <summary>
    /// Whether the digits at <paramref name="start"/> continue an IBAN as people print it ("DE89 3704 0044 0532 0130
    /// 00", "NL91 ABNA 0417 1643 00"): walking back over groups of up to four letters or digits, each one space
    /// apart, reaches a group of two capitals and two digits. Sixteen of its digits can pass Luhn; they are not a card.
    /// </summary>
    private static bool InsideIbanShape(string text, int start)
    {
        int i = start;
        for (int groups = 0; groups < 8 && i >= 2 && text[i - 1] == ' '; groups++)
        {
            int end = i - 1;
            int begin = end;
            while (begin > 0 && begin > end - 4 && char.IsLetterOrDigit(text[begin - 1]) && text[begin - 1] < 128)
            {
                begin--;
            }

            if (begin == end || (begin > 0 && char.IsLetterOrDigit(text[begin - 1])))
            {
                return false;
            }

            if (end - begin == 4 && IsUpperAscii(text[begin]) && IsUpperAscii(text[begin + 1]) && IsDigit(text[begin + 2]) && IsDigit(text[begin + 3]))
            {
                return true;
            }

            i = begin;
        }

        return false;
    }

    private static bool IsUpperAscii(char c) => c is >= 'A' and <= 'Z';

    private static bool Luhn(ReadOnlySpan<char> digits)
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

    private static bool AllSame(ReadOnlySpan<char> digits)
    {
        for (int i = 1; i < digits.Length; i++)
        {
            if (digits[i] != digits[0])
            {
                return false;
            }
        }

        return true;
    }

    private static bool Is(ReadOnlySpan<int> sizes, params int[] expected)
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
    private static List<Detection> ResolveOverlaps(List<Detection> found)
    {
        if (found.Count < 2)
        {
            return found;
        }

        var kept = new List<Detection>(found.Count);
        var cluster = new List<Detection>();
        int clusterEnd = int.MinValue;
        foreach (int index in ByStartThenLongest(found))
        {
            var d = found[index];
            if (d.Start >= clusterEnd && cluster.Count > 0)
            {
                KeepBest(cluster, kept);
                cluster.Clear();
            }

            cluster.Add(d);
            clusterEnd = Math.Max(clusterEnd, d.Start + d.Length);
        }

        KeepBest(cluster, kept);
        return kept;
    }

    /// <summary>
    /// Indices of <paramref name="found"/> by start, longest first, then in the order found: a sort of
    /// primitive keys (no comparison delegate), stable because equal keys are put back in index order.
    /// </summary>
    private static int[] ByStartThenLongest(List<Detection> found)
    {
        var keys = new long[found.Count];
        var order = new int[found.Count];
        for (int i = 0; i < keys.Length; i++)
        {
            keys[i] = ((long)found[i].Start << 32) | (uint)(int.MaxValue - found[i].Length);
            order[i] = i;
        }

        Array.Sort(keys, order);
        for (int run = 0; run < keys.Length;)
        {
            int next = run + 1;
            while (next < keys.Length && keys[next] == keys[run])
            {
                next++;
            }

            if (next - run > 1)
            {
                Array.Sort(order, run, next - run);
            }

            run = next;
        }

        return order;
    }

    /// <summary>Keeps the best of one cluster of overlapping detections, in order of start.</summary>
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

        kept.Sort(first, kept.Count - first, ByStart);
    }
}
