using System;

namespace GdprOps.Audit;

/// <summary>One audit line read back (Get-GdprAuditLog): scalar properties, so it exports to clean CSV columns.</summary>
public sealed class AuditRecord
{
    public long Sequence { get; init; }

    public DateTimeOffset Time { get; init; }

    public string Action { get; init; } = string.Empty;

    public string Command { get; init; } = string.Empty;

    public string CaseId { get; init; } = string.Empty;

    public string Operator { get; init; } = string.Empty;

    public string OsUser { get; init; } = string.Empty;

    public string Machine { get; init; } = string.Empty;

    /// <summary>;-joined.</summary>
    public string IpAddresses { get; init; } = string.Empty;

    public string SubjectHash { get; init; } = string.Empty;

    public string Scope { get; init; } = string.Empty;

    /// <summary>name=value;... .</summary>
    public string Counts { get; init; } = string.Empty;

    public string Outcome { get; init; } = string.Empty;

    /// <summary>The SHA-256 of the previous line, as written.</summary>
    public string PreviousHash { get; init; } = string.Empty;
}
