using System;
using System.Collections.Generic;
using System.Linq;
using GdprOps.Model;

namespace GdprOps.Detection;

/// <summary>
/// Finds a subject's identifiers in text, normalising both sides as DETECTORS.md describes: emails
/// case-insensitively (also inside "Name &lt;addr&gt;" and mailto: links, URL-encoded and spelled "[at]"), national and other ids with any
/// separators, phones as E.164 whatever their national or international format, and names as folded token
/// sequences. Compiled once per profile; thread-safe.
/// </summary>
public sealed class SubjectMatcher
{
    private readonly List<string> _emails = new();
    private readonly List<(IdentifierKind Kind, string Needle, string Masked, string? Category)> _ids = new();
    private readonly List<PhoneNeedle> _phones = new();
    private readonly List<NamePattern> _names = new();
    private readonly HashSet<char> _nameStarts = new();
    private readonly List<string> _startSkeletons = new();
    private int _nameSpan;
    private readonly bool _allowInitials;

    public SubjectMatcher(SubjectProfile profile)
    {
        if (profile is null)
        {
            throw new ArgumentNullException(nameof(profile));
        }

        _allowInitials = profile.AllowInitials;
        foreach (var id in profile.GetIdentifiers())
        {
            switch (id.Kind)
            {
                case IdentifierKind.Email:
                    _emails.Add(id.Value);
                    break;
                case IdentifierKind.Name when id.Value.Count(char.IsLetter) >= 2:
                    AddName(id.Value);
                    break;
                case IdentifierKind.Name:
                    // A one-letter "name" would match nearly every text: it never matches.
                    break;
                case IdentifierKind.Phone:
                    AddPhone(id);
                    break;
                case IdentifierKind.NL_BSN:
                    AddId(id, id.Value);
                    if (id.Value[0] == '0')
                    {
                        // Legacy 8-digit numbers are written without their leading zero.
                        AddId(id, id.Value.Substring(1));
                    }

                    break;
                default:
                    AddId(id, id.Value);
                    break;
            }
        }
    }

    /// <summary>Every occurrence of the subject's identifiers in <paramref name="text"/>, in no particular order.</summary>
    /// <param name="fileName">The text is an item's name, whose words may be joined by underscores, full stops or hyphens (<see cref="TextTokens.IsFileName"/>).</param>
    [System.Runtime.CompilerServices.MethodImpl(HotPath.Options)]
    public IReadOnlyList<SubjectMatch> Match(string text, bool fileName = false)
    {
        var matches = new List<SubjectMatch>();
        if (string.IsNullOrEmpty(text))
        {
            return matches;
        }

        FindEmails(text, matches);
        FindIds(text, matches);
        FindPhones(text, matches);
        FindNames(text, matches, fileName);
        FindEncodedNames(text, matches);
        return matches;
    }

    /// <summary>
    /// Names written into a URL ("q=S%C3%B8ren+%C3%98stergaard", "/people/Jens%20Holm": <see cref="UrlEncoded"/>), read as the
    /// text they stand for and reported where they are written; a name the plain reading found already is not found twice.
    /// </summary>
    private void FindEncodedNames(string text, List<SubjectMatch> matches)
    {
        if (_names.Count == 0)
        {
            return;
        }

        List<SubjectMatch>? decodedMatches = null;
        foreach (var (start, end) in UrlEncoded.Runs(text))
        {
            string decoded = UrlEncoded.Decode(text, start, end, out int[] rawAt);
            (decodedMatches ??= new List<SubjectMatch>()).Clear();
            FindNames(decoded, decodedMatches, fileName: false);
            foreach (var match in decodedMatches)
            {
                int from = rawAt[match.Start], to = rawAt[match.Start + match.Length];
                if (!matches.Exists(m => m.Start < to && from < m.Start + m.Length))
                {
                    matches.Add(match with { Start = from, Length = to - from });
                }
            }
        }
    }

    private void AddId(SubjectIdentifier id, string needle)
    {
        string? category = id.Kind == IdentifierKind.OtherId
            ? (IbanValidator.IsValid(id.Value.AsSpan()) ? "IBAN" : null)
            : id.Kind.ToString();
        _ids.Add((id.Kind, needle, Masking.Mask(id.Kind, id.Value), category));
    }

    private void AddName(string name)
    {
        var pattern = NamePattern.Create(name);
        if (pattern is null)
        {
            return;
        }

        _names.Add(pattern);
        foreach (string skeleton in pattern.StartSkeletons())
        {
            _nameStarts.Add(skeleton[0]);
            if (!_startSkeletons.Contains(skeleton))
            {
                _startSkeletons.Add(skeleton);
            }
        }

        _nameSpan = Math.Max(_nameSpan, pattern.MaxSpan);
    }

    private void AddPhone(SubjectIdentifier id)
    {
        foreach (string e164 in new[] { id.Value }.Concat(id.Alternatives))
        {
            var parsed = PhoneNormalizer.Parse(e164);
            if (parsed.Count == 1)
            {
                _phones.Add(new PhoneNeedle(parsed[0].E164, parsed[0].Region, parsed[0].NationalNumber));
            }
            else if (parsed.Count == 0 && PhoneNormalizer.ParsePossible(e164) is { } possible)
            {
                // A number in a range the phone data does not know yet, kept in the profile with a warning.
                _phones.Add(new PhoneNeedle(possible.E164, possible.Region, possible.NationalNumber, Possible: true));
            }
        }
    }

    /// <summary>
    /// The ways the '@' of an address is written where the address is not a link: URL-encoded in a log's query string
    /// ("email=soeren%40nordlys.example"), as an HTML character reference, and spelled out against harvesters on web pages
    /// and in signatures ("soeren [at] nordlys.example"). Compared ignoring case.
    /// </summary>
    private static readonly string[] AtSigns = { "@", "%40", "&#64;", "&#x40;", " [at] ", "[at]", " (at) ", "(at)" };

    [System.Runtime.CompilerServices.MethodImpl(HotPath.Options)]
    private void FindEmails(string text, List<SubjectMatch> matches)
    {
        foreach (string email in _emails)
        {
            // Anchored on the longer of the address's two parts (found in one vectorised search), then the '@' in any of
            // its written forms and the other part are compared in place.
            int split = email.LastIndexOf('@');
            if (split <= 0 || split == email.Length - 1)
            {
                continue;
            }

            bool anchorLocal = split >= email.Length - split - 1;
            string anchor = anchorLocal ? email.Substring(0, split) : email.Substring(split + 1);
            int from = 0;
            while (from < text.Length)
            {
                int found = text.IndexOf(anchor, from, StringComparison.OrdinalIgnoreCase);
                if (found < 0)
                {
                    break;
                }

                from = found + 1;
                if (WrittenAddress(text, email, split, found, anchorLocal) is not (int start, int end))
                {
                    continue;
                }

                if (EmailBoundaryBefore(text, start) && EmailBoundaryAfter(text, end))
                {
                    matches.Add(new SubjectMatch(IdentifierKind.Email, start, end - start, Masking.Email(email), Category: "EMAIL"));
                    from = end;
                }
            }
        }
    }

    /// <summary>
    /// The span of <paramref name="email"/> written around its part found at <paramref name="found"/> (the local part when
    /// <paramref name="anchorLocal"/>, else the domain), its '@' in any of the <see cref="AtSigns"/>; null when the rest differs.
    /// </summary>
    private static (int Start, int End)? WrittenAddress(string text, string email, int split, int found, bool anchorLocal)
    {
        int localLength = split, domainLength = email.Length - split - 1;
        foreach (string sign in AtSigns)
        {
            if (anchorLocal)
            {
                int signAt = found + localLength, domainAt = signAt + sign.Length;
                if (domainAt + domainLength <= text.Length
                    && string.Compare(text, signAt, sign, 0, sign.Length, StringComparison.OrdinalIgnoreCase) == 0
                    && string.Compare(text, domainAt, email, split + 1, domainLength, StringComparison.OrdinalIgnoreCase) == 0)
                {
                    return (found, domainAt + domainLength);
                }
            }
            else
            {
                int signAt = found - sign.Length, localAt = signAt - localLength;
                if (localAt >= 0
                    && string.Compare(text, signAt, sign, 0, sign.Length, StringComparison.OrdinalIgnoreCase) == 0
                    && string.Compare(text, localAt, email, 0, localLength, StringComparison.OrdinalIgnoreCase) == 0)
                {
                    return (localAt, found + domainLength);
                }
            }
        }

        return null;
    }

    private static bool EmailBoundaryBefore(string text, int at) =>
        at == 0 || !(char.IsLetterOrDigit(text[at - 1]) || text[at - 1] is '.' or '_' or '%' or '+' or '-');

    private static bool EmailBoundaryAfter(string text, int end)
    {
        if (end >= text.Length)
        {
            return true;
        }

        char after = text[end];
        if (char.IsLetterOrDigit(after) || after is '-' or '_')
        {
            return false;
        }

        // "a@b.dk.evil.com" continues the domain; "a@b.dk." ends a sentence.
        return !(after == '.' && end + 1 < text.Length && char.IsLetterOrDigit(text[end + 1]));
    }

    [System.Runtime.CompilerServices.MethodImpl(HotPath.Options)]
    private void FindIds(string text, List<SubjectMatch> matches)
    {
        var spans = new List<(int Start, int End)>();
        foreach (var (kind, needle, masked, category) in _ids)
        {
            spans.Clear();
            SpacedLiteral.FindAll(text, needle, spans);
            foreach (var (start, end) in spans)
            {
                matches.Add(new SubjectMatch(kind, start, end - start, masked, Category: category));
            }
        }
    }

    [System.Runtime.CompilerServices.MethodImpl(HotPath.Options)]
    private void FindPhones(string text, List<SubjectMatch> matches)
    {
        var spans = new List<(int Start, int End)>();
        var seen = new HashSet<int>();
        foreach (var phone in _phones)
        {
            spans.Clear();
            SpacedLiteral.FindAll(text, phone.NationalNumber, spans, phone: true);
            foreach (var (start, end) in spans)
            {
                int matchStart = PhoneStart(text, start, end, phone);
                if (matchStart >= 0 && seen.Add(matchStart))
                {
                    matches.Add(new SubjectMatch(IdentifierKind.Phone, matchStart, end - matchStart, Masking.Mask(IdentifierKind.Phone, phone.E164), Category: "PHONE"));
                }
            }
        }
    }

    /// <summary>
    /// Looks left of the national number for a trunk or country prefix (0, +45, 0045, +44 (0)) and returns
    /// where the phone number starts, or -1 when the digits belong to another number.
    /// </summary>
    [System.Runtime.CompilerServices.MethodImpl(HotPath.Options)]
    private static int PhoneStart(string text, int start, int end, PhoneNeedle phone)
    {
        const int MaxPrefix = 12;
        int left = start;
        while (left > 0 && start - left < MaxPrefix && IsPhonePrefixChar(text[left - 1]))
        {
            left--;
        }

        bool sawInternational = false;
        for (int p = left; p < start; p++)
        {
            char c = text[p];
            bool candidate = c == '+' || (char.IsDigit(c) && (p == 0 || !char.IsDigit(text[p - 1])));
            if (!candidate || (p > 0 && char.IsLetterOrDigit(text[p - 1]) && !char.IsDigit(text[p - 1])))
            {
                continue;
            }

            string number = text.Substring(p, end - p);
            bool international = c == '+' || number.StartsWith("00", StringComparison.Ordinal);
            sawInternational |= international;
            if (IsNumber(number, phone))
            {
                return p;
            }
        }

        // A country code that did not give our number means another country's number; digits glued on
        // the left mean a longer number.
        bool gluedLeft = start > 0 && (char.IsLetterOrDigit(text[start - 1])
            || (SpacedLiteral.IsSeparator(text[start - 1]) && start >= 2 && char.IsDigit(text[start - 2])));
        if (sawInternational || gluedLeft)
        {
            return -1;
        }

        return IsNumber(text.Substring(start, end - start), phone) ? start : -1;
    }

    /// <summary>Whether <paramref name="number"/> is the needle's number (for a needle in an unknown range: a possible reading of it).</summary>
    private static bool IsNumber(string number, PhoneNeedle phone) => IsNormalisedNumber(NormaliseSeparators(number), phone);

    /// <summary>The number with every separator as an ASCII space: libphonenumber reads hyphens and no-break spaces, not the narrow one (U+202F).</summary>
    private static string NormaliseSeparators(string number)
    {
        foreach (char c in number)
        {
            if (c > '\u007F')
            {
                var chars = number.ToCharArray();
                for (int i = 0; i < chars.Length; i++)
                {
                    chars[i] = chars[i] > '\u007F' && SpacedLiteral.IsSeparator(chars[i]) ? ' ' : chars[i];
                }

                return new string(chars);
            }
        }

        return number;
    }

    private static bool IsNormalisedNumber(string number, PhoneNeedle phone) =>
        (PhoneNormalizer.TryParse(number, phone.Region, out var parsed) && parsed.E164 == phone.E164)
        || (phone.Possible && PhoneNormalizer.ParsePossible(number, new[] { phone.Region })?.E164 == phone.E164);

    private static bool IsPhonePrefixChar(char c) => char.IsDigit(c) || c is '+' or '(' or ')' || SpacedLiteral.IsSeparator(c);

    /// <summary>
    /// One pass over the words: a word is looked at only when its first letter and then its skeleton can start
    /// one of the names (or it is a one-letter initial and initials are allowed); only then are the words
    /// after it tokenised, as far as a name can reach.
    /// </summary>
    [System.Runtime.CompilerServices.MethodImpl(HotPath.Options)]
    private void FindNames(string text, List<SubjectMatch> matches, bool fileName)
    {
        if (_names.Count == 0)
        {
            return;
        }

        int i = 0;
        while (TextTokens.NextWord(text, ref i, out int start))
        {
            if (!_nameStarts.Contains(NameFolding.FirstFolded(text[start]))
                || !(MayStartName(text.AsSpan(start, i - start)) || (BrokenAtLineEnd(text, start, i) is { } next && MayStartName(next.AsSpan()))))
            {
                continue;
            }

            var tokens = new TextTokens(text, start, (int)Math.Min(text.Length, (long)start + _nameSpan)) { IsFileName = fileName };
            foreach (var pattern in _names)
            {
                int last = pattern.MatchAt(tokens, 0, _allowInitials, out bool byInitials);
                // "Østergaard-Hansen" is another surname, unless hyphens stand for spaces in a file's name ("Søren-Østergaard-kontrakt.pdf").
                if (last >= 0 && !(tokens.HyphenatedOutward(0, last) && !tokens.JoinedByFileNameHyphens(0, last)))
                {
                    int end = tokens.End(last);
                    // A name over cells, fields or a file's name is masked by its words alone (not "S***;Ø***", nor a key's letter).
                    string written = tokens.AcrossCells(0, last) || text.IndexOf('_', start, end - start) >= 0 ? tokens.NameWords(0, last) : text.Substring(start, end - start);
                    matches.Add(new SubjectMatch(IdentifierKind.Name, start, end - start, Masking.Name(written), byInitials));
                    i = end;
                    break;
                }
            }
        }
    }

    /// <summary>
    /// The word [<paramref name="start"/>, <paramref name="end"/>) joined with the next when a line's end broke it with a
    /// hyphen ("Sø-" above "ren": <see cref="TextTokens.BrokenAtLineEnd"/>), or null. Asked only of a word whose first letter
    /// can start a name and that is no name's start as it stands.
    /// </summary>
    private static string? BrokenAtLineEnd(string text, int start, int end)
    {
        if (end >= text.Length || !(TextTokens.IsHyphen(text[end]) || text[end - 1] == '\u00AD'))
        {
            return null;
        }

        var tokens = new TextTokens(text, start, Math.Min(text.Length, end + 10));
        return tokens.Count >= 2 && tokens.BrokenAtLineEnd(0) ? tokens.JoinedWord(0) : null;
    }

    [System.Runtime.CompilerServices.MethodImpl(HotPath.Options)]
    private bool MayStartName(ReadOnlySpan<char> word)
    {
        if (_allowInitials && word.Length == 1)
        {
            return true;
        }

        foreach (string skeleton in _startSkeletons)
        {
            if (NameFolding.SkeletonEquals(word, skeleton))
            {
                return true;
            }
        }

        return false;
    }

    private readonly record struct PhoneNeedle(string E164, string Region, string NationalNumber, bool Possible = false);
}
