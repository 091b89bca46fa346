using System;

namespace GdprOps.Export.Package;

/// <summary>The one object Export-SubjectData writes when it is done.</summary>
public sealed class SubjectExportSummary
{
    public string Path { get; init; } = string.Empty;

    public string? CaseId { get; init; }

    public int Items { get; init; }

    public long Bytes { get; init; }

    public int Failed { get; init; }

    /// <summary>Items a resumed export found already done.</summary>
    public int Resumed { get; init; }

    /// <summary>Findings not exported because nothing showed they concern the person (NotScanned without a match).</summary>
    public int NotVerified { get; init; }

    public DateTime ReceivedOn { get; init; }

    public DateTime DueOn { get; init; }

    public string ManifestPath { get; init; } = string.Empty;

    public string? ZipPath { get; init; }

    /// <summary>How many archives the package was split into (1 unless -SplitSize).</summary>
    public int Parts { get; init; } = 1;

    /// <summary>The encrypted package (.zip.p7m) when -EncryptTo was given; the plain zip is then removed.</summary>
    public string? EncryptedPath { get; init; }

    public long AuditSequence { get; init; }

    /// <summary>
    /// SHA-256 of manifest.json as the exporter wrote it, also in the audit log: Test-SubjectExport -ManifestSha256
    /// catches a package whose items were changed and whose manifest was recomputed to match.
    /// </summary>
    public string ManifestSha256 { get; init; } = string.Empty;

    /// <summary>Redacted copies written beside items with other people's data (-RedactThirdParty); not counted in <see cref="Items"/>.</summary>
    public int RedactedCopies { get; init; }

    /// <summary>Items in which other people's personal data was seen: review or redact them before sending (see <see cref="ReviewPath"/>).</summary>
    public int ThirdPartyItems { get; init; }

    /// <summary>Items that could not be checked in full for other people's data (no subject profile, an unreadable format, a budget).</summary>
    public int NotChecked { get; init; }

    /// <summary>The DPO's review page, beside the package (not inside it).</summary>
    public string ReviewPath { get; init; } = string.Empty;

    /// <summary>
    /// The warning for the DPO when items hold other people's personal data or could not be checked (GDPR Art. 15(4)):
    /// review or redact them before the package leaves. Null when there is nothing to say. Names no values.
    /// </summary>
    public string? ReviewWarning() => ThirdPartyItems > 0 || NotChecked > 0
        ? $"{ThirdPartyItems} item(s) hold other people's personal data and {NotChecked} could not be checked in full: review or redact them before sending the package (see {ReviewPath})."
        : null;
}
