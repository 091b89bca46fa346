using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Security.Cryptography;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using GdprOps.Model;
using GdprOps.Sources;

namespace GdprOps.Export.Package;

// The subject export, continued: other people's data in the items: the check, the redacted copies and the DPO's review page.
public sealed partial class SubjectExporter
{
    /// <summary>
    /// With -RedactThirdParty, beside an item in which other people's data was seen: NAME.redacted.EXT with their
    /// details (or whole lines about them) masked and the subject's kept; listed in the manifest with RedactedFrom.
    /// </summary>
    private ExportedItem? WriteRedactedCopy(string root, ExportedItem item, HashSet<string> taken)
    {
        string extension = Path.GetExtension(item.File);
        if (!_options.RedactThirdParty || _thirdParty is null || item.ThirdPartyData.Length == 0 || !ThirdPartyRedaction.CanRedact(extension))
        {
            return null;
        }

        string original = InPackage(root, item.File);
        if (item.Size > ThirdPartyRedaction.MaxBytes)
        {
            _host.WriteWarning($"No redacted copy of {item.File}: it is larger than {ThirdPartyRedaction.MaxBytes / 1048576} MB; review it by hand.");
            return null;
        }

        (byte[]? Bytes, int Count) redacted;
        try
        {
            redacted = ThirdPartyRedaction.Redact(File.ReadAllBytes(original), extension, _thirdParty);
        }
        catch (Exception ex) when (ex is IOException or InvalidDataException or System.Xml.XmlException or DocumentFormat.OpenXml.Packaging.OpenXmlPackageException or FileFormatException)
        {
            _host.WriteWarning($"No redacted copy of {item.File}: it could not be read ({ex.GetType().Name}).");
            return null;
        }

        if (redacted.Bytes is null || redacted.Count == 0)
        {
            return null;
        }

        string name = item.File.Substring(0, item.File.Length - extension.Length) + ".redacted" + extension;
        string relative = SafeFileName.Unique(name, taken);
        string target = InPackage(root, relative);
        using (var stream = OwnerOnly.Create(target))
        {
            stream.Write(redacted.Bytes, 0, redacted.Bytes.Length);
        }

        using var sha = SHA256.Create();
        return item.RedactedCopy(relative, redacted.Bytes.Length, Hex(sha.ComputeHash(redacted.Bytes)),
            "Redacted: " + redacted.Count.ToString(CultureInfo.InvariantCulture) + " place(s) masked");
    }

    /// <summary>Looks through the written item for other people's data (<see cref="ThirdPartyScanner"/>); a failure to read it is said, not hidden.</summary>
    private async Task CheckThirdPartyAsync(string root, ExportedItem item, CancellationToken cancellationToken)
    {
        if (_thirdParty is null)
        {
            item.ThirdPartyCheck = "NotChecked: no subject profile";
            return;
        }

        try
        {
            var found = await _thirdParty.ScanAsync(InPackage(root, item.File), Path.GetFileName(item.File), cancellationToken).ConfigureAwait(false);
            item.ThirdPartyData = found.Summary;
            item.ThirdPartyCheck = found.NotReadInFull is null ? "Checked" : (found.NotRead ? "NotChecked: " : "Partial: ") + found.NotReadInFull;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or GdprOpsException or InvalidDataException)
        {
            item.ThirdPartyCheck = "NotChecked: " + (ex is GdprOpsException ? ex.Message : ex.GetType().Name);
        }
    }

    /// <summary>
    /// The DPO's page beside the package: every item that holds other people's data or could not be checked, with
    /// the categories and counts (never values), to review or redact before sending. Returns its path.
    /// </summary>
    private string WriteReview(string target, List<ExportedItem> items, List<Finding> notSearched)
    {
        string path = target + ReviewSuffix;
        var flagged = items.Where(i => i.ThirdPartyData.Length > 0).ToList();
        var notChecked = items.Where(i => IsOriginal(i) && !i.ThirdPartyCheck.StartsWith("Checked", StringComparison.Ordinal)).ToList();
        // Beside an encrypted package nothing may say what is inside it: items are named by their place in manifest.json.
        bool sealedPackage = _options.EncryptTo is not null;
        string Name(ExportedItem item) => sealedPackage
            ? "manifest.json item " + (items.IndexOf(item) + 1).ToString(CultureInfo.InvariantCulture)
            : item.File;
        var html = new StringBuilder();
        html.Append("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>Review before sending</title>")
            .Append("<style>body{font-family:sans-serif;max-width:60em;margin:2em auto}table{border-collapse:collapse;width:100%}td,th{border:1px solid #999;padding:.3em .5em;text-align:left;vertical-align:top}</style></head><body>\n");
        html.Append("<h1>Review before sending</h1>\n<p>Package <code>").Append(Encode(Path.GetFileName(target))).Append("</code>")
            .Append(_options.CaseId is null ? string.Empty : ", case " + Encode(_options.CaseId)).Append(". ")
            .Append("A copy must not adversely affect the rights of others (GDPR Art. 15(4)). ")
            .Append(flagged.Count == 0 && notChecked.Count == 0
                ? "No other person's personal data was seen in the items.</p>\n"
                : "Review or redact these items before sending the package; the counts are of details that do not appear to be the person's own.</p>\n");
        if (flagged.Count > 0)
        {
            html.Append("<h2>").Append(Items(flagged.Count)).Append(" with other people's data</h2>\n<table><tr><th>File</th><th>From</th><th>Other people's data</th><th>Redacted copy</th></tr>\n");
            foreach (var item in flagged)
            {
                var copy = items.FirstOrDefault(i => i.RedactedFrom == item.File);
                html.Append("<tr><td>").Append(Encode(Name(item))).Append("</td><td>").Append(Encode(sealedPackage ? item.SourceKind : item.SourceKind + " " + item.Source + " " + item.Location))
                    .Append("</td><td>").Append(Encode(DescribeCounts(item.ThirdPartyData))).Append("</td><td>")
                    .Append(copy is null ? "none" : Encode(Name(copy)) + " (" + Encode(copy.ThirdPartyCheck) + ")").Append("</td></tr>\n");
            }

            html.Append("</table>\n");
        }

        if (notChecked.Count > 0)
        {
            html.Append("<h2>").Append(Items(notChecked.Count)).Append(" not checked in full</h2>\n<table><tr><th>File</th><th>Why</th></tr>\n");
            foreach (var item in notChecked)
            {
                html.Append("<tr><td>").Append(Encode(Name(item))).Append("</td><td>").Append(Encode(item.ThirdPartyCheck)).Append("</td></tr>\n");
            }

            html.Append("</table>\n");
        }

        if (notSearched.Count > 0)
        {
            // Not in the package, so not its contents: named in full, even beside an encrypted package.
            html.Append("<h2>").Append(Items(notSearched.Count)).Append(" not searched for the person</h2>\n<p>The sweep could not read these, so whether they hold the person's data is not known: ")
                .Append("the package may be incomplete until they are searched again (fix the cause given, sweep them, export what concerns the person).</p>\n")
                .Append("<table><tr><th>Source</th><th>Item</th><th>Why</th></tr>\n");
            foreach (var finding in notSearched)
            {
                string item = finding.ItemUri.Length > 0 ? finding.ItemUri : finding.ItemId;
                html.Append("<tr><td>").Append(Encode(finding.SourceKind + " " + finding.Source)).Append("</td><td>").Append(Encode(item))
                    .Append("</td><td>").Append(Encode(finding.StatusReason ?? string.Empty)).Append("</td></tr>\n");
            }

            html.Append("</table>\n");
        }

        html.Append("</body></html>\n");
        using (var stream = OwnerOnly.Create(path))
        {
            byte[] bytes = new UTF8Encoding(false).GetBytes(html.ToString());
            stream.Write(bytes, 0, bytes.Length);
        }

        return path;
    }

    /// <summary>"EMAIL:2;ART9_HEALTH:1" as "e-mail addresses: 2, health information: 1".</summary>
    private static string DescribeCounts(string counts) => string.Join(", ", counts.Split(new[] { ';' }, StringSplitOptions.RemoveEmptyEntries)
        .Select(pair => pair.Split(':'))
        .Select(pair => CoverLetter.CategoryName(pair[0], "en") + ": " + pair[1]));
}
