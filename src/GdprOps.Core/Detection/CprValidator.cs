using System;

namespace GdprOps.Detection;

/// <summary>Danish CPR numbers (DDMMYY-SSSS), by the rules of DETECTORS.md.</summary>
public static class CprValidator
{
    private static readonly int[] Weights = { 4, 3, 2, 7, 6, 5, 4, 3, 2, 1 };

    /// <summary>The birth date a 10-digit CPR encodes, or null when it is not a real, past date.</summary>
    public static DateTime? BirthDate(ReadOnlySpan<char> digits, DateTime today)
    {
        if (digits.Length != 10 || !AllDigits(digits))
        {
            return null;
        }

        int day = Two(digits, 0);
        int month = Two(digits, 2);
        int yy = Two(digits, 4);
        int seventh = digits[6] - '0';
        int century = seventh switch
        {
            <= 3 => 1900,
            4 or 9 => yy >= 37 ? 1900 : 2000,
            _ => yy >= 58 ? 1800 : 2000,
        };
        int year = century + yy;
        if (month is < 1 or > 12 || day < 1 || day > DateTime.DaysInMonth(year, month))
        {
            return null;
        }

        var date = new DateTime(year, month, day, 0, 0, 0, DateTimeKind.Utc);
        return date > today ? null : date;
    }

    /// <summary>Modulus 11 is a signal, not a gate: numbers issued since October 2007 may fail it.</summary>
    public static bool PassesModulus11(ReadOnlySpan<char> digits)
    {
        if (digits.Length != 10 || !AllDigits(digits))
        {
            return false;
        }

        int sum = 0;
        for (int i = 0; i < 10; i++)
        {
            sum += (digits[i] - '0') * Weights[i];
        }

        return sum % 11 == 0;
    }

    public static bool IsValid(ReadOnlySpan<char> digits, DateTime today) => BirthDate(digits, today) is not null;

    private static int Two(ReadOnlySpan<char> s, int at) => ((s[at] - '0') * 10) + (s[at + 1] - '0');

    internal static bool AllDigits(ReadOnlySpan<char> s)
    {
        foreach (char c in s)
        {
            if (c is < '0' or > '9')
            {
                return false;
            }
        }

        return true;
    }
}
