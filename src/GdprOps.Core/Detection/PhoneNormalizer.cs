using System;
using System.Collections.Generic;
using PhoneNumbers;

namespace GdprOps.Detection;

/// <summary>Parses phone numbers to E.164 with libphonenumber, trying the default regions for national formats.</summary>
public static class PhoneNormalizer
{
    /// <summary>The regions national numbers are read in when nothing says otherwise (DETECTORS.md).</summary>
    public static readonly IReadOnlyList<string> DefaultRegions = new[] { "DK", "NL", "GB" };

    private static readonly Lazy<PhoneNumberUtil> Util = new(PhoneNumberUtil.GetInstance);

    /// <summary>A parsed number: its E.164 form, region and national significant number.</summary>
    public readonly record struct ParsedPhone(string E164, string Region, string NationalNumber);

    /// <summary>
    /// Every valid reading of <paramref name="text"/>: one for international formats (+CC or 00CC),
    /// one per default region where a national format is valid there.
    /// </summary>
    public static IReadOnlyList<ParsedPhone> Parse(string text, IEnumerable<string>? regions = null)
    {
        var results = new List<ParsedPhone>();
        string trimmed = text.Trim();
        if (trimmed.StartsWith("00", StringComparison.Ordinal))
        {
            trimmed = "+" + trimmed.Substring(2);
        }

        if (trimmed.StartsWith("+", StringComparison.Ordinal))
        {
            if (TryParse(trimmed, "ZZ", out var parsed))
            {
                results.Add(parsed);
            }

            return results;
        }

        foreach (string region in regions ?? DefaultRegions)
        {
            if (TryParse(trimmed, region, out var parsed) && !results.Exists(r => r.E164 == parsed.E164))
            {
                results.Add(parsed);
            }
        }

        return results;
    }

    /// <summary>
    /// A reading that libphonenumber calls possible (right length for its country) but not valid, such as a number in
    /// a reserved or newly opened range its metadata does not know yet; null when there is none.
    /// </summary>
    public static ParsedPhone? ParsePossible(string text, IEnumerable<string>? regions = null)
    {
        string trimmed = text.Trim();
        if (trimmed.StartsWith("00", StringComparison.Ordinal))
        {
            trimmed = "+" + trimmed.Substring(2);
        }

        var util = Util.Value;
        foreach (string region in trimmed.StartsWith("+", StringComparison.Ordinal) ? new[] { "ZZ" } : regions ?? DefaultRegions)
        {
            try
            {
                var number = util.Parse(trimmed, region);
                if (util.IsPossibleNumber(number))
                {
                    return new ParsedPhone(util.Format(number, PhoneNumberFormat.E164), util.GetRegionCodeForCountryCode(number.CountryCode) ?? region, util.GetNationalSignificantNumber(number));
                }
            }
            catch (NumberParseException)
            {
                // Not a number in this region: try the next.
            }
        }

        return null;
    }

    /// <summary>
    /// How a number in E.164 is written in text, for a search index that cannot fold spacing: international and national
    /// as libphonenumber formats them ("+45 20 12 34 56", "20 12 34 56"; "+31 6 12345678", "06 12345678"), the national
    /// significant number and the national form as bare digits ("20123456", "0612345678"). Empty when it does not parse.
    /// </summary>
    public static IReadOnlyList<string> WrittenForms(string e164)
    {
        var util = Util.Value;
        PhoneNumber number;
        try
        {
            number = util.Parse(e164, "ZZ");
        }
        catch (NumberParseException)
        {
            return Array.Empty<string>();
        }

        string national = util.Format(number, PhoneNumberFormat.NATIONAL);
        var forms = new List<string>
        {
            util.Format(number, PhoneNumberFormat.INTERNATIONAL),
            national,
            util.GetNationalSignificantNumber(number),
            PhoneNumberUtil.NormalizeDigitsOnly(national),
        };
        return forms.FindAll(f => f.Length > 0);
    }

    /// <summary>Parses <paramref name="text"/> with <paramref name="region"/> as the default region; false unless valid.</summary>
    public static bool TryParse(string text, string region, out ParsedPhone parsed)
    {
        parsed = default;
        var util = Util.Value;
        if (!TryParseValid(text, region, out var number))
        {
            return false;
        }

        parsed = new ParsedPhone(
            util.Format(number, PhoneNumberFormat.E164),
            util.GetRegionCodeForNumber(number) ?? region,
            util.GetNationalSignificantNumber(number));
        return true;
    }

    /// <summary>Only the E.164 form, for discovery: skips the region and national-number lookups <see cref="TryParse"/> makes.</summary>
    public static bool TryFormatE164(string text, string region, out string e164)
    {
        e164 = string.Empty;
        if (!TryParseValid(text, region, out var number))
        {
            return false;
        }

        e164 = Util.Value.Format(number, PhoneNumberFormat.E164);
        return true;
    }

    private static bool TryParseValid(string text, string region, out PhoneNumber number)
    {
        number = null!;
        try
        {
            number = Util.Value.Parse(text, region);
            return Util.Value.IsValidNumber(number);
        }
        catch (NumberParseException)
        {
            return false;
        }
    }
}
