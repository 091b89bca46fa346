using System;
using GdprOps.Model;

namespace GdprOps.Removal;

/// <summary>One result per item Remove-SubjectData was given: identity, outcome and detail. Scalar properties only.</summary>
public sealed class RemovalResult
{
    public SourceKind SourceKind { get; set; }

    public string Source { get; set; } = string.Empty;

    public string Location { get; set; } = string.Empty;

    public string ItemId { get; set; } = string.Empty;

    public string ItemName { get; set; } = string.Empty;

    public string ItemUri { get; set; } = string.Empty;

    public string? Version { get; set; }

    public string? CaseId { get; set; }

    public string Mode { get; set; } = string.Empty;

    /// <summary>One of <see cref="RemovalOutcome"/>.</summary>
    public string Outcome { get; set; } = string.Empty;

    public string Detail { get; set; } = string.Empty;

    /// <summary>Until when the service keeps a recoverable copy (Recoverable Items, recycle bin), when known.</summary>
    public DateTimeOffset? RecoverableUntil { get; set; }

    public DateTimeOffset Time { get; set; } = DateTimeOffset.UtcNow;

    public static RemovalResult For(Finding finding, RemovalMode mode, string outcome, string detail, DateTimeOffset? recoverableUntil = null) => new()
    {
        SourceKind = finding.SourceKind,
        Source = finding.Source,
        Location = finding.Location,
        ItemId = finding.ItemId,
        ItemName = finding.ItemName,
        ItemUri = finding.ItemUri,
        Version = finding.Version,
        CaseId = finding.CaseId,
        Mode = mode.ToString(),
        Outcome = outcome,
        Detail = detail,
        RecoverableUntil = recoverableUntil,
    };
}
