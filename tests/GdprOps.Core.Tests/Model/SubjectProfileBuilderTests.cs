using System;
using System.IO;
using System.Linq;
using System.Text;
using GdprOps.Model;
using Xunit;
using GdprOps.Subjects;

namespace GdprOps.Tests.Model;

public class SubjectProfileBuilderTests
{
    private static readonly DateTime Today = new(2026, 11, 23);

    private static SubjectProfile Ids(params string[] ids) => new SubjectProfileBuilder(Today).AddNationalIds(ids).Build();

    [Theory]
    [InlineData("010190-1234", IdentifierKind.DK_CPR, "0101901234")]
    [InlineData("0101901234", IdentifierKind.DK_CPR, "0101901234")]
    [InlineData("111222333", IdentifierKind.NL_BSN, "111222333")]
    [InlineData("1112.22.333", IdentifierKind.NL_BSN, "111222333")]
    [InlineData("AB 12 34 56 C", IdentifierKind.UK_NINO, "AB123456C")]
    [InlineData("ab123456c", IdentifierKind.UK_NINO, "AB123456C")]
    [InlineData("DK_CPR:010190 1234", IdentifierKind.DK_CPR, "0101901234")]
    [InlineData("nl_bsn:111222333", IdentifierKind.NL_BSN, "111222333")]
    public void National_ids_are_typed_and_normalised(string input, IdentifierKind kind, string value)
    {
        var id = Assert.Single(Ids(input).GetIdentifiers());
        Assert.Equal(kind, id.Kind);
        Assert.Equal(value, id.Value);
    }

    [Theory]
    [InlineData("A")]
    [InlineData(" j. ")]
    [InlineData("Ø")]
    public void A_name_of_fewer_than_two_letters_is_refused(string name)
    {
        var error = Assert.Throws<GdprOpsException>(() => new SubjectProfileBuilder(Today).AddNames(new[] { name }).Build());
        Assert.Equal(ErrorIds.InvalidSubjectProfile, error.ErrorId);
        Assert.Contains("two letters", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_one_word_name_is_accepted_with_a_warning_and_a_full_name_without_one()
    {
        var single = new SubjectProfileBuilder(Today).AddNames(new[] { "Berg" }).Build();
        Assert.Contains(single.GetWarnings(), w => w.Contains("single word", StringComparison.Ordinal));
        Assert.DoesNotContain(single.GetWarnings(), w => w.Contains("Berg", StringComparison.Ordinal));
        Assert.Empty(new SubjectProfileBuilder(Today).AddNames(new[] { "Anna van den Berg" }).Build().GetWarnings());
    }

    [Fact]
    public void A_possible_but_not_valid_phone_is_kept_with_a_warning_not_refused()
    {
        // Danish numbers have 8 digits; none starts with 0, so libphonenumber calls this possible but not valid.
        var profile = new SubjectProfileBuilder(Today).AddPhones(new[] { "+45 01 23 45 67" }).AddNames(new[] { "Jens Holm" }).Build();
        Assert.Equal("+4501234567", profile.GetIdentifiers().Single(i => i.Kind == IdentifierKind.Phone).Value);
        var warning = Assert.Single(profile.GetWarnings());
        Assert.Contains("Phone #1", warning, StringComparison.Ordinal);
        Assert.DoesNotContain("01 23", warning, StringComparison.Ordinal);
        Assert.Single(new GdprOps.Detection.SubjectMatcher(profile).Match("Ring til +45 01 23 45 67 i dag."));
        Assert.Throws<GdprOpsException>(() => new SubjectProfileBuilder(Today).AddPhones(new[] { "+45 12" }).Build());
    }

    [Fact]
    public void Legacy_eight_digit_bsn_is_padded_with_a_zero()
    {
        // 012345672 passes the 11-proef; it is often written without its leading zero.
        var id = Assert.Single(Ids("NL_BSN:12345672").GetIdentifiers());
        Assert.Equal("012345672", id.Value);
    }

    [Theory]
    [InlineData("3201901234")] // day 32
    [InlineData("123456789")] // 9 digits failing the 11-proef
    [InlineData("12345")]
    [InlineData("DQ123456C")] // NINO with a forbidden second letter
    [InlineData("GB123456A")] // never-issued NINO prefix
    public void Bare_ids_of_no_known_type_are_refused_without_echoing_the_value(string input)
    {
        var ex = Assert.Throws<GdprOpsException>(() => Ids(input));
        Assert.Equal(ErrorIds.AmbiguousNationalId, ex.ErrorId);
        Assert.DoesNotContain(input, ex.Message, StringComparison.Ordinal);
        Assert.Contains("#1", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_future_birth_date_is_not_a_cpr()
    {
        // 7th digit 4 and YY 30 means 2030: in the future on the test's date.
        var ex = Assert.Throws<GdprOpsException>(() => Ids("DK_CPR:0101304123"));
        Assert.Equal(ErrorIds.InvalidSubjectProfile, ex.ErrorId);
    }

    [Fact]
    public void A_declared_cpr_that_fails_modulus_11_is_accepted()
    {
        // Numbers issued since 2007 may fail modulus 11 and are valid.
        Assert.False(GdprOps.Detection.CprValidator.PassesModulus11("0101701235".AsSpan()));
        Assert.Equal(IdentifierKind.DK_CPR, Assert.Single(Ids("DK_CPR:0101701235").GetIdentifiers()).Kind);
    }

    [Fact]
    public void Unknown_type_prefix_is_refused()
    {
        var ex = Assert.Throws<GdprOpsException>(() => Ids("US_SSN:123-45-6789"));
        Assert.Equal(ErrorIds.InvalidSubjectProfile, ex.ErrorId);
        Assert.DoesNotContain("6789", ex.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("not-an-email")]
    [InlineData("a@b")]
    [InlineData("two@at@example.com")]
    [InlineData("space in@example.com")]
    public void Invalid_emails_are_refused_by_position(string email)
    {
        var ex = Assert.Throws<GdprOpsException>(() => new SubjectProfileBuilder().AddEmails(new[] { "ok@example.com", email }).Build());
        Assert.Contains("#2", ex.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(email, ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Emails_are_lower_cased_and_mailto_removed()
    {
        var id = Assert.Single(new SubjectProfileBuilder().AddEmails(new[] { "mailto:Soeren.Oestergaard@Nordlys.Example" }).Build().GetIdentifiers());
        Assert.Equal("soeren.oestergaard@nordlys.example", id.Value);
    }

    [Theory]
    [InlineData("+45 20 12 34 56", "+4520123456")]
    [InlineData("0045 2012 3456", "+4520123456")]
    [InlineData("+31 6 12345678", "+31612345678")]
    [InlineData("+44 7911 123456", "+447911123456")]
    public void International_phones_become_e164(string input, string e164)
    {
        Assert.Equal(e164, Assert.Single(new SubjectProfileBuilder().AddPhones(new[] { input }).Build().GetIdentifiers()).Value);
    }

    [Fact]
    public void A_national_phone_keeps_every_region_it_is_valid_in()
    {
        var id = Assert.Single(new SubjectProfileBuilder().AddPhones(new[] { "06 12345678" }).Build().GetIdentifiers());
        Assert.Contains("+31612345678", new[] { id.Value }.Concat(id.Alternatives));
    }

    [Fact]
    public void An_invalid_phone_is_refused()
    {
        var ex = Assert.Throws<GdprOpsException>(() => new SubjectProfileBuilder().AddPhones(new[] { "12" }).Build());
        Assert.Equal(ErrorIds.InvalidSubjectProfile, ex.ErrorId);
    }

    [Fact]
    public void Last_comma_first_is_stored_as_first_last()
    {
        var profile = new SubjectProfileBuilder().AddNames(new[] { "Østergaard,  Søren" }).Build();
        Assert.Equal("Søren Østergaard", profile.GetIdentifiers()[0].Value);
    }

    [Fact]
    public void An_empty_profile_is_refused()
    {
        var ex = Assert.Throws<GdprOpsException>(() => new SubjectProfileBuilder().AddEmails(new[] { " " }).Build());
        Assert.Equal(ErrorIds.InvalidSubjectProfile, ex.ErrorId);
    }

    [Fact]
    public void Scalar_properties_join_values_and_masked_hides_them()
    {
        var profile = new SubjectProfileBuilder { CaseId = "C-1" }
            .AddEmails(new[] { "a.person@example.com", "b@example.com" })
            .AddNationalIds(new[] { "010190-1234" })
            .Build();
        Assert.Equal("a.person@example.com;b@example.com", profile.Emails);
        Assert.Equal("DK_CPR:0101901234", profile.NationalIds);
        Assert.Equal(3, profile.IdentifierCount);
        Assert.DoesNotContain("a.person", profile.Masked, StringComparison.Ordinal);
        Assert.DoesNotContain("1234", profile.Masked, StringComparison.Ordinal);
        Assert.Contains("2 Email", profile.Describe(), StringComparison.Ordinal);
        Assert.DoesNotContain("example", profile.Describe(), StringComparison.Ordinal);
    }

    [Fact]
    public void Profile_file_loads_lists_and_single_strings()
    {
        string json = """
            { "caseId": "DSAR-1", "names": "Anna Berg", "emails": ["anna@fjord.example"], "phones": [], "allowInitials": true }
            """;
        var profile = SubjectProfileFile.Load(new MemoryStream(Encoding.UTF8.GetBytes(json)), "test.json");
        Assert.Equal("DSAR-1", profile.CaseId);
        Assert.True(profile.AllowInitials);
        Assert.Equal(2, profile.IdentifierCount);
    }

    [Theory]
    [InlineData("{ \"emails\": \"a@b.example\", \"emial\": \"x\" }", "emial")]
    [InlineData("{ \"emails\": 5 }", "emails")]
    [InlineData("[1,2]", "top level")]
    [InlineData("{ \"emails\": [\"a@b.example\" ", "JSON")]
    public void Profile_file_errors_name_the_problem(string json, string expected)
    {
        var ex = Assert.Throws<GdprOpsException>(() => SubjectProfileFile.Load(new MemoryStream(Encoding.UTF8.GetBytes(json)), "p.json"));
        Assert.Equal(ErrorIds.SubjectProfileFileInvalid, ex.ErrorId);
        Assert.Contains(expected, ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Sample_profile_loads()
    {
        var profile = SubjectProfileFile.Load(TestPaths.SampleSubject);
        Assert.Equal("DSAR-2026-0042", profile.CaseId);
        Assert.Equal(5, profile.IdentifierCount);
    }
}
