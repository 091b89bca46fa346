using System;

namespace GdprOps.GraphSimulator.Model;

/// <summary>The three attachment kinds Graph knows.</summary>
public enum AttachmentKind
{
    File,
    Item,
    Reference,
}

/// <summary>An attachment. For an item attachment <see cref="Content"/> holds the attached message's MIME.</summary>
public sealed class SimAttachment
{
    public required string Id { get; init; }

    public required string Name { get; init; }

    public string ContentType { get; init; } = "application/octet-stream";

    public AttachmentKind Kind { get; init; } = AttachmentKind.File;

    public byte[] Content { get; init; } = Array.Empty<byte>();

    /// <summary>For a reference attachment: where the file lives.</summary>
    public string? SourceUrl { get; init; }

    public bool IsInline { get; init; }

    public DateTimeOffset LastModifiedDateTime { get; init; }
}
