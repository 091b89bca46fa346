using System;
using System.Collections.Generic;
using System.Globalization;
using System.Text;
using System.Threading.Tasks;
using Xunit;

namespace GdprOps.Tests.Extraction;

/// <summary>
/// What a PDF keeps beside its pages: what was typed into a form (in its fields, not on the page, unless flattened), a
/// reviewer's comment, a link's mailto: target, who wrote the document, and files attached to it. Only the page text was
/// read: a filled-in application form gave nothing.
/// </summary>
public class PdfPartsTests
{
    /// <summary>A PDF of <paramref name="objects"/> (numbered from 1, the first the catalog) with a correct cross-reference table.</summary>
    internal static byte[] Pdf(IReadOnlyList<string> objects, string? info = null)
    {
        var pdf = new StringBuilder("%PDF-1.7\n");
        var offsets = new List<int>();
        var all = new List<string>(objects);
        if (info is not null)
        {
            all.Add(info);
        }

        for (int i = 0; i < all.Count; i++)
        {
            offsets.Add(Encoding.Latin1.GetByteCount(pdf.ToString()));
            pdf.Append(CultureInfo.InvariantCulture, $"{i + 1} 0 obj\n{all[i]}\nendobj\n");
        }

        int xref = Encoding.Latin1.GetByteCount(pdf.ToString());
        pdf.Append(CultureInfo.InvariantCulture, $"xref\n0 {all.Count + 1}\n0000000000 65535 f \n");
        foreach (int offset in offsets)
        {
            pdf.Append(offset.ToString("D10", CultureInfo.InvariantCulture)).Append(" 00000 n \n");
        }

        pdf.Append(CultureInfo.InvariantCulture, $"trailer\n<< /Size {all.Count + 1} /Root 1 0 R{(info is null ? string.Empty : $" /Info {all.Count} 0 R")} >>\nstartxref\n{xref}\n%%EOF\n");
        return Encoding.Latin1.GetBytes(pdf.ToString());
    }

    internal static string Stream(string content) => $"<< /Length {Encoding.Latin1.GetByteCount(content)} >>\nstream\n{content}\nendstream";

    /// <summary>An application form: "Ansøgning" on the page, the applicant's CPR in a field, a comment, a mail link, an attachment.</summary>
    internal static byte[] Application(string cpr, string comment, string mail, string attached) => Pdf(new[]
    {
        "<< /Type /Catalog /Pages 2 0 R /AcroForm << /Fields [5 0 R 11 0 R] >> /Names << /EmbeddedFiles << /Names [(bilag.txt) 7 0 R] >> >> >>",
        "<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R /Resources << /Font << /F1 6 0 R >> >> /Annots [5 0 R 9 0 R 10 0 R 11 0 R] >>",
        Stream("BT /F1 12 Tf 72 720 Td (Ansoegning om boligstoette) Tj ET"),
        $"<< /Type /Annot /Subtype /Widget /FT /Tx /T (cpr) /TU (CPR-nummer) /V ({cpr}) /Rect [72 600 300 620] /P 3 0 R >>",
        "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
        "<< /Type /Filespec /F (bilag.txt) /EF << /F 8 0 R >> >>",
        Stream(attached).Replace("<< /Length", "<< /Type /EmbeddedFile /Length", StringComparison.Ordinal),
        $"<< /Type /Annot /Subtype /Text /Rect [72 500 92 520] /Contents ({comment}) >>",
        $"<< /Type /Annot /Subtype /Link /Rect [72 400 300 420] /A << /S /URI /URI ({mail}) >> >>",
        "<< /Type /Annot /Subtype /Widget /FT /Tx /T (tom) /Rect [72 300 300 320] /P 3 0 R >>",
    }, info: "<< /Author (Pia Krogh) /Title (Ansoegning) >>");

    [Fact]
    public async Task Form_fields_comments_links_metadata_and_attached_files_are_read()
    {
        byte[] pdf = Application("150390-1230", "Ring til Jens Holm", "mailto:anna@fjord.example", "Lejer: ole.berg@fjord.example");

        var (result, parts) = await FormatTests.Extract(pdf, "ansoegning.pdf");

        Assert.Equal(GdprOps.Model.ScanStatus.Scanned, result.Status);
        string body = parts["Body"];
        Assert.Contains("Ansoegning om boligstoette", body, StringComparison.Ordinal);
        Assert.Contains("CPR-nummer: 150390-1230\n", body, StringComparison.Ordinal);
        Assert.Contains("Ring til Jens Holm\n", body, StringComparison.Ordinal);
        Assert.Contains("mailto:anna@fjord.example\n", body, StringComparison.Ordinal);
        Assert.DoesNotContain("tom:", body, StringComparison.Ordinal); // an empty field writes nothing
        Assert.Contains("Pia Krogh\n", parts["Metadata"], StringComparison.Ordinal);
        Assert.Contains("Lejer: ole.berg@fjord.example", parts["Embedded:bilag.txt"], StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_attachment_over_the_budget_is_said_so()
    {
        byte[] pdf = Application("150390-1230", "note", "https://fjord.example", new string('x', 5000));

        var (result, _) = await FormatTests.Extract(pdf, "ansoegning.pdf", new GdprOps.Extraction.ExtractionBudget { MaxInflatedBytes = 1000 });

        Assert.NotEqual(GdprOps.Model.ScanStatus.Scanned, result.Status);
        Assert.Contains("inflated", result.Reason, StringComparison.Ordinal);
    }
}
