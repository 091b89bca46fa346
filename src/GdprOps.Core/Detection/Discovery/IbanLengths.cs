using System.Collections.Generic;

namespace GdprOps.Detection.Discovery;

/// <summary>
/// IBAN length per country (ISO 13616: the SWIFT IBAN registry, with the countries registered since 2020: Belarus, Burundi,
/// Djibouti, Egypt, El Salvador, Falkland Islands, Honduras, Iraq, Libya, Mongolia, Nicaragua, Oman, Russia, Saint Lucia,
/// São Tomé and Príncipe, Seychelles, Somalia, Sudan, Timor-Leste, Vatican City, Yemen).
/// </summary>
internal static class IbanLengths
{
    public static readonly IReadOnlyDictionary<string, int> ByCountry = new Dictionary<string, int>(System.StringComparer.Ordinal)
    {
        ["AD"] = 24, ["AE"] = 23, ["AL"] = 28, ["AT"] = 20, ["AZ"] = 28, ["BA"] = 20, ["BE"] = 16, ["BG"] = 22, ["BH"] = 22, ["BR"] = 29,
        ["CH"] = 21, ["CR"] = 22, ["CY"] = 28, ["CZ"] = 24, ["DE"] = 22, ["DK"] = 18, ["DO"] = 28, ["EE"] = 20, ["ES"] = 24, ["FI"] = 18,
        ["FO"] = 18, ["FR"] = 27, ["GB"] = 22, ["GE"] = 22, ["GI"] = 23, ["GL"] = 18, ["GR"] = 27, ["GT"] = 28, ["HR"] = 21, ["HU"] = 28,
        ["IE"] = 22, ["IL"] = 23, ["IS"] = 26, ["IT"] = 27, ["JO"] = 30, ["KW"] = 30, ["KZ"] = 20, ["LB"] = 28, ["LI"] = 21, ["LT"] = 20,
        ["LU"] = 20, ["LV"] = 21, ["MC"] = 27, ["MD"] = 24, ["ME"] = 22, ["MK"] = 19, ["MR"] = 27, ["MT"] = 31, ["MU"] = 30, ["NL"] = 18,
        ["NO"] = 15, ["PK"] = 24, ["PL"] = 28, ["PS"] = 29, ["PT"] = 25, ["QA"] = 29, ["RO"] = 24, ["RS"] = 22, ["SA"] = 24, ["SE"] = 24,
        ["SI"] = 19, ["SK"] = 24, ["SM"] = 27, ["TN"] = 24, ["TR"] = 26, ["UA"] = 29, ["VG"] = 24, ["XK"] = 20,
        ["BI"] = 27, ["BY"] = 28, ["DJ"] = 27, ["EG"] = 29, ["FK"] = 18, ["HN"] = 28, ["IQ"] = 23, ["LC"] = 32, ["LY"] = 25, ["MN"] = 20,
        ["NI"] = 28, ["OM"] = 23, ["RU"] = 33, ["SC"] = 31, ["SD"] = 18, ["SO"] = 23, ["ST"] = 25, ["SV"] = 28, ["TL"] = 23, ["VA"] = 22,
        ["YE"] = 30,
    };

    private static readonly int[] ByLetters = BuildTable();

    /// <summary>The IBAN length of the country <paramref name="first"/><paramref name="second"/>, or 0: no string, no hashing.</summary>
    public static int Of(char first, char second) =>
        first is >= 'A' and <= 'Z' && second is >= 'A' and <= 'Z' ? ByLetters[((first - 'A') * 26) + (second - 'A')] : 0;

    private static int[] BuildTable()
    {
        var table = new int[26 * 26];
        foreach (var entry in ByCountry)
        {
            table[((entry.Key[0] - 'A') * 26) + (entry.Key[1] - 'A')] = entry.Value;
        }

        return table;
    }
}
