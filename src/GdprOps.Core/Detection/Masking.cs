using System;
using System.Text;
using GdprOps.Model;

namespace GdprOps.Detection;

/// <summary>
/// Masks identifiers so evidence shows where and what kind matched without repeating the value
/// (010190-****, s***@nordlys.dk, NL** **** **** **12). Everything user-facing that mentions a value goes through here.
/// </summary>
public static class Masking
{
    public static string Mask(IdentifierKind kind, string value)
    {
        if (string.IsNullOrEmpty(value))
        {
            return string.Empty;
        }

        return kind switch
        {
            IdentifierKind.Email => Email(value),
            IdentifierKind.Name => Name(value),
            IdentifierKind.Phone => KeepEnds(value, value.StartsWith("+", StringComparison.Ordinal) ? 3 : 0, 2),
            IdentifierKind.DK_CPR => Cpr(value),
            IdentifierKind.NL_BSN => KeepEnds(Compact(value), 0, 2),
            IdentifierKind.UK_NINO => KeepEnds(Compact(value), 2, 0),
            _ => Generic(value),
        };
    }

    /// <summary>s***@nordlys.dk: the first letter of the local part and the domain.</summary>
    public static string Email(string email)
    {
        int at = email.LastIndexOf('@');
        return at <= 0 ? "***" : Email(email, 0, at + 1, email.Length);
    }

    /// <summary>S*** Ø***: the initial of every part of the name, keeping hyphens and a "Last, First" comma.</summary>
    public static string Name(string name)
    {
        var parts = name.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries);
        for (int p = 0; p < parts.Length; p++)
        {
            string part = parts[p];
            var pieces = part.TrimEnd(',', '.').Split('-');
            for (int i = 0; i < pieces.Length; i++)
            {
                pieces[i] = pieces[i].Length == 0 ? pieces[i] : pieces[i].Substring(0, 1) + "***";
            }

            parts[p] = string.Join("-", pieces) + (part.EndsWith(",", StringComparison.Ordinal) ? "," : string.Empty);
        }

        return string.Join(" ", parts);
    }

    /// <summary>010190-****: the date part only, which DETECTORS.md shows as the masked form.</summary>
    public static string Cpr(string value)
    {
        string digits = Compact(value);
        return digits.Length == 10 ? digits.Substring(0, 6) + "-****" : Generic(value);
    }

    /// <summary>NL** **** **** **12: country code and the last two characters, grouped by four.</summary>
    public static string Iban(string value)
    {
        string compact = Compact(value);
        if (compact.Length < 8)
        {
            return Generic(value);
        }

        var sb = new StringBuilder();
        for (int i = 0; i < compact.Length; i++)
        {
            if (i > 0 && i % 4 == 0)
            {
                sb.Append(' ');
            }

            sb.Append(i < 2 || i >= compact.Length - 2 ? compact[i] : '*');
        }

        return sb.ToString();
    }

    public static string Generic(string value)
    {
        string compact = Compact(value);
        if (LooksLikeIban(compact))
        {
            return Iban(compact);
        }

        return compact.Length <= 6 ? new string('*', compact.Length) : KeepEnds(compact, 2, 2);
    }

    private static string KeepEnds(string value, int head, int tail) => KeepEnds(value.AsSpan(), head, tail);

    /// <summary>The value with all but its first <paramref name="head"/> and last <paramref name="tail"/> characters starred, in one allocation.</summary>
    [System.Runtime.CompilerServices.MethodImpl(HotPath.Options)]
    private static string KeepEnds(ReadOnlySpan<char> value, int head, int tail)
    {
        if (value.Length <= head + tail)
        {
            return new string('*', value.Length);
        }

        Span<char> masked = value.Length <= 256 ? stackalloc char[value.Length] : new char[value.Length];
        value.CopyTo(masked);
        masked.Slice(head, value.Length - head - tail).Fill('*');
        return MaskedStrings.Of(masked);
    }

    /// <summary>
    /// <see cref="Mask"/> of a phone number in E.164 written "+" and <paramref name="digits"/> (country code and number),
    /// without building the number first: discovery masks every phone it finds.
    /// </summary>
    [System.Runtime.CompilerServices.MethodImpl(HotPath.Options)]
    internal static string PhoneE164(ReadOnlySpan<char> digits)
    {
        // KeepEnds("+" + digits, 3, 2) written straight into one buffer: "+45", stars, the last two digits.
        int length = digits.Length + 1;
        if (length <= 5)
        {
            return new string('*', length);
        }

        Span<char> masked = length <= 64 ? stackalloc char[length] : new char[length];
        masked[0] = '+';
        masked[1] = digits[0];
        masked[2] = digits[1];
        masked.Slice(3, length - 5).Fill('*');
        masked[length - 2] = digits[digits.Length - 2];
        masked[length - 1] = digits[digits.Length - 1];
        return MaskedStrings.Of(masked);
    }

    /// <summary>
    /// The mask of the address text[<paramref name="start"/>..<paramref name="end"/>) whose domain starts at
    /// <paramref name="domain"/> (its '@' may be written "%40"): its first letter, "***@" and the domain, in one allocation.
    /// </summary>
    [System.Runtime.CompilerServices.MethodImpl(HotPath.Options)]
    internal static string Email(string text, int start, int domain, int end)
    {
        int length = 5 + end - domain;
        Span<char> masked = length <= 256 ? stackalloc char[length] : new char[length];
        masked[0] = text[start];
        masked[1] = masked[2] = masked[3] = '*';
        masked[4] = '@';
        text.AsSpan(domain, end - domain).CopyTo(masked.Slice(5));
        return MaskedStrings.Of(masked);
    }

    private static bool LooksLikeIban(string compact) =>
        compact.Length is >= 15 and <= 34
        && char.IsLetter(compact[0]) && char.IsLetter(compact[1])
        && char.IsDigit(compact[2]) && char.IsDigit(compact[3]);

    internal static string Compact(string value)
    {
        var sb = new StringBuilder(value.Length);
        foreach (char c in value)
        {
            if (char.IsLetterOrDigit(c) || c == '+')
            {
                sb.Append(char.ToUpperInvariant(c));
            }
        }

        return sb.ToString();
    }
}
