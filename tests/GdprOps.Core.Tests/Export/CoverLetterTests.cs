using System;
using System.IO;
using GdprOps.Export.Package;
using GdprOps.Model;
using GdprOps.Tests.Shared;
using Xunit;

namespace GdprOps.Tests.Export;

public sealed class CoverLetterTests
{
    private static readonly ControllerProfile Nordlys = ControllerProfile.Load(Path.Combine(TestPaths.Samples, "controller.json"));

    private static CoverLetter.Content Content(int items, int failed = 0, ControllerProfile? controller = null) => new()
    {
        CaseId = "DSAR-2026-0042",
        ReceivedOn = new DateTime(2026, 1, 31),
        DueOn = new DateTime(2026, 2, 28),
        SearchedKinds = new[] { SourceKind.FileShare, SourceKind.Mailbox },
        Exported = items == 0 ? Array.Empty<(SourceKind, int)>() : new[] { (SourceKind.FileShare, items) },
        Categories = new[] { ("ART9_HEALTH", 1), ("EMAIL", items) },
        Failed = failed,
        Controller = controller,
    };

    [Theory]
    [InlineData("en", 1, "<p>1 item, in the folder <code>items</code>:</p>", "31 January 2026", "28 February 2026", "health information: 1 item")]
    [InlineData("en", 6, "<p>6 items, in the folder <code>items</code>:</p>", "(reference DSAR-2026-0042)", "Your rights", "e-mail addresses: 6 items")]
    [InlineData("da", 1, "<p>1 dokument i mappen <code>items</code>:</p>", "31. januar 2026", "28. februar 2026", "helbredsoplysninger: 1 dokument")]
    [InlineData("da", 6, "<p>6 dokumenter i mappen <code>items</code>:</p>", "(sagsnummer DSAR-2026-0042)", "Dine rettigheder", "e-mailadresser: 6 dokumenter")]
    [InlineData("nl", 1, "<p>1 document in de map <code>items</code>:</p>", "31 januari 2026", "28 februari 2026", "gezondheidsgegevens: 1 document")]
    [InlineData("nl", 6, "<p>6 documenten in de map <code>items</code>:</p>", "(kenmerk DSAR-2026-0042)", "Uw rechten", "e-mailadressen: 6 documenten")]
    public void The_letter_speaks_the_persons_language_and_counts_as_people_read(string language, int items, params string[] expected)
    {
        string html = CoverLetter.Render(Content(items), language);
        Assert.Contains($"<html lang=\"{language}\">", html, StringComparison.Ordinal);
        foreach (string text in expected)
        {
            Assert.Contains(System.Net.WebUtility.HtmlEncode(text).Replace("&lt;", "<").Replace("&gt;", ">").Replace("&quot;", "\""), html, StringComparison.Ordinal);
        }
    }

    [Theory]
    [InlineData("en", "1 item could not be copied; the reason is", "2 items could not be copied; the reasons are")]
    [InlineData("da", "1 dokument kunne ikke kopieres; årsagen står", "2 dokumenter kunne ikke kopieres; årsagerne står")]
    [InlineData("nl", "1 document kon niet worden gekopieerd", "2 documenten konden niet worden gekopieerd")]
    public void What_could_not_be_copied_agrees_in_number(string language, string one, string two)
    {
        Assert.Contains(System.Net.WebUtility.HtmlEncode(one), CoverLetter.Render(Content(3, failed: 1), language), StringComparison.Ordinal);
        Assert.Contains(System.Net.WebUtility.HtmlEncode(two), CoverLetter.Render(Content(3, failed: 2), language), StringComparison.Ordinal);
    }

    [Fact]
    public void With_a_controller_profile_the_letter_carries_the_article_15_information_in_the_letters_language()
    {
        string da = CoverLetter.Render(Content(2, controller: Nordlys), "da");
        foreach (string text in new[]
        {
            "Nordlys ApS", "Databeskyttelsesrådgiver: dpo@nordlys.example", "Personaleadministration og lønudbetaling", "Retsgrundlag",
            "Skattestyrelsen", "Personalesager: 5 år efter fratrædelse", "Fra dig og fra din arbejdsgivers lønsystem.",
            "Du kan klage til tilsynsmyndigheden: Datatilsynet, Carl Jacobsens Vej 35, 2500 Valby", "https://www.datatilsynet.dk",
        })
        {
            Assert.Contains(System.Net.WebUtility.HtmlEncode(text), da, StringComparison.Ordinal);
        }

        string nl = CoverLetter.Render(Content(2, controller: Nordlys), "nl");
        Assert.Contains(System.Net.WebUtility.HtmlEncode("Personeelsdossiers: 5 jaar na einde dienstverband"), nl, StringComparison.Ordinal);
        Assert.DoesNotContain("Personalesager", nl, StringComparison.Ordinal);

        string withoutProfile = CoverLetter.Render(Content(2), "en");
        Assert.Contains("You may complain to the data protection supervisory authority of your country.", withoutProfile, StringComparison.Ordinal);
        Assert.DoesNotContain("Why we process your data", withoutProfile, StringComparison.Ordinal);
    }

    [Fact]
    public void A_controllers_text_is_escaped_not_run()
    {
        using var dir = new TempFolder();
        string path = dir.File("controller.json", "{ \"controller\": \"Evil <script>alert(1)</script> Ltd\" }");
        string html = CoverLetter.Render(Content(1, controller: ControllerProfile.Load(path)), "en");
        Assert.DoesNotContain("<script>", html, StringComparison.Ordinal);
        Assert.Contains("&lt;script&gt;", html, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("{ \"controler\": \"typo Ltd\" }", "'controler' is not a controller profile property")]
    [InlineData("{ \"dpoContact\": \"dpo@x.example\" }", "'controller' (who is responsible for the data) is required")]
    [InlineData("{ \"controller\": \"X\", \"retention\": { \"HR\": \"5y\" } }", "'retention' must be a list")]
    [InlineData("{ \"controller\": \"X\", \"retention\": [ { \"category\": \"HR\" } ] }", "needs a \"category\" and a \"period\"")]
    [InlineData("{ \"controller\": \"X\", \"supervisoryAuthority\": { \"url\": \"https://x.example\" } }", "needs at least a \"name\"")]
    [InlineData("{ \"controller\": 42 }", "'controller' must be a text or an object of texts per language")]
    [InlineData("{ \"controller\": \"X\", ", "not valid JSON")]
    public void A_profile_that_would_drop_or_garble_a_line_of_the_letter_is_refused_with_the_reason(string json, string reason)
    {
        using var dir = new TempFolder();
        string path = dir.File("controller.json", json);
        var error = Assert.Throws<GdprOpsException>(() => ControllerProfile.Load(path));
        Assert.Equal(ErrorIds.ControllerProfileInvalid, error.ErrorId);
        Assert.Contains(reason, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void An_unknown_language_is_refused()
    {
        var error = Assert.Throws<GdprOpsException>(() => CoverLetter.Render(Content(1), "de"));
        Assert.Equal(ErrorIds.InvalidArgument, error.ErrorId);
    }
}
