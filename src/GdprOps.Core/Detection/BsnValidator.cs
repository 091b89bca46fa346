using System;

namespace GdprOps.Detection;

/// <summary>Dutch citizen service numbers (BSN): the 11-proef.</summary>
public static class BsnValidator
{
    /// <summary>Pads an 8-digit legacy number with a leading zero; other lengths are returned as-is.</summary>
    public static string Pad(string digits) => digits.Length == 8 ? "0" + digits : digits;

    public static bool IsValid(ReadOnlySpan<char> digits)
    {
        if (digits.Length != 9 || !CprValidator.AllDigits(digits))
        {
            return false;
        }

        bool allSame = true;
        for (int i = 1; i < 9; i++)
        {
            allSame &= digits[i] == digits[0];
        }

        return !allSame && ElevenProof(digits);
    }

    /// <summary>
    /// Whether eight digits are a legacy number with its leading zero left out: <see cref="IsValid"/> of the nine with the
    /// zero before them (which are all the same only when the eight are all zeros), worked out in place: discovery asks it
    /// of every eight-digit number.
    /// </summary>
    public static bool IsValidLegacy(ReadOnlySpan<char> digits)
    {
        if (digits.Length != 8 || !CprValidator.AllDigits(digits))
        {
            return false;
        }

        int any = 0;
        foreach (char c in digits)
        {
            any |= c - '0';
        }

        return any != 0 && ElevenProof(digits);
    }

    /// <summary>
    /// The 11-proef: each digit weighs its place counted from the end (9..2 for nine digits), the last -1. A leading zero
    /// weighs nothing, so eight digits are weighed as the nine with their zero.
    /// </summary>
    private static bool ElevenProof(ReadOnlySpan<char> digits)
    {
        int last = digits.Length - 1;
        int sum = -(digits[last] - '0');
        for (int i = 0; i < last; i++)
        {
            sum += (digits.Length - i) * (digits[i] - '0');
        }

        return sum % 11 == 0;
    }
}
