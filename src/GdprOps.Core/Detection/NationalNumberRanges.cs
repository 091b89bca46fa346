using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.RegularExpressions;
using PhoneNumbers;

namespace GdprOps.Detection;

/// <summary>
/// libphonenumber's own validity rule for national significant numbers of one region, with its metadata's patterns
/// compiled once (libphonenumber interprets them on every call, which made phone validation a third of a discovery
/// sweep's CPU). Valid means what <see cref="PhoneNumberUtil.IsValidNumber"/> means: the general description's lengths
/// and pattern match, and so does one number type's. Only used where the national significant number is the text's
/// digits as they are (Denmark: no trunk prefix, one region per country code); the equivalence with libphonenumber is
/// checked number by number in the detector tests, so a metadata update cannot make them differ unseen.
/// </summary>
internal sealed class NationalNumberRanges
{
    private static readonly Lazy<NationalNumberRanges> DenmarkRanges = new(() => new NationalNumberRanges("DK"));

    private readonly (HashSet<int> Lengths, Regex Pattern) _general;
    private readonly List<(HashSet<int> Lengths, Regex Pattern)> _types;

    private NationalNumberRanges(string region)
    {
        var metadata = PhoneNumberUtil.GetInstance().GetMetadataForRegion(region)
            ?? throw new InvalidOperationException("libphonenumber has no metadata for " + region);
        CountryCode = metadata.CountryCode;
        _general = Compile(metadata.GeneralDesc)!.Value;
        // Validity is "some type matches", so the order is free: the common types first.
        _types = new[]
        {
            metadata.Mobile, metadata.FixedLine, metadata.TollFree, metadata.PremiumRate, metadata.SharedCost, metadata.Voip,
            metadata.PersonalNumber, metadata.Pager, metadata.Uan, metadata.Voicemail,
        }.Select(Compile).Where(d => d is not null).Select(d => d!.Value).ToList();
    }

    /// <summary>Denmark (+45): 8-digit national numbers.</summary>
    public static NationalNumberRanges Denmark => DenmarkRanges.Value;

    public int CountryCode { get; }

    /// <summary>Whether libphonenumber calls the national significant number <paramref name="digits"/> (ASCII digits) valid in this region.</summary>
    public bool IsValid(string digits) => Matches(_general, digits) && _types.Exists(t => Matches(t, digits));

    private static bool Matches((HashSet<int> Lengths, Regex Pattern) desc, string digits) =>
        (desc.Lengths.Count == 0 || desc.Lengths.Contains(digits.Length)) && desc.Pattern.IsMatch(digits);

    private static (HashSet<int>, Regex)? Compile(PhoneNumberDesc? desc) =>
        desc is null || string.IsNullOrEmpty(desc.NationalNumberPattern)
            ? null
            : (new HashSet<int>(desc.PossibleLengthList.Where(l => l > 0)),
                new Regex("^(?:" + desc.NationalNumberPattern + ")$", RegexOptions.Compiled | RegexOptions.CultureInvariant, TimeSpan.FromSeconds(1)));
}
