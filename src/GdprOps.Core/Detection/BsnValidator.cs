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

        if (allSame)
        {
            return false;
        }

        int sum = 0;
        for (int i = 0; i < 8; i++)
        {
            sum += (9 - i) * (digits[i] - '0');
        }

        sum -= digits[8] - '0';
        return sum % 11 == 0;
    }
}
