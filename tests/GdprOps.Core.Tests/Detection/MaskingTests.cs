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
}
