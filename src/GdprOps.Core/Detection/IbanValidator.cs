using System;

namespace GdprOps.Detection;

/// <summary>ISO 13616 IBANs: country code, two check digits, mod 97 = 1.</summary>
public static class IbanValidator
{
    /// <summary>Expects the compact upper-case form without spaces.</summary>
    public static bool IsValid(ReadOnlySpan<char> iban)
    {
        if (iban.Length is < 15 or > 34 || !IsLetter(iban[0]) || !IsLetter(iban[1]) || !char.IsDigit(iban[2]) || !char.IsDigit(iban[3]))
        {
            return false;
        }

        int remainder = 0;
        for (int n = 0; n < iban.Length; n++)
        {
            char c = iban[(n + 4) % iban.Length];
            if (c is >= '0' and <= '9')
            {
                remainder = ((remainder * 10) + (c - '0')) % 97;
            }
            else if (IsLetter(c))
            {
                remainder = ((remainder * 100) + (c - 'A' + 10)) % 97;
            }
            else
            {
                return false;
            }
        }

        return remainder == 1;
    }

    private static bool IsLetter(char c) => c is >= 'A' and <= 'Z';
}
