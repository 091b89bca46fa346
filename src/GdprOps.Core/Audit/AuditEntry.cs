using System;
using System.Collections.Generic;

namespace GdprOps.Audit;

/// <summary>What one export, removal or retention run appends to the audit log. No personal data: the subject is a salted hash.</summary>
public sealed class AuditEntry
{
    /// <summary>Export, Removal, RetentionEnforcement, ...</summary>
    public string Action { get; init; } = string.Empty;

    /// <summary>The command as run, for example Export-SubjectData.</summary>
    public string Command { get; init; } = string.Empty;

    public string? CaseId { get; init; }

    /// <summary>The signed-in identity (app id or user) that did the work, when there is one.</summary>
    public string? SignedInAs { get; init; }

    /// <summary>The subject's identifiers (normalised values); only their salted hash is written.</summary>
    public IReadOnlyList<string> SubjectIdentifiers { get; init; } = Array.Empty<string>();

    /// <summary>Where the action looked or acted (sources, target path): locations, never content.</summary>
    public string Scope { get; init; } = string.Empty;

    /// <summary>Counts such as items, bytes, failed.</summary>
    public IReadOnlyDictionary<string, long> Counts { get; init; } = new Dictionary<string, long>();

    /// <summary>Succeeded, CompletedWithErrors, Failed, Stopped.</summary>
    public string Outcome { get; init; } = string.Empty;
}
