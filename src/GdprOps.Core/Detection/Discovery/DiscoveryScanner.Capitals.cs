using System;
using System.Collections.Generic;
using System.Linq;
using System.Net;
using System.Text;

namespace GdprOps.Detection.Discovery;

// The single pass of DiscoveryScanner, continued: Identifiers that start with capitals: IBANs, UK National Insurance numbers and UK postcodes.
public sealed partial class DiscoveryScanner
{
    [System.Runtime.CompilerServices.MethodImpl(HotPath.Options)]
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
        if (_nino && IsUpper(text[start + 1]) && (char.IsDigit(third) || (SpacedLiteral.IsGroupSpace(third) && char.IsDigit(text[start + 3]))))
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
        // Letters in either case: an IBAN typed in lower case, as web forms and bank exports take it, is the same account.
        int length = IbanLengths.Of(UpperAscii(text[start]), UpperAscii(text[start + 1]));
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
            if (IsDigit(c) || IsUpper(c) || IsLowerAscii(c))
            {
                compact[n++] = UpperAscii(c);
                i++;
            }
            else if (SpacedLiteral.IsGroupSpace(c) && n % 4 == 0 && i + 1 < text.Length && char.IsLetterOrDigit(text[i + 1]))
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
        compact[0] = UpperAscii(text[start]);
        compact[1] = UpperAscii(text[start + 1]);
        bool lower = IsLowerAscii(text[start]);
        int n = 2;
        int i = start + 2;
        while (i < text.Length && n < 9)
        {
            char c = text[i];
            if (SpacedLiteral.IsGroupSpace(c) && i + 1 < text.Length && !SpacedLiteral.IsGroupSpace(text[i + 1]))
            {
                i++;
                continue;
            }

            if ((n < 8 && IsDigit(c)) || (n == 8 && UpperAscii(c) is >= 'A' and <= 'D' && IsLowerAscii(c) == lower))
            {
                compact[n++] = UpperAscii(c);
                i++;
                continue;
            }

            break;
        }

        if (n == 9 && (i >= text.Length || !char.IsLetterOrDigit(text[i])) && NinoValidator.IsValid(compact))
        {
            // In lower case only beside a NINO word: a lower-case "ab123456c" is as often a code of something else.
            bool word = Near(text, start, i, ContextWords.Nino);
            if (lower && !word)
            {
                return;
            }

            int score = word ? 85 : 75;
            found.Add(new Detection(DetectorIds.UkNino, start, i - start, score, compact.Slice(0, 2).ToString() + "*******"));
        }
    }

    private void UkPostcode(string text, int start, List<Detection> found)
    {
        // Outward code: A9, A99, A9A, AA9, AA99, AA9A; a space; inward code 9AA. In capitals as the Royal Mail writes it, or
        // in lower case (typed into a form); and without the space, as databases keep it ("SW1A2AA").
        bool lower = IsLowerAscii(text[start]);
        int i = start;
        int letters = 0;
        while (i < text.Length && IsLetterOfCase(text[i], lower) && letters < 2)
        {
            i++;
            letters++;
        }

        if (i >= text.Length || !IsDigit(text[i]))
        {
            return;
        }

        i++;
        bool optionalDigit = false;
        if (i < text.Length && (IsDigit(text[i]) || IsLetterOfCase(text[i], lower)))
        {
            optionalDigit = IsDigit(text[i]);
            i++;
        }

        int outwardEnd;
        bool spaced;
        if (i < text.Length && text[i] == ' ' && InwardCodeAt(text, i + 1, lower))
        {
            (outwardEnd, spaced) = (i, true);
        }
        else if (InwardCodeAt(text, i, lower))
        {
            (outwardEnd, spaced) = (i, false);
        }
        else if (optionalDigit && InwardCodeAt(text, i - 1, lower))
        {
            (outwardEnd, spaced) = (i - 1, false); // "M11AE": M1 and 1AE
        }
        else
        {
            return;
        }

        int end = outwardEnd + (spaced ? 4 : 3);
        // Without the space or in lower case the shape is as often a code of something else: only beside an address word.
        bool context = Near(text, start, end, ContextWords.Address);
        if ((!spaced || lower) && !context)
        {
            return;
        }

        found.Add(new Detection(DetectorIds.PostcodeUk, start, end - start, context ? 75 : 65, text.Substring(start, outwardEnd - start) + " ***"));
    }

    /// <summary>An inward code (a digit and two letters of the given case) at <paramref name="at"/>, ending its word.</summary>
    private static bool InwardCodeAt(string text, int at, bool lower) =>
        at + 3 <= text.Length && IsDigit(text[at]) && IsLetterOfCase(text[at + 1], lower) && IsLetterOfCase(text[at + 2], lower)
        && (at + 3 == text.Length || !char.IsLetterOrDigit(text[at + 3]));

    private static bool IsLetterOfCase(char c, bool lower) => lower ? IsLowerAscii(c) : IsUpper(c);
}
