using System;
using System.Collections.Generic;
using System.Globalization;
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
/// <para>
/// The ranges are decided by a number's first digits (Danish ones by the first two or three), so the verdict is read
/// from a table of the first <see cref="PrefixDigits"/> digits, each start filled when first met by asking the patterns
/// with endings that put every digit in every later position; a start whose endings disagree is marked undecided and its
/// numbers are asked of the patterns one by one.
/// </para>
/// </summary>
internal sealed class NationalNumberRanges
{
    private const int PrefixDigits = 3;
    private const byte Unknown = 0;
    private const byte Invalid = 1;
    private const byte Valid = 2;
    private const byte Ask = 3;

    private static readonly Lazy<NationalNumberRanges> DenmarkRanges = new(() => new NationalNumberRanges("DK"));

    private readonly (HashSet<int> Lengths, Regex Pattern) _general;
    private readonly List<(HashSet<int> Lengths, Regex Pattern)> _types;

    // Per possible length, the verdict by the number's first PrefixDigits digits (0 until first asked), and the endings tried.
    private readonly Dictionary<int, byte[]> _byPrefix = new();
    private readonly Dictionary<int, string[]> _endings = new();

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
        foreach (int length in _general.Lengths.Where(l => l > PrefixDigits))
        {
            _byPrefix[length] = new byte[(int)Math.Pow(10, PrefixDigits)];
            _endings[length] = Endings(length - PrefixDigits);
        }
    }

    /// <summary>Denmark (+45): 8-digit national numbers.</summary>
    public static NationalNumberRanges Denmark => DenmarkRanges.Value;

    public int CountryCode { get; }

    /// <summary>Whether libphonenumber calls the national significant number <paramref name="digits"/> (ASCII digits) valid in this region.</summary>
    public bool IsValid(string digits) => IsValid(digits.AsSpan());

    /// <inheritdoc cref="IsValid(string)"/>
    [System.Runtime.CompilerServices.MethodImpl(HotPath.Options)]
    public bool IsValid(ReadOnlySpan<char> digits)
    {
        if (_byPrefix.TryGetValue(digits.Length, out var table))
        {
            int prefix = 0;
            for (int i = 0; i < PrefixDigits; i++)
            {
                prefix = (prefix * 10) + (digits[i] - '0');
            }

            byte verdict = table[prefix];
            if (verdict == Unknown)
            {
                // Filled on first use: a sweep meets a few dozen starts, and asking the patterns for all of them up front
                // cost more than the sweep's first chunk. Two threads may both fill one start: they write the same value.
                table[prefix] = verdict = Verdict(digits.Length, prefix);
            }

            if (verdict != Ask)
            {
                return verdict == Valid;
            }
        }

        return AskPatterns(digits.ToString());
    }

    /// <summary>
    /// Whether libphonenumber calls a national significant number of <paramref name="length"/> digits possible in this
    /// region (<see cref="PhoneNumberUtil.IsPossibleNumber(PhoneNumber)"/>: the general description's lengths).
    /// </summary>
    public bool IsPossibleLength(int length) => _general.Lengths.Contains(length);

    private bool AskPatterns(string digits) => Matches(_general, digits) && _types.Exists(t => Matches(t, digits));

    /// <summary>Endings that put every digit in every position (and ten drawn at random), to tell whether a start decides.</summary>
    private static string[] Endings(int rest)
    {
        var endings = Enumerable.Range(0, 10).Select(d => new string((char)('0' + d), rest)).ToList();
        var random = new Random(45);
        for (int i = 0; i < 10; i++)
        {
            endings.Add(new string(Enumerable.Range(0, rest).Select(_ => (char)('0' + random.Next(10))).ToArray()));
        }

        return endings.ToArray();
    }

    /// <summary>The verdict for <paramref name="length"/>-digit numbers starting with <paramref name="prefix"/>: the same for every ending tried, or Ask.</summary>
    private byte Verdict(int length, int prefix)
    {
        string head = prefix.ToString(new string('0', PrefixDigits), CultureInfo.InvariantCulture);
        var verdicts = _endings[length].Select(e => AskPatterns(head + e)).Distinct().ToList();
        return verdicts.Count > 1 ? Ask : verdicts[0] ? Valid : Invalid;
    }

    private static bool Matches((HashSet<int> Lengths, Regex Pattern) desc, string digits) =>
        (desc.Lengths.Count == 0 || desc.Lengths.Contains(digits.Length)) && desc.Pattern.IsMatch(digits);

    /// <summary>
    /// No match timeout: the patterns are libphonenumber's metadata, not anyone's input, and the text is at most 17 ASCII
    /// digits. A timeout is wall-clock time, so on a busy machine it would fire on a thread that merely lost the CPU, and
    /// the same text would be a phone number or an error depending on the load.
    /// </summary>
    private static (HashSet<int>, Regex)? Compile(PhoneNumberDesc? desc) =>
        desc is null || string.IsNullOrEmpty(desc.NationalNumberPattern)
            ? null
            : (new HashSet<int>(desc.PossibleLengthList.Where(l => l > 0)),
                new Regex("^(?:" + desc.NationalNumberPattern + ")$", RegexOptions.CultureInvariant, Regex.InfiniteMatchTimeout));
}
