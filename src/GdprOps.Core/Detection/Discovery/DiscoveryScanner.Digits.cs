using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text;

namespace GdprOps.Detection.Discovery;

// The single pass of DiscoveryScanner, continued: Digit runs: national ids (CPR, BSN), payment cards, phone numbers, dates of birth, and the checks that tell them apart.
public sealed partial class DiscoveryScanner
{
    /// <summary>
    /// A run of digit groups joined by one-character separators ("150390-1230", "+45 20 12 34 56",
    /// "4111 1111 1111 1111"), every window of up to eight consecutive groups tried as an identifier. Works on
    /// stack buffers: nothing is allocated unless a window survives its validator.
    /// </summary>
    /// <returns>The index just past the run.</returns>
    [System.Runtime.CompilerServices.MethodImpl(HotPath.Options)]
    private int ScanDigitRun(string text, int start, ScanBuffers buffers)
    {
        var found = buffers.Found;
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
            if (count < MaxGroups && i + 1 < text.Length && SpacedLiteral.GroupSeparator(text[i]) is not '\0' and var separator && IsDigit(text[i + 1]))
            {
                separators[count - 1] = separator;
                i++;
                continue;
            }

            // A spaced hyphen, as the Dutch standard (NEN 1775) writes an area code apart from the number ("020 - 123 45 67"):
            // the same separator as a hyphen, so what a hyphen glues ("1990 - 2000" is "1990-2000") stays one number.
            if (count < MaxGroups && i + 3 < text.Length && text[i] == ' ' && text[i + 1] == '-' && text[i + 2] == ' ' && IsDigit(text[i + 3]))
            {
                separators[count - 1] = '-';
                i += 3;
                continue;
            }

            // Brackets as people write phone numbers: the trunk prefix after a country code, which is not dialled from abroad
            // ("+31 (0)6 1234 5678", "+44 (0)20 7946 0958": the (0) is left out of the number), and an area code with its
            // trunk zero at the start of a national number ("(020) 123 4567", "(0161) 496 0000": a group like any other).
            // Asked only where a bracket stands (most runs end at one group and anything else).
            int resumed = count != 1 || i >= text.Length ? 0
                : plus ? (text[i] == '(' || (text[i] == ' ' && i + 1 < text.Length && text[i + 1] == '(') ? TrunkPrefix(text, i) : 0)
                : text[i] == ')' && start > 0 && text[start - 1] == '(' ? BracketedAreaCode(text, start, i) : 0;
            if (resumed > 0)
            {
                separators[0] = ' ';
                i = resumed;
                continue;
            }

            break;
        }

        int end = i;
        if (count == 1 && sizes[0] <= 2 && !plus && _dateOfBirth && end < text.Length && char.IsLetter(text[end]) && OrdinalSuffixAt(text, end))
        {
            // An English ordinal day ("5th May 1985", "May 5th, 1985", "21ST JANUARY 1990"): a date or nothing.
            ScanMonthFirstDate(text, start, end, found, end + 2);
            ScanTextualDate(text, start, end, found, end + 2);
            return end + 2;
        }

        if ((end < text.Length && char.IsLetter(text[end]) && !IsPostcodeLetters(text, end)) || !_anyDigitDetector)
        {
            // Glued to a word, or no detector that reads digit runs is on (discovery of e-mail only): nothing to weigh, but
            // four digits and two lower-case letters may be a Dutch postcode typed into a form ("1017gb").
            if (count == 1 && sizes[0] == 4 && !plus && _postcodeNl && end + 1 < text.Length && IsLowerAscii(text[end]) && IsLowerAscii(text[end + 1]))
            {
                Postcode(text, start, end, text.AsSpan(start, 4), found);
            }

            return end;
        }

        // "January 5, 1985", "Jan 5 1985": the month before the day, the year after it.
        if (!plus && sizes[0] <= 2 && start > 1 && text[start - 1] == ' ' && (char.IsLetter(text[start - 2]) || text[start - 2] == '.')
            && start + sizes[0] + 5 <= text.Length && text[start + sizes[0]] is ' ' or ',')
        {
            ScanMonthFirstDate(text, start, start + sizes[0], found);
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
            // A space may end an id (a table column, a card's expiry after it); '-', '.' or '/' glue a longer number:
            // windows that start or end at such a separator are no id and are not evaluated.
            char leftSep = a == 0 ? '\0' : separators[a - 1];
            if (leftSep is not ('\0' or ' '))
            {
                continue;
            }

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

                char rightSep = b == count - 1 ? '\0' : separators[b];
                if (rightSep is not ('\0' or ' '))
                {
                    continue;
                }

                int spanStart = a == 0 && plus ? start : groupStarts[a];
                var window = b == a ? text.AsSpan(groupStarts[a], n) : digits.Slice(0, n);
                Evaluate(text, spanStart, groupStarts[b] + sizes[b], window, sizes.Slice(a, b - a + 1), separators.Slice(a, b - a), a == 0 && plus, leftSep, rightSep, buffers);
            }
        }

        // "ref 4471 3 mei 1985": the day is the run's last group.
        if (count > 1 && sizes[count - 1] <= 2 && separators[count - 2] == ' ')
        {
            ScanTextualDate(text, groupStarts[count - 1], end, found);
        }

        return end;
    }

    /// <param name="leftSep">The separator before this window of groups inside its digit run ('\0' at the run's start, else a space: see <see cref="ScanDigitRun"/>).</param>
    /// <param name="rightSep">The separator after it ('\0' at the run's end, else a space).</param>
    [System.Runtime.CompilerServices.MethodImpl(HotPath.Options)]
    private void Evaluate(string text, int start, int end, ReadOnlySpan<char> digits, ReadOnlySpan<int> sizes, ReadOnlySpan<char> seps, bool plus, char leftSep, char rightSep, ScanBuffers buffers)
    {
        var found = buffers.Found;
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
            found.Add(new Detection(DetectorIds.NlBsn, start, end - start, 85, MaskedStrings.Of("*******".AsSpan(), digits.Slice(7))));
        }

        // A legacy number of eight digits (its leading zero left out, as spreadsheets do: DETECTORS.md), written whole or
        // 3-3-2. Only under its own label: a BSN word just before it or over its column. Eight digits are also a KvK or an
        // order number, and 300 characters of a letter hold both.
        if (n == 8 && _bsn && (sizes.Length == 1 || (Is(sizes, 3, 3, 2) && oneStyle && sep is ' ' or '.')) && BsnValidator.IsValidLegacy(digits)
            && (WordBefore(text, start, ContextWords.Bsn, LegacyBsnLabelReach) || UnderLabel(text, start, ContextWords.Bsn)))
        {
            found.Add(new Detection(DetectorIds.NlBsn, start, end - start, 85, MaskedStrings.Of("*******".AsSpan(), digits.Slice(6))));
        }

        if (n is >= 13 and <= 19 && oneStyle && _card && Luhn(digits) && !AllSame(digits) && !InsideIbanShape(text, start))
        {
            bool word = Near(text, start, end, ContextWords.Card) || HasExpiry(text, start, end);
            // As cards are printed: 4-4-4-4, and American Express and Diners Club's 4-6-5 and 4-6-4.
            int score = word ? 85 : Is(sizes, 4, 4, 4, 4) || Is(sizes, 4, 6, 5) || Is(sizes, 4, 6, 4) ? 75 : 65;
            found.Add(new Detection(DetectorIds.PaymentCard, start, end - start, score, MaskedStrings.Of("*****************".AsSpan(0, n - 4), digits.Slice(n - 4))));
        }

        if (n is >= 8 and <= 15 && _phone && wholeRight && (plus || IsInternationalPrefix(digits) || PlausibleNational(digits)))
        {
            buffers.Phones.Add((start, end, buffers.PhoneDigits.Add(digits), digits.Length, plus));
        }

        // One separator throughout, or the Danish day/month-year ("12/3-1980").
        if (sizes.Length == 3 && ((oneStyle && sep is '-' or '.' or '/') || (sep == '/' && seps[1] == '-' && sizes[2] == 4)) && _dateOfBirth)
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

    /// <summary>How far before an eight-digit number its BSN word may stand ("BSN: ", "burgerservicenummer (oud) ").</summary>
    private const int LegacyBsnLabelReach = 30;

    /// <summary>"****-**-** (1990)": a birth date shows its year only.</summary>
    private static string BirthYearMask(DateTime date)
    {
        Span<char> year = stackalloc char[4];
        int value = date.Year;
        for (int i = 3; i >= 0; i--, value /= 10)
        {
            year[i] = (char)('0' + (value % 10));
        }

        return MaskedStrings.Of("****-**-** (".AsSpan(), year, ")".AsSpan());
    }

    [System.Runtime.CompilerServices.MethodImpl(HotPath.Options)]
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
            found.Add(new Detection(DetectorIds.DkCpr, start, end - start, score, MaskedStrings.Of(digits.Slice(0, 6), "-****".AsSpan())));
        }
    }

    /// <returns>The score of the phone number found, or 0.</returns>
    [System.Runtime.CompilerServices.MethodImpl(HotPath.Options)]
    private int Phone(string text, int start, int end, ReadOnlySpan<char> digits, bool plus, List<Detection> found)
    {
        if (plus || IsInternationalPrefix(digits))
        {
            // +45 and 8 digits: valid exactly when in a Danish range by libphonenumber's own rule, compiled (see
            // NationalNumberRanges); possible, for libphonenumber, exactly when of a Danish length. Only other
            // countries' numbers are parsed.
            var international = plus ? digits : digits.Slice(2);
            var ranges = NationalNumberRanges.Denmark;
            if (international.Length == 10 && international[0] == '4' && international[1] == '5')
            {
                var national = international.Slice(2);
                int danish = ranges.IsValid(national) ? 85
                    : !ranges.IsPossibleLength(national.Length) ? 0
                    : Near(text, start, end, ContextWords.Phone) ? 75 : 65;
                if (danish > 0)
                {
                    found.Add(new Detection(DetectorIds.Phone, start, end - start, danish, Masking.PhoneE164(international)));
                }

                return danish;
            }

            string e164 = "+" + international.ToString();
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

        string? number = null;
        foreach (string region in PhoneNormalizer.DefaultRegions)
        {
            // Danish numbers (most 8-digit runs) by libphonenumber's own rule, compiled: see NationalNumberRanges.
            if (region == "DK" && digits.Length == 8 && digits[0] is >= '2' and <= '9')
            {
                if (!NationalNumberRanges.Denmark.IsValid(digits))
                {
                    continue;
                }

                int danish = Near(text, start, end, ContextWords.Phone) ? 75 : 65;
                Span<char> e164 = stackalloc char[10];
                e164[0] = '4';
                e164[1] = '5';
                digits.CopyTo(e164.Slice(2));
                found.Add(new Detection(DetectorIds.Phone, start, end - start, danish, Masking.PhoneE164(e164)));
                return danish;
            }

            if (PhoneNormalizer.TryFormatE164(number ??= digits.ToString(), region, out string parsed))
            {
                int score = Near(text, start, end, ContextWords.Phone) ? 75 : 65;
                found.Add(new Detection(DetectorIds.Phone, start, end - start, score, Masking.Mask(Model.IdentifierKind.Phone, parsed)));
                return score;
            }
        }

        return 0;
    }

    /// <summary>
    /// Where the number goes on after a bracketed trunk prefix at <paramref name="i"/>, just past a country code: " (0)6",
    /// "(0) 20"; 0 when no "(0)" stands there.
    /// </summary>
    private static int TrunkPrefix(string text, int i)
    {
        if (i < text.Length && text[i] == ' ')
        {
            i++;
        }

        if (i + 3 >= text.Length || text[i] != '(' || text[i + 1] != '0' || text[i + 2] != ')')
        {
            return 0;
        }

        i += 3;
        if (i + 1 < text.Length && text[i] == ' ')
        {
            i++;
        }

        return i < text.Length && IsDigit(text[i]) ? i : 0;
    }

    /// <summary>
    /// Where the number goes on after the bracketed area code that ends at <paramref name="i"/> ("(020) 123 4567":
    /// two to five digits from a trunk zero, in brackets, then a space, a hyphen ("(010)-1234567") or nothing; two for the
    /// Dutch mobile prefix, "(06) 12 34 56 78"); 0 when the group from <paramref name="start"/> is none.
    /// </summary>
    private static int BracketedAreaCode(string text, int start, int i)
    {
        if (start == 0 || text[start - 1] != '(' || text[start] != '0' || i - start is < 2 or > 5 || i + 1 >= text.Length || text[i] != ')')
        {
            return 0;
        }

        i++;
        if (text[i] is ' ' or '-' && i + 1 < text.Length)
        {
            i++;
        }

        return IsDigit(text[i]) ? i : 0;
    }

    private static bool IsInternationalPrefix(ReadOnlySpan<char> digits) => digits.Length > 2 && digits[0] == '0' && digits[1] == '0';

    /// <summary>
    /// Shapes a national number of the default regions can have, checked before libphonenumber (which is
    /// slow): DK 8 digits not starting with 0 or 1, NL 10 digits with the trunk 0, GB 10 or 11 with the trunk 0.
    /// </summary>
    private static bool PlausibleNational(ReadOnlySpan<char> digits) =>
        (digits.Length == 8 && digits[0] >= '2') || (digits.Length is 10 or 11 && digits[0] == '0' && digits[1] != '0');

    [System.Runtime.CompilerServices.MethodImpl(HotPath.Options)]
    private void NumericDate(string text, int start, int end, ReadOnlySpan<char> digits, ReadOnlySpan<int> sizes, List<Detection> found)
    {
        DateTime? date = null;
        if (sizes[0] == 4 && sizes[1] <= 2 && sizes[2] <= 2)
        {
            date = MakeDate(Int(digits, 0, 4), Int(digits, 4, sizes[1]), Int(digits, 4 + sizes[1], sizes[2]));
        }
        else if (sizes[0] <= 2 && sizes[1] <= 2 && sizes[2] is 4 or 2)
        {
            // The year in full, or in two digits as forms write a birth date ("12/05/85", "12.5.90"): see FullYear.
            int first = Int(digits, 0, sizes[0]);
            int second = Int(digits, sizes[0], sizes[1]);
            int year = Int(digits, sizes[0] + sizes[1], sizes[2]);
            year = sizes[2] == 2 ? FullYear(year) : year;
            date = MakeDate(year, second, first) ?? MakeDate(year, first, second);
        }

        AddBirthDate(text, start, end, date, found);
    }

    /// <summary>A date of birth at [start, end): a plausible date with a birth word close by.</summary>
    private void AddBirthDate(string text, int start, int end, DateTime? date, List<Detection> found)
    {
        if (date is { } d && Plausible(d) && NearBirthWord(text, start, end))
        {
            found.Add(new Detection(DetectorIds.DateOfBirth, start, end - start, 85, BirthYearMask(d)));
        }
    }

    /// <summary>
    /// The year a birth date's two digits name: the latest that is not in the future ("85" 1985, "19" 2019 in 2026). A person
    /// born a century before that would be over a hundred; Plausible turns those dates down anyway.
    /// </summary>
    private int FullYear(int twoDigits) => 2000 + twoDigits <= _today.Year ? 2000 + twoDigits : 1900 + twoDigits;

    /// <summary>Whether a space and a year of exactly four digits stand at <paramref name="space"/> (" 1985").</summary>
    private static bool YearAt(string text, int space) =>
        space + 5 <= text.Length && text[space] == ' ' && Digits(text, space + 1, space + 5) == 4 && (space + 5 == text.Length || !IsDigit(text[space + 5]));

    /// <summary>Whether an English ordinal's suffix ("st", "nd", "rd", "th", any case) stands at <paramref name="at"/> as the rest of its word.</summary>
    private static bool OrdinalSuffixAt(string text, int at) =>
        at + 2 <= text.Length && (at + 2 == text.Length || !char.IsLetterOrDigit(text[at + 2]))
        && (char.ToLowerInvariant(text[at]), char.ToLowerInvariant(text[at + 1])) is ('s', 't') or ('n', 'd') or ('r', 'd') or ('t', 'h');

    /// <summary>"12. marts 1990", "12 March 1990", "3 mei 1985", "5th of May, 1985", "12 May, 1985", "05-MAY-1985".</summary>
    /// <param name="afterDay">Where the day's word ends when an ordinal suffix follows its digits ("5th"); else <paramref name="dayEnd"/>.</param>
    [System.Runtime.CompilerServices.MethodImpl(HotPath.Options)]
    private void ScanTextualDate(string text, int start, int dayEnd, List<Detection> found, int afterDay = -1)
    {
        if (!_dateOfBirth)
        {
            return;
        }

        int i = afterDay < 0 ? dayEnd : afterDay;
        if (afterDay < 0 && i + 1 < text.Length && text[i] is '-' or '/' && char.IsLetter(text[i + 1]))
        {
            HyphenatedDate(text, start, dayEnd, found);
            return;
        }

        if (afterDay < 0 && i < text.Length && text[i] == '.')
        {
            i++;
        }
        else if (afterDay >= 0 && i + 4 <= text.Length && text[i] == ' ' && string.CompareOrdinal(text, i + 1, "of ", 0, 3) == 0)
        {
            i += 3; // "5th of May"
        }

        int spaces = 0;
        while (i < text.Length && text[i] == ' ' && spaces++ < 2)
        {
            i++;
        }

        int monthStart = i;
        // Most short numbers (a CSV row's, a log's milliseconds) are followed by no letter at all: rejected before the search.
        if (i >= text.Length || !char.IsLetter(text[i]) || MonthInitials.IndexOf(char.ToLowerInvariant(text[i])) < 0)
        {
            return;
        }

        while (i < text.Length && char.IsLetter(text[i]))
        {
            i++;
        }

        int month = Month(text.AsSpan(monthStart, i - monthStart));
        if (month >= 0 && i < text.Length && text[i] is '.' or ',')
        {
            i++; // "5. jan. 1985", "12 May, 1985"
        }

        if (month < 0 || !YearAt(text, i))
        {
            return;
        }

        AddBirthDate(text, start, i + 5, MakeDate(Int(text.AsSpan(), i + 1, 4), (month % 12) + 1, Int(text.AsSpan(), start, dayEnd - start)), found);
    }

    /// <summary>
    /// "05-MAY-1985", "5-May-85", "05/May/1985": the day at [start, dayEnd), then the month's name and the year, each after
    /// the same separator (the form databases and hospital systems print a date in).
    /// </summary>
    private void HyphenatedDate(string text, int start, int dayEnd, List<Detection> found)
    {
        char separator = text[dayEnd];
        int monthStart = dayEnd + 1;
        int i = monthStart;
        while (i < text.Length && char.IsLetter(text[i]))
        {
            i++;
        }

        int month = Month(text.AsSpan(monthStart, i - monthStart));
        if (month < 0 || i >= text.Length || text[i] != separator)
        {
            return;
        }

        int yearStart = ++i;
        while (i < text.Length && IsDigit(text[i]))
        {
            i++;
        }

        if ((i - yearStart) is not (4 or 2) || (i < text.Length && char.IsLetter(text[i])))
        {
            return;
        }

        int year = Int(text.AsSpan(), yearStart, i - yearStart);
        AddBirthDate(text, start, i, MakeDate(i - yearStart == 2 ? FullYear(year) : year, (month % 12) + 1, Int(text.AsSpan(), start, dayEnd - start)), found);
    }

    /// <summary>"January 5, 1985", "Jan. 5 1985", "May 5th, 1985" (English writes the month first): the day at [dayStart, dayEnd) after one space.</summary>
    /// <param name="afterDay">Where the day's word ends when an ordinal suffix follows its digits ("5th"); else <paramref name="dayEnd"/>.</param>
    [System.Runtime.CompilerServices.MethodImpl(HotPath.Options)]
    private void ScanMonthFirstDate(string text, int dayStart, int dayEnd, List<Detection> found, int afterDay = -1)
    {
        // The year after the day first: most short numbers after a word ("took 5 ms", "from 10.0.0.1") have none, and are
        // turned down before the word is read.
        int j = afterDay < 0 ? dayEnd : afterDay;
        j = j < text.Length && text[j] == ',' ? j + 1 : j;
        if (!_dateOfBirth || !YearAt(text, j) || dayStart < 2 || text[dayStart - 1] != ' ')
        {
            return;
        }

        int monthEnd = dayStart - 1;
        if (text[monthEnd - 1] == '.')
        {
            monthEnd--;
        }

        int monthStart = monthEnd;
        while (monthStart > 0 && char.IsLetter(text[monthStart - 1]))
        {
            monthStart--;
        }

        if (monthStart == monthEnd || (monthStart > 0 && char.IsLetterOrDigit(text[monthStart - 1])) || MonthInitials.IndexOf(char.ToLowerInvariant(text[monthStart])) < 0)
        {
            return;
        }

        int month = Month(text.AsSpan(monthStart, monthEnd - monthStart));
        if (month < 0)
        {
            return;
        }

        AddBirthDate(text, monthStart, j + 5, MakeDate(Int(text.AsSpan(), j + 1, 4), (month % 12) + 1, Int(text.AsSpan(), dayStart, dayEnd - dayStart)), found);
    }

    /// <summary>
    /// The index of <paramref name="word"/> in <see cref="Months"/> or <see cref="MonthAbbreviations"/> (case-insensitive;
    /// the month is the index modulo 12), or -1; most words are rejected by length.
    /// </summary>
    private static int Month(ReadOnlySpan<char> word)
    {
        if (word.Length is < 3 or > 9)
        {
            return -1;
        }

        if (word.Length <= 4)
        {
            int abbreviation = IndexOfLower(MonthAbbreviations, word);
            if (abbreviation >= 0)
            {
                return abbreviation;
            }
        }

        return IndexOfLower(Months, word);
    }

    /// <summary>The index of <paramref name="word"/> among the lower-case <paramref name="words"/> (any case), or -1.</summary>
    private static int IndexOfLower(string[] words, ReadOnlySpan<char> word)
    {
        for (int m = 0; m < words.Length; m++)
        {
            string month = words[m];
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
    private bool NearBirthWord(string text, int start, int end) => BornAbbreviationBefore(text, start) || Near(text, start, end, ContextWords.BirthDate, 50);

    /// <summary>
    /// Whether the date at <paramref name="start"/> follows "f." (Danish født) or "b." (English born), as registers, obituaries
    /// and biographies write a birth date: "Jens Hansen, f. 12. maj 1950", "(b. 3 May 1921)". The letter stands alone.
    /// </summary>
    private static bool BornAbbreviationBefore(string text, int start)
    {
        int k = start - 1;
        while (k >= 0 && text[k] == ' ')
        {
            k--;
        }

        return k >= 1 && text[k] == '.' && text[k - 1] is 'f' or 'F' or 'b' or 'B' && (k == 1 || !char.IsLetterOrDigit(text[k - 2]));
    }

    private bool Plausible(DateTime date) => date <= _today && date >= _today.AddYears(-120);


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

    /// <summary>
    /// Whether a version word ends the 12 characters before <paramref name="start"/> (white space after it allowed), as a
    /// word of its own or at the start of those 12 characters: "version 1.2.3.4", "v1.2.3.4".
    /// </summary>
    [System.Runtime.CompilerServices.MethodImpl(HotPath.Options)]
    private static bool PrecededByVersionWord(string text, int start)
    {
        int from = Math.Max(0, start - 12);
        int end = start;
        while (end > from && char.IsWhiteSpace(text[end - 1]))
        {
            end--;
        }

        if (end == from || (text[end - 1] < 128 && VersionWordEnds.IndexOf((char)(text[end - 1] | 0x20)) < 0))
        {
            // Most addresses follow a word no version word ends like ("from", "host="): an ASCII character answers at once.
            return false;
        }

        foreach (string word in VersionWords)
        {
            int begin = end - word.Length;
            if (begin >= from && EqualsLower(text, begin, word) && (begin == from || !char.IsLetter(text[begin - 1])))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>Whether text[at..] spells the lower-case <paramref name="word"/> in any case (invariant).</summary>
    private static bool EqualsLower(string text, int at, string word)
    {
        for (int i = 0; i < word.Length; i++)
        {
            if (char.ToLowerInvariant(text[at + i]) != word[i])
            {
                return false;
            }
        }

        return true;
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

            if (begin == end || Glued(text, begin))
            {
                return false;
            }

            if (end - begin == 4 && IsUpper(text[begin]) && IsUpper(text[begin + 1]) && IsDigit(text[begin + 2]) && IsDigit(text[begin + 3]))
            {
                return true;
            }

            i = begin;
        }

        return false;
    }

    [System.Runtime.CompilerServices.MethodImpl(HotPath.Options)]
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
}
