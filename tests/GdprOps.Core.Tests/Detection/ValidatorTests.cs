using System;
using GdprOps.Detection;
using Xunit;

namespace GdprOps.Tests.Detection;

public class ValidatorTests
{
    private static readonly DateTime Today = new(2026, 11, 23);

    [Theory]
    [InlineData("0101384321", 1938)] // 4 with YY >= 37: 1900s
    [InlineData("0101059321", 2005)] // 9 with YY < 37: 2000s
    [InlineData("0101585321", 1858)] // 5-8 with YY >= 58: 1800s
    [InlineData("0101105321", 2010)] // 5-8 with YY < 58: 2000s
    public void Cpr_century_from_seventh_digit(string cpr, int year)
    {
        Assert.Equal(year, CprValidator.BirthDate(cpr.AsSpan(), Today)!.Value.Year);
    }

    [Theory]
    [InlineData("2902011234")] // 29 Feb 1901 does not exist
    [InlineData("0013901234")]
    [InlineData("0101304321")] // 7th digit 4 and YY 30: 2030, the future
    public void Invalid_cpr_dates_are_refused(string cpr)
    {
        Assert.Null(CprValidator.BirthDate(cpr.AsSpan(), Today));
    }

    [Theory]
    [InlineData("111222333", true)]
    [InlineData("123456782", true)]
    [InlineData("123456789", false)]
    [InlineData("000000000", false)]
    [InlineData("111111111", false)]
    public void Bsn_eleven_proof(string bsn, bool valid) => Assert.Equal(valid, BsnValidator.IsValid(bsn.AsSpan()));

    [Theory]
    [InlineData("AB123456C", true)]
    [InlineData("AB123456E", false)]
    [InlineData("DA123456A", false)]
    [InlineData("AO123456A", false)]
    [InlineData("NK123456A", false)]
    [InlineData("OO123456A", false)]
    public void Nino_prefix_rules(string nino, bool valid) => Assert.Equal(valid, NinoValidator.IsValid(nino.AsSpan()));

    [Theory]
    [InlineData("NL91ABNA0417164300", true)]
    [InlineData("DK5000400440116243", true)]
    [InlineData("GB29NWBK60161331926819", true)]
    [InlineData("GB29NWBK60161331926818", false)]
    public void Iban_mod_97(string iban, bool valid) => Assert.Equal(valid, IbanValidator.IsValid(iban.AsSpan()));

    [Theory]
    [InlineData("Søren Østergaard", "soren ostergard")]
    [InlineData("Soeren Oestergaard", "soren ostergard")]
    [InlineData("Mærsk Müller", "marsk muller")]
    [InlineData("Maersk Mueller", "marsk muller")]
    [InlineData("Straße", "strasse")]
    [InlineData("Zoë Dubé", "zo dube")]
    public void Name_skeletons_fold_transliterations(string name, string expected)
    {
        string folded = string.Join(" ", Array.ConvertAll(name.Split(' '), t => NameFolding.Skeleton(t.AsSpan())));
        Assert.Equal(expected, folded);
    }
}
