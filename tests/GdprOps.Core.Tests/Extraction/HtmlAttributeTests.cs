using System;
using System.Text;
using System.Threading.Tasks;
using Xunit;

namespace GdprOps.Tests.Extraction;

/// <summary>
/// What a page holds in attributes rather than as text: a saved form's values (a hidden input with the customer's CPR), a
/// signature image's alt text, a tooltip, the page's author, a JSON-LD block describing a person; and what it holds in
/// comments (a paragraph commented out, the document properties Word and Outlook write in one). None of it was read.
/// </summary>
public class HtmlAttributeTests
{
    [Fact]
    public async Task Form_values_alt_texts_tooltips_meta_and_json_ld_are_read_and_code_is_not()
    {
        string html = """
            <html><head><title>Sag 4471</title><meta name="author" content="Pia Krogh"><meta name="viewport" content="width=device-width">
            <script>var secret = "jens@code.example";</script>
            <script type="application/ld+json">{"@type":"Person","name":"Ole Berg","email":"ole.berg@fjord.example"}</script></head>
            <body><form><input type="hidden" name="cpr" value="150390-1230"><input type="checkbox" value="on">
            <input type="submit" value="Send"></form>
            <img src="sig.png" alt="Jens Holm, sagsbehandler"><span title="anna@fjord.example">Anna</span>
            <select><option value="DK">Danmark</option><option>Norge</option></select>
            <table><tr><th>Navn</th><th>Telefon</th></tr><tr><td>Karen</td><td><input value="+45 20 12 34 56"></td></tr></table>
            </body></html>
            """;

        var (_, parts) = await FormatTests.Extract(Encoding.UTF8.GetBytes(html), "sag.html");

        string body = parts["Body"];
        Assert.Contains("Pia Krogh\n", body, StringComparison.Ordinal);
        Assert.Contains("ole.berg@fjord.example", body, StringComparison.Ordinal);
        Assert.Contains("150390-1230\n", body, StringComparison.Ordinal);
        Assert.Contains("Jens Holm, sagsbehandler\n", body, StringComparison.Ordinal);
        Assert.Contains("anna@fjord.example\n", body, StringComparison.Ordinal);
        Assert.Contains("Karen\t+45 20 12 34 56", body, StringComparison.Ordinal);
        Assert.DoesNotContain("jens@code.example", body, StringComparison.Ordinal); // code stays unread
        Assert.DoesNotContain("device-width", body, StringComparison.Ordinal);
        Assert.DoesNotContain("\non\n", body, StringComparison.Ordinal);
    }

    [Fact(Timeout = 60_000)]
    public async Task Comments_are_read_as_markup_and_declarations_and_conditions_are_not()
    {
        string html = """
            <!DOCTYPE html>
            <html><head><!--[if gte mso 9]><xml><o:DocumentProperties><o:Author>Jens Holm</o:Author>
            <o:LastAuthor>pia.krogh@fjord.example</o:LastAuthor></o:DocumentProperties></xml><![endif]--></head>
            <body><p>Kære kunde</p>
            <!-- <p>Kunde: Ole Berg, CPR 150390-1230, <a href="mailto:ole.berg@fjord.example">skriv</a></p> -->
            <table><tr><th>Navn</th><th>Telefon</th></tr><tr><td>Karen<!-- +45 20 12 34 56 --></td><td>-</td></tr></table>
            <!--[if !mso]><!--><p>Vist</p><!--<![endif]-->
            </body></html>
            """;

        var (_, parts) = await FormatTests.Extract(Encoding.UTF8.GetBytes(html), "brev.html");

        string body = parts["Body"];
        Assert.Contains("Jens Holm\n", body, StringComparison.Ordinal);
        Assert.Contains("pia.krogh@fjord.example\n", body, StringComparison.Ordinal);
        Assert.Contains("Kunde: Ole Berg, CPR 150390-1230,", body, StringComparison.Ordinal);
        Assert.Contains("mailto:ole.berg@fjord.example\n", body, StringComparison.Ordinal);
        Assert.Contains("Karen +45 20 12 34 56\t-", body, StringComparison.Ordinal); // in its cell, under its column's label
        Assert.Contains("Vist\n", body, StringComparison.Ordinal);
        Assert.DoesNotContain("DOCTYPE", body, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("[if", body, StringComparison.Ordinal);
        Assert.DoesNotContain("endif", body, StringComparison.Ordinal);

        // Comment openers nested fifty thousand deep: the comment's markup is read once, its own comment not opened again.
        string nested = "<p>Før</p><!--" + string.Concat(System.Linq.Enumerable.Repeat("<!-- x ", 50_000)) + "-->" + "<p>Efter</p>";
        var (_, hostile) = await FormatTests.Extract(Encoding.UTF8.GetBytes(nested), "dyb.html");
        Assert.Contains("Før\n", hostile["Body"], StringComparison.Ordinal);
        Assert.Contains("Efter\n", hostile["Body"], StringComparison.Ordinal);
    }
}
