using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using GdprOps.Detection;
using Xunit;

namespace GdprOps.Tests.Detection;

/// <summary>Discovery checks Danish numbers with libphonenumber's metadata compiled: it must agree with libphonenumber itself.</summary>
public class NationalNumberRangesTests
{
    [Fact]
    public void Every_Danish_number_tried_is_valid_exactly_when_libphonenumber_says_so_and_gets_the_same_E164()
    {
        var random = new Random(4545);
        var numbers = new List<string>();
        for (int prefix = 0; prefix <= 9999; prefix++)
        {
            // Every 4-digit start, 0000 to 9999 (the ranges differ in the first 2-4 digits), each with the lowest and highest
            // endings and ten drawn at random. (The table the check reads is keyed by three digits: a fourth digit that
            // mattered would show here.)
            string start = prefix.ToString("0000", CultureInfo.InvariantCulture);
            numbers.Add(start + "0000");
            numbers.Add(start + "9999");
            for (int i = 0; i < 10; i++)
            {
                numbers.Add(start + random.Next(0, 10000).ToString("0000", CultureInfo.InvariantCulture));
            }
        }

        int valid = 0;
        var disagreements = new List<string>();
        foreach (string number in numbers)
        {
            bool library = PhoneNormalizer.TryFormatE164(number, "DK", out string e164);
            bool ours = NationalNumberRanges.Denmark.IsValid(number);
            valid += ours ? 1 : 0;
            if (library != ours || (library && e164 != "+45" + number))
            {
                disagreements.Add($"{number}: libphonenumber {library} {e164}, ours {ours}");
            }

            // The same number written internationally (+45 ..., as a CRM export has it), read with no default region.
            bool international = PhoneNormalizer.TryFormatE164("+45" + number, "ZZ", out string e164International);
            if (international != ours || (international && e164International != "+45" + number))
            {
                disagreements.Add($"+45{number}: libphonenumber {international} {e164International}, ours {ours}");
            }

            // Not valid: discovery takes a +45 number for possible (a phone beside phone words, else Low) by its length alone.
            if (!ours)
            {
                string? possible = PhoneNormalizer.ParsePossible("+45" + number)?.E164;
                string? oursPossible = NationalNumberRanges.Denmark.IsPossibleLength(number.Length) ? "+45" + number : null;
                if (possible != oursPossible)
                {
                    disagreements.Add($"+45{number}: libphonenumber possible {possible ?? "no"}, ours {oursPossible ?? "no"}");
                }
            }
        }

        Assert.True(disagreements.Count == 0, string.Join("\n", disagreements.Take(20)));
        Assert.False(NationalNumberRanges.Denmark.IsPossibleLength(7));
        Assert.False(NationalNumberRanges.Denmark.IsPossibleLength(9));
        Assert.InRange(valid, numbers.Count / 4, numbers.Count - 1); // both answers occur: the comparison proves something
        Assert.Equal(45, NationalNumberRanges.Denmark.CountryCode);
    }
}
