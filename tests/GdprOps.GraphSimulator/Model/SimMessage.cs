using System;
using System.Collections.Concurrent;
using System.Collections.Generic;

namespace GdprOps.GraphSimulator.Model;

/// <summary>A message in a mailbox. Mutable state changes only under the mailbox lock.</summary>
public sealed class SimMessage
{
    private byte[]? mime;

    /// <summary>Survives moves; returned with Prefer: IdType="ImmutableId".</summary>
    public required string ImmutableId { get; init; }

    /// <summary>The default (EWS-style) id; a move gives the message a new one and the old one answers 404.</summary>
    public required string RestId { get; set; }

    public required string FolderId { get; set; }

    public string Subject { get; init; } = string.Empty;

    public string BodyText { get; init; } = string.Empty;

    public string? BodyHtml { get; init; }

    public required SimAddress From { get; init; }

    public IReadOnlyList<SimAddress> To { get; init; } = Array.Empty<SimAddress>();

    public IReadOnlyList<SimAddress> Cc { get; init; } = Array.Empty<SimAddress>();

    public IReadOnlyList<SimAddress> Bcc { get; init; } = Array.Empty<SimAddress>();

    public DateTimeOffset ReceivedDateTime { get; init; }

    public DateTimeOffset SentDateTime { get; init; }

    public DateTimeOffset CreatedDateTime { get; init; }

    public DateTimeOffset LastModifiedDateTime { get; set; }

    public required string InternetMessageId { get; init; }

    public required string ConversationId { get; init; }

    public required string ChangeKey { get; set; }

    public bool IsRead { get; set; }

    public bool IsDraft { get; init; }

    public IReadOnlyList<SimAttachment> Attachments { get; init; } = Array.Empty<SimAttachment>();

    /// <summary>The mailbox change sequence of the last change, for delta.</summary>
    public long Sequence { get; set; }

    /// <summary>Search-index text per KQL property, folded once (the index is built once per item, not per query).</summary>
    internal ConcurrentDictionary<string, string> IndexedFields { get; } = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>The message as RFC 5322 MIME, built once (contents never change).</summary>
    public byte[] Mime => mime ??= MimeBuilder.Build(this);

    /// <summary>Approximate size in bytes (PR_MESSAGE_SIZE): the MIME size.</summary>
    public long Size => Mime.LongLength;
}
