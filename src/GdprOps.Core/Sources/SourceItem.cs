using System;
using System.Collections.Generic;
using GdprOps.Model;

namespace GdprOps.Sources;

/// <summary>An item a source offers for scanning: its identity and metadata, before anything is read.</summary>
public sealed class SourceItem
{
    public SourceKind SourceKind { get; init; }

    public string Source { get; init; } = string.Empty;

    public string Location { get; init; } = string.Empty;

    public string ItemId { get; init; } = string.Empty;

    public string ItemName { get; init; } = string.Empty;

    public string ItemUri { get; init; } = string.Empty;

    public string? Version { get; init; }

    public string? Owner { get; init; }

    public DateTimeOffset? Created { get; init; }

    public DateTimeOffset? Modified { get; init; }

    public long? SizeBytes { get; init; }

    /// <summary>Name/value properties stored with the item (blob metadata and index tags), scanned like content.</summary>
    public IReadOnlyList<KeyValuePair<string, string>> Metadata { get; init; } = Array.Empty<KeyValuePair<string, string>>();

    /// <summary>Why the item must not be opened at all (a FIFO, device or socket), or null: such an item is reported NotScanned with this reason.</summary>
    public string? NotReadableReason { get; init; }

    /// <summary>The file extension or content type hint, lower-case with a leading dot for files (".csv").</summary>
    public string Extension { get; init; } = string.Empty;

    /// <summary>A finding naming this item (identity, version, dates, size): what export and removal need to reach it again.</summary>
    public Finding ToFinding() => new()
    {
        SourceKind = SourceKind,
        Source = Source,
        Location = Location,
        ItemId = ItemId,
        ItemName = ItemName,
        ItemUri = ItemUri,
        Version = Version,
        Owner = Owner,
        Created = Created,
        Modified = Modified,
        SizeBytes = SizeBytes,
    };
}
