using System;
using GdprOps.Detection;
using GdprOps.Model;
using Xunit;

namespace GdprOps.Tests.Detection;

public class MaskingTests
{
    [Theory]
    [InlineData(IdentifierKind.Email, "soeren@nordlys.dk", "s***@nordlys.dk")]
    [InlineData(IdentifierKind.DK_CPR, "0101901234", "010190-****")]
    [InlineData(IdentifierKind.Name, "Søren Aabye Østergaard", "S*** A*** Ø***")]
    [InlineData(IdentifierKind.Name, "Østergaard, Søren", "Ø***, S***")]
    [InlineData(IdentifierKind.Phone, "+4520123456", "+45******56")]
    [InlineData(IdentifierKind.NL_BSN, "111222333", "*******33")]
    [InlineData(IdentifierKind.UK_NINO, "AB123456C", "AB*******")]
    [InlineData(IdentifierKind.OtherId, "CUST10023", "CU*****23")]
    [InlineData(IdentifierKind.OtherId, "NL91ABNA0417164300", "NL** **** **** **** 00")]
    [InlineData(IdentifierKind.OtherId, "12345", "*****")]
    public void Masks_keep_only_what_the_catalogue_shows(IdentifierKind kind, string value, string expected)
    {
        Assert.Equal(expected, Masking.Mask(kind, value));
    }

    [Theory]
    [InlineData("4520123456", "+45******56")]
    [InlineData("442079460000", "+44********00")]
    [InlineData("3161", "*****")] // too short to keep ends: all starred, as Mask does
    [InlineData("31616", "+31*16")] // one star: the shortest form that keeps both ends
    [InlineData("31612345678", "+31*******78")]
    public void Discovery_masks_a_phone_from_its_digits_as_Mask_does_from_the_number(string digits, string expected)
    {
        Assert.Equal(expected, Masking.PhoneE164(digits.AsSpan()));
        Assert.Equal(Masking.Mask(IdentifierKind.Phone, "+" + digits), Masking.PhoneE164(digits.AsSpan()));
    }

    [Theory]
    [InlineData("mail s.oe@nordlys.dk now", "s.oe@nordlys.dk")]
    [InlineData("x@y.example", "x@y.example")]
    public void Discovery_masks_an_address_inside_a_text_as_Mask_does_the_address(string text, string address)
    {
        int start = text.IndexOf(address, StringComparison.Ordinal);
        int end = start + address.Length;
        Assert.Equal(Masking.Email(address), Masking.Email(text, start, text.IndexOf('@', start) + 1, end));
    }

    [Fact]
    public void A_url_encoded_address_masks_as_the_address()
    {
        const string text = "email=s.oe%40nordlys.dk&x=1";
        Assert.Equal(Masking.Email("s.oe@nordlys.dk"), Masking.Email(text, 6, text.IndexOf("%40", StringComparison.Ordinal) + 3, text.IndexOf('&')));
    }
}
