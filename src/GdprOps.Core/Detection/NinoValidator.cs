using System;

namespace GdprOps.Detection;

/// <summary>UK National Insurance numbers: AB123456C with the prefix rules HMRC publishes.</summary>
public static class NinoValidator
{
    private const string BadFirst = "DFIQUV";
    private const string BadSecond = "DFIOQUV";
    private static readonly string[] NeverIssued = { "BG", "GB", "KN", "NK", "NT", "TN", "ZZ" };
    private static readonly string[] Administrative = { "OO", "CR", "FY", "MW", "NC" };

    /// <summary>Expects the compact upper-case form without spaces.</summary>
    public static bool IsValid(ReadOnlySpan<char> nino)
    {
        if (nino.Length != 9
            || !IsUpper(nino[0]) || !IsUpper(nino[1])
            || !CprValidator.AllDigits(nino.Slice(2, 6))
            || nino[8] is < 'A' or > 'D')
        {
            return false;
        }

        if (BadFirst.IndexOf(nino[0]) >= 0 || BadSecond.IndexOf(nino[1]) >= 0)
        {
            return false;
        }

        string prefix = nino.Slice(0, 2).ToString();
        return Array.IndexOf(NeverIssued, prefix) < 0 && Array.IndexOf(Administrative, prefix) < 0;
    }

    private static bool IsUpper(char c) => c is >= 'A' and <= 'Z';
}
