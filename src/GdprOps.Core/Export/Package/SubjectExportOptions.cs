using System;
using System.Collections.Generic;
using System.Linq;
using GdprOps.Audit;
using GdprOps.Model;

namespace GdprOps.Export.Package;

/// <summary>What Export-SubjectData writes, where, and for which request.</summary>
public sealed class SubjectExportOptions
{
    public SubjectExportOptions(string path) => Path = path;

    /// <summary>The package folder (one per request).</summary>
    public string Path { get; }

    public string? CaseId { get; set; }

    /// <summary>The person (for the audit log's salted hash; nothing of it is written in clear).</summary>
    public SubjectProfile? Subject { get; set; }

    /// <summary>When the request arrived; the answer is due one month later (three with <see cref="Extended"/>, GDPR Art. 12(3)).</summary>
    public DateTime ReceivedOn { get; set; } = DateTime.Today;

    public bool Extended { get; set; }

    /// <summary>Continue an interrupted export in the same folder: finished items are not read again.</summary>
    public bool Resume { get; set; }

    /// <summary>Also write the package as one .zip next to the folder (and remove the folder).</summary>
    public bool Zip { get; set; }

    /// <summary>
    /// Split the zipped package into archives of at most this many bytes of items each (part01, part02 ...; the
    /// manifest and README are in part01). Implies <see cref="Zip"/>. Null for one archive.
    /// </summary>
    public long? SplitSize { get; set; }

    /// <summary>
    /// Wrap the zipped package in CMS (PKCS#7 enveloped data, DER) for this certificate, so only the holder of its
    /// private key can open it. Implies <see cref="Zip"/>.
    /// </summary>
    public System.Security.Cryptography.X509Certificates.X509Certificate2? EncryptTo { get; set; }

    /// <summary>Who runs the export (signed-in identity), for the manifest and the audit log.</summary>
    public string? Operator { get; set; }

    /// <summary>Every export is logged here; null only in tests that say so.</summary>
    public AuditLog? AuditLog { get; set; }

    public string Command { get; set; } = "Export-SubjectData";

    /// <summary>Also gather the person's structured records (CSV rows, JSON objects) into my-data.json (Art. 20); needs <see cref="Subject"/>.</summary>
    public bool PortableData { get; set; }

    /// <summary>Beside each item with other people's data, write a redacted copy (NAME.redacted.EXT) for text, CSV, JSON, XML, HTML, Word and Excel files.</summary>
    public bool RedactThirdParty { get; set; }

    /// <summary>The cover letter's language: en, da or nl (<see cref="CoverLetter.Languages"/>).</summary>
    public string Language { get; set; } = "en";

    /// <summary>What the controller tells every person (Art. 15(1) and (2)); without it the letter has the rights and the findings only.</summary>
    public ControllerProfile? Controller { get; set; }

    public DateTime DueOn => ReceivedOn.Date.AddMonths(Extended ? 3 : 1);

    /// <summary>The case id the findings share, when they all name the same one (or only one names any); else null.</summary>
    public static string? SingleCaseId(IEnumerable<Model.Finding> findings)
    {
        var ids = findings.Select(f => f.CaseId).Where(c => !string.IsNullOrEmpty(c)).Distinct(StringComparer.Ordinal).Take(2).ToList();
        return ids.Count == 1 ? ids[0] : null;
    }
}
