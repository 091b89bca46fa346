using System;
using System.Collections.Generic;
using System.Linq;
using System.Net;

namespace GdprOps.Detection.Discovery;

// The single pass of DiscoveryScanner, continued: IP addresses, Danish and Dutch postcodes, and e-mail addresses.
public sealed partial class DiscoveryScanner
{
    /// <summary>Four dot-separated groups of at most three digits (the caller checked the shape): each 0-255, no leading zero.</summary>
    [System.Runtime.CompilerServices.MethodImpl(HotPath.Options)]
    private void Ipv4(string text, int start, int end, List<Detection> found)
    {
        int group = start;
        int groups = 0, masked = 0;
        for (int k = start; k <= end; k++)
        {
            if (k < end && text[k] != '.')
            {
                continue;
            }

            int value = Int(text.AsSpan(), group, k - group);
            if (value > 255 || (k - group > 1 && text[group] == '0'))
            {
                return;
            }

            // The first two groups are what the masked form shows ("10.0.*.*").
            masked = groups++ < 2 ? (masked << 8) | value : masked;
            group = k + 1;
        }

        if (PrecededByVersionWord(text, start))
        {
            return;
        }

        int score = Near(text, start, end, ContextWords.Ip) ? 85 : 75;
        found.Add(new Detection(DetectorIds.IpAddress, start, end - start, score, Ipv4Mask(masked)));
    }

    // The masked forms of IPv4 addresses by their first two groups (a log has an address every line), made when first asked:
    // at most 65,536 short strings for the process, written by whichever thread asks first (the same string either way).
    private static readonly string?[] Ipv4Masks = new string?[1 << 16];

    /// <summary>"10.0.*.*" of the address whose first two groups are <paramref name="firstTwo"/> (the first in the high byte).</summary>
    private static string Ipv4Mask(int firstTwo) =>
        Ipv4Masks[firstTwo] ??= (firstTwo >> 8).ToString(System.Globalization.CultureInfo.InvariantCulture) + "." + (firstTwo & 0xFF).ToString(System.Globalization.CultureInfo.InvariantCulture) + ".*.*";

    /// <param name="sameVerdictUntil">
    /// Set to where the colons that read as this same candidate end (its end, or its first '.' after this colon: from a
    /// colon past the dot the walk back stops at the dot): no address starts at one of them if none starts here.
    /// </param>
    /// <returns>The last index the address covers, or <paramref name="colon"/> when there is none.</returns>
    [System.Runtime.CompilerServices.MethodImpl(HotPath.Options)]
    private int ScanIpv6(string text, int colon, List<Detection> found, out int sameVerdictUntil)
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

        int dot = text.IndexOf('.', colon, end - colon);
        sameVerdictUntil = dot < 0 ? end : dot;

        // "Notes: see below" has one colon, a log's "10:19:00" two and no "::": not an address, and nothing to parse.
        // Without "::" an IPv6 address spells all eight groups (seven colons), or six and an IPv4 tail (six); RFC 4291 2.2.
        int colons = 0;
        bool compressed = false;
        for (int k = start; k < end; k++)
        {
            if (text[k] == ':')
            {
                colons++;
                compressed |= k > start && text[k - 1] == ':';
            }
        }

        if ((!compressed && colons < 6) || Glued(text, start))
        {
            return colon;
        }

        // Not an address ("NI:AB123456C" reads as hex): nothing is skipped, the id after the colon is still seen.
        string candidate = text.Substring(start, end - start);
        if (!IPAddress.TryParse(candidate, out var address) || address.AddressFamily != System.Net.Sockets.AddressFamily.InterNetworkV6)
        {
            return colon;
        }

        // A loop, not a lambda: a lambda over start made its closure on every call, at every colon of a log.
        if (!StartsAny(found, start))
        {
            int score = Near(text, start, end, ContextWords.Ip) ? 85 : 75;
            found.Add(new Detection(DetectorIds.IpAddress, start, end - start, score, candidate.Substring(0, Math.Min(candidate.Length, candidate.IndexOf(':') + 1)) + "****"));
        }

        return Math.Max(colon, end - 1);
    }

    private static bool StartsAny(List<Detection> found, int start)
    {
        foreach (var d in found)
        {
            if (d.Start == start)
            {
                return true;
            }
        }

        return false;
    }

    [System.Runtime.CompilerServices.MethodImpl(HotPath.Options)]
    private void Postcode(string text, int start, int end, ReadOnlySpan<char> digits, List<Detection> found)
    {
        // NL: 1234 AB (letters SA, SD, SS are not used).
        int i = end;
        if (i < text.Length && text[i] == ' ')
        {
            i++;
        }

        // In lower case ("1017 gb", typed into a form) only beside an address word or after a street: the shape is as often a
        // number and a word's first letters.
        bool upper = i + 2 <= text.Length && IsUpper(text[i]) && IsUpper(text[i + 1]);
        bool lower = !upper && i + 2 <= text.Length && IsLowerAscii(text[i]) && IsLowerAscii(text[i + 1]);
        if (_postcodeNl && digits[0] != '0' && (upper || lower) && (i + 2 == text.Length || !char.IsLetterOrDigit(text[i + 2])))
        {
            char first = UpperAscii(text[i]);
            char second = UpperAscii(text[i + 1]);
            if (!(first == 'S' && second is 'A' or 'D' or 'S'))
            {
                bool context = Near(text, start, i + 2, ContextWords.Address) || StreetBefore(text, start, DutchStreetEndings);
                if (upper || context)
                {
                    found.Add(new Detection(DetectorIds.PostcodeNl, start, i + 2 - start, context ? 75 : 65, MaskedStrings.Of(digits.Slice(0, 2), "** **".AsSpan())));
                    return;
                }
            }
        }

        // DK: "DK-1234 Town" or "1234 Town", never on its own: an address word is required.
        if (_postcodeDk && digits[0] != '0' && end + 2 < text.Length && text[end] == ' ' && IsUpper(text[end + 1]) && char.IsLower(text[end + 2])
            && !StreetNameAfter(text, end + 1))
        {
            bool prefixed = start >= 3 && string.CompareOrdinal(text, start - 3, "DK-", 0, 3) == 0;
            if (Near(text, start, end, ContextWords.Address) || StreetBefore(text, prefixed ? start - 3 : start, DanishStreetEndings))
            {
                found.Add(new Detection(DetectorIds.PostcodeDk, prefixed ? start - 3 : start, end - (prefixed ? start - 3 : start), 75, MaskedStrings.Of(digits.Slice(0, 2), "**".AsSpan())));
            }
        }
    }

    /// <summary>
    /// Whether the capitalised word at <paramref name="word"/> is followed by an English street type ("3843 Peartree Road",
    /// "12 Baker Street"): the number before it is a house number, not a Danish postcode before its town.
    /// </summary>
    private static bool StreetNameAfter(string text, int word)
    {
        int end = word;
        while (end < text.Length && char.IsLetter(text[end]))
        {
            end++;
        }

        if (end + 2 >= text.Length || text[end] != ' ')
        {
            return false;
        }

        int typeEnd = end + 1;
        while (typeEnd < text.Length && char.IsLetter(text[typeEnd]))
        {
            typeEnd++;
        }

        var type = text.AsSpan(end + 1, typeEnd - end - 1);
        foreach (string street in EnglishStreetTypes)
        {
            if (type.Equals(street.AsSpan(), StringComparison.OrdinalIgnoreCase))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>
    /// Whether a street and house number stand just before the postcode at <paramref name="postcode"/>, on its line or the
    /// line before (a letter's address block), as Danes and the Dutch write an address: "Vestergade 12, 8000 Aarhus C",
    /// "Kerkstraat 5, 1017 GC Amsterdam". The street
    /// is a word ending like one of the country's <paramref name="endings"/> (they write the name and "gade", "vej", "straat"
    /// as one word, so the address words "gade" and "vej" alone miss them; "Kerkstraat 12, 3511 Utrecht" is no Danish postcode).
    /// </summary>
    private static bool StreetBefore(string text, int postcode, string[] endings)
    {
        int limit = Math.Max(0, postcode - 64);
        int lines = 0;
        for (int k = postcode - 1; k > limit; k--)
        {
            char c = text[k];
            if (c == '\n' && ++lines > 1)
            {
                return false;
            }

            // A house number: digits after a space, the street's name before it, and after it (past an addition or a floor, see
            // EndsAddressLine) the end of the address line: a comma, a line break or the postcode itself.
            if (!IsDigit(c) || text[k - 1] != ' ' || !EndsAddressLine(text, k, postcode))
            {
                continue;
            }

            // The street's name is the words before the number on its line; any of them may be the street word: the last as
            // Danes and the Dutch mostly write it ("Vestergade", "Hjortholms Allé"), or an earlier one ("Laan van Meerdervoort").
            int wordEnd = k - 1;
            for (int words = 0; words < MaxStreetWords && wordEnd > limit; words++)
            {
                int wordStart = wordEnd;
                while (wordStart > limit && char.IsLetter(text[wordStart - 1]))
                {
                    wordStart--;
                }

                if (EndsLike(text.AsSpan(wordStart, wordEnd - wordStart), endings))
                {
                    return true;
                }

                if (wordStart == wordEnd || wordStart - 1 <= limit || text[wordStart - 1] != ' ')
                {
                    break;
                }

                wordEnd = wordStart - 1;
            }
        }

        return false;
    }

    /// <summary>A Danish floor in words: "st." (stuen, the ground floor), "kl." (kælder, the basement); or digits.</summary>
    private static readonly string[] DanishFloors = { "st", "kl" };

    /// <summary>A Danish door: "tv." (left), "th." (right), "mf." (middle), "sal" ("1. sal"); or digits.</summary>
    private static readonly string[] DanishDoors = { "tv", "th", "mf", "sal" };

    /// <summary>How many words of a street's name are read back from its house number for the street word.</summary>
    private const int MaxStreetWords = 4;

    private static bool EndsLike(ReadOnlySpan<char> word, string[] endings)
    {
        foreach (string ending in endings)
        {
            if (word.Length >= ending.Length && word.EndsWith(ending.AsSpan(), StringComparison.OrdinalIgnoreCase))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>
    /// Whether the house number at <paramref name="number"/> ends its line of the address ("12, ", "12A\n", "12 " before the
    /// postcode), with what is written after a house number: an addition ("12A", Dutch "100-2", "12-hs") and a Danish floor and
    /// door ("4 st. tv.", "12 1. th", "8 kl.").
    /// </summary>
    private static bool EndsAddressLine(string text, int number, int postcode)
    {
        int h = number;
        while (h < postcode && IsDigit(text[h]))
        {
            h++;
        }

        if (h + 1 < postcode && text[h] == '-' && char.IsLetterOrDigit(text[h + 1]))
        {
            h++;
            for (int kept = 0; h < postcode && kept < 4 && char.IsLetterOrDigit(text[h]); kept++)
            {
                h++;
            }
        }
        else
        {
            for (int letters = 0; h < postcode && letters < 2 && char.IsLetter(text[h]); letters++)
            {
                h++;
            }
        }

        h = AfterDanishFloor(text, h, postcode);
        return h == postcode || text[h] is ',' or '\n' or '\r' || (text[h] == ' ' && h + 1 == postcode);
    }

    /// <summary>
    /// Past a Danish floor and door after a house number at <paramref name="at"/> (" st. tv.", " 1. th", " kl.", " 2. sal",
    /// " 3. 12"), or <paramref name="at"/> itself when none stands there.
    /// </summary>
    private static int AfterDanishFloor(string text, int at, int limit)
    {
        if (at + 2 >= limit || text[at] != ' ')
        {
            return at;
        }

        int h = at + 1;
        int floor = FloorOrDoor(text, h, limit, DanishFloors);
        if (floor == h)
        {
            return at;
        }

        h = floor;
        if (h + 1 < limit && text[h] == ' ')
        {
            int door = FloorOrDoor(text, h + 1, limit, DanishDoors);
            h = door == h + 1 ? h : door;
        }

        return h;
    }

    /// <summary>Past one of <paramref name="words"/> or one to three digits at <paramref name="at"/>, and a dot after it; <paramref name="at"/> when none.</summary>
    private static int FloorOrDoor(string text, int at, int limit, string[] words)
    {
        int h = at;
        while (h < limit && h - at < 3 && IsDigit(text[h]))
        {
            h++;
        }

        if (h == at)
        {
            foreach (string word in words)
            {
                if (at + word.Length <= limit && string.Compare(text, at, word, 0, word.Length, StringComparison.OrdinalIgnoreCase) == 0
                    && (at + word.Length == limit || !char.IsLetterOrDigit(text[at + word.Length])))
                {
                    h = at + word.Length;
                    break;
                }
            }
        }
        else if (h < limit && IsDigit(text[h]))
        {
            return at;
        }

        if (h == at)
        {
            return at;
        }

        return h < limit && text[h] == '.' ? h + 1 : h;
    }

    [System.Runtime.CompilerServices.MethodImpl(HotPath.Options)]
    private void ScanEmail(string text, int at, List<Detection> found, int signLength = 1)
    {
        if (!_email)
        {
            return;
        }

        int start = at;
        while (start > 0 && IsAddressChar(text[start - 1], LocalPart) && at - start < 64)
        {
            start--;
        }

        while (start < at && text[start] == '.')
        {
            start++;
        }

        int domain = at + signLength;
        int end = domain;
        int lastDot = -1;
        while (end < text.Length && IsAddressChar(text[end], Domain) && end - domain < 254)
        {
            if (text[end] == '.')
            {
                lastDot = end;
            }

            end++;
        }

        while (end > domain && text[end - 1] is '.' or '-')
        {
            end--;
        }

        if (lastDot >= end - 1)
        {
            lastDot = text.LastIndexOf('.', end - 1, end - domain);
        }

        if (start == at || lastDot <= domain)
        {
            return;
        }

        int tldLength = end - lastDot - 1;
        if (tldLength is < 2 or > 24 || !AllLetters(text, lastDot + 1, end))
        {
            return;
        }

        // user:pass@host inside a URL is a credential, not an address.
        if (start > 0 && text[start - 1] == ':' && text.LastIndexOf("://", start, Math.Min(start, 64), StringComparison.Ordinal) >= 0)
        {
            return;
        }

        found.Add(new Detection(DetectorIds.Email, start, end - start, 85, Masking.Email(text, start, domain, end)));
    }

    private const byte LocalPart = 1;
    private const byte Domain = 2;

    /// <summary>
    /// Whether <paramref name="c"/> can stand in an address's local part or domain (<paramref name="where"/>): a letter or
    /// digit, '.' or '-', and in the local part '_', '%' or '+' too. ASCII from a table (a customer export has an address
    /// every row, read a character at a time), the rest as <see cref="char.IsLetterOrDigit(char)"/> says.
    /// </summary>
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveInlining)]
    private static bool IsAddressChar(char c, byte where) => c < 128 ? (AsciiAddressChars[c] & where) != 0 : char.IsLetterOrDigit(c);

    /// <summary>Per ASCII character: 1 when it can stand in an address's local part, 2 in its domain.</summary>
    private static ReadOnlySpan<byte> AsciiAddressChars => new byte[]
    {
        0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
        0, 0, 0, 0, 0, 1, 0, 0, 0, 0, 0, 1, 0, 3, 3, 0, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 0, 0, 0, 0, 0, 0,
        0, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 0, 0, 0, 0, 1,
        0, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 0, 0, 0, 0, 0,
    };

    [System.Runtime.CompilerServices.MethodImpl(HotPath.Options)]
    private static bool AllLetters(string text, int from, int to)
    {
        for (int i = from; i < to; i++)
        {
            if (!char.IsLetter(text[i]))
            {
                return false;
            }
        }

        return true;
    }
}
