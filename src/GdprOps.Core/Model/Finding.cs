using System;

namespace GdprOps.Model;

/// <summary>
/// One item (mail, file, blob) that holds personal data, or that could not be read. This is the output
/// contract every cmdlet keeps: every public property is a scalar so findings export to clean CSV columns,
/// and the identity properties bind by name to the next cmdlet in a pipeline.
/// </summary>
public sealed class Finding
{
    public SourceKind SourceKind { get; set; }

    /// <summary>Mailbox UPN, site/drive, share root or account/container.</summary>
    public string Source { get; set; } = string.Empty;

    /// <summary>Folder path, directory or prefix inside the source.</summary>
    public string Location { get; set; } = string.Empty;

    /// <summary>Stable id of the item; for files, the path relative to the share root.</summary>
    public string ItemId { get; set; } = string.Empty;

    public string ItemName { get; set; } = string.Empty;

    /// <summary>Full path or URL of the item.</summary>
    public string ItemUri { get; set; } = string.Empty;

    /// <summary>ETag, change key, or size and modification time: what removal checks before it touches the item.</summary>
    public string? Version { get; set; }

    public string? Owner { get; set; }

    public DateTimeOffset? Created { get; set; }

    public DateTimeOffset? Modified { get; set; }

    public long? SizeBytes { get; set; }

    public string? CaseId { get; set; }

    /// <summary>Kinds of the subject's identifiers that matched, ';'-joined (Email;Name;DK_CPR).</summary>
    public string SubjectMatches { get; set; } = string.Empty;

    /// <summary>Detector ids of the personal data the item holds, ';'-joined.</summary>
    public string Categories { get; set; } = string.Empty;

    public Confidence? Confidence { get; set; }

    public int MatchCount { get; set; }

    /// <summary>
    /// Matches per category, in <see cref="Categories"/> order: "EMAIL:3;PHONE:1;ART9_HEALTH:2" (identifiers counted
    /// per occurrence, a special category per distinct term). Empty on rows from reports written before it existed.
    /// </summary>
    public string CategoryMatches { get; set; } = string.Empty;

    /// <summary>Where and what matched, with every value masked.</summary>
    public string Evidence { get; set; } = string.Empty;

    /// <summary>Parts of the item that matched, ';'-joined: Subject, Body, Header, Attachment:NAME, FileName, Metadata, Tags.</summary>
    public string Where { get; set; } = string.Empty;

    public ScanStatus Status { get; set; }

    public string? StatusReason { get; set; }

    /// <summary>The reviewer's decision (approve, keep, ...), kept through the CSV review round trip.</summary>
    public string? Decision { get; set; }
}
