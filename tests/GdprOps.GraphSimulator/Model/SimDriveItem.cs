using System;
using System.Collections.Generic;

namespace GdprOps.GraphSimulator.Model;

/// <summary>How a retention hold answers a delete.</summary>
public enum HoldResponse
{
    None,

    /// <summary>423 resourceLocked.</summary>
    Locked,

    /// <summary>403 accessDenied mentioning the hold.</summary>
    AccessDenied,
}

/// <summary>A file or folder in a drive. Mutable state changes only under the drive lock.</summary>
public sealed class SimDriveItem
{
    public required string Id { get; init; }

    public required string Name { get; set; }

    /// <summary>Null for the root.</summary>
    public string? ParentId { get; set; }

    public bool IsFolder { get; init; }

    public byte[] Content { get; set; } = Array.Empty<byte>();

    public string MimeType { get; init; } = "application/octet-stream";

    /// <summary>What the search index holds for this item (name, metadata, extracted text), as SharePoint would index it.</summary>
    public string IndexedText { get; set; } = string.Empty;

    public DateTimeOffset CreatedDateTime { get; init; }

    public DateTimeOffset LastModifiedDateTime { get; set; }

    public SimAddress? CreatedBy { get; init; }

    public int Version { get; set; } = 1;

    public string ETag => $"\"{{{Id}}},{Version}\"";

    public string CTag => $"\"c:{{{Id}}},{Version}\"";

    public long Sequence { get; set; }

    public bool InRecycleBin { get; set; }

    public HoldResponse Hold { get; set; }

    public List<string> ChildIds { get; } = new();
}
