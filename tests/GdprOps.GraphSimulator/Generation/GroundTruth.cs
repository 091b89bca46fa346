using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text.Json;

namespace GdprOps.GraphSimulator.Generation;

/// <summary>Where the generator planted what: the answers a sweep must reproduce.</summary>
public sealed class GroundTruth
{
    private static readonly JsonSerializerOptions Json = new() { WriteIndented = true, PropertyNamingPolicy = JsonNamingPolicy.CamelCase };

    public int Seed { get; init; }

    public DateTimeOffset Now { get; init; }

    /// <summary>Now minus six months: what the retention rule measures against.</summary>
    public DateTimeOffset RetentionCutoff { get; init; }

    public List<PlantedItem> Items { get; } = new();

    /// <summary>Items built to look like a subject to a search index but that are not about them.</summary>
    public List<PlantedItem> Decoys { get; } = new();

    public List<RetentionFact> Retention { get; } = new();

    public IEnumerable<PlantedItem> For(string subjectKey) => Items.Where(i => i.Subject == subjectKey);

    public void WriteTo(string path) => File.WriteAllText(path, JsonSerializer.Serialize(this, Json));
}

/// <summary>One planted item. <see cref="ItemId"/> is the immutable message id or the drive item id.</summary>
public sealed record PlantedItem
{
    public required string Subject { get; init; }

    /// <summary>mail or file.</summary>
    public required string Source { get; init; }

    /// <summary>The mailbox UPN, or the drive id.</summary>
    public required string Container { get; init; }

    /// <summary>Well-known folder name or drive path.</summary>
    public required string Folder { get; init; }

    public required string ItemId { get; init; }

    public string? InternetMessageId { get; init; }

    /// <summary>header, body, attachment or content.</summary>
    public required string Location { get; init; }

    /// <summary>text, html, docx, pdf, xlsx, csv, eml.</summary>
    public required string Format { get; init; }

    /// <summary>Identifier kinds present: Email, Name, Phone, DK_CPR, NL_BSN, UK_NINO.</summary>
    public required IReadOnlyList<string> Identifiers { get; init; }
}

/// <summary>Per mailbox and standard folder: how many items break the six-month rule on the generator's "now".</summary>
/// <param name="ItemCount">The folder's totalItemCount: messages and the items that are not (<see cref="Model.SimMailFolder.OtherItems"/>).</param>
/// <param name="MessageCount">The messages in the folder.</param>
public sealed record RetentionFact(string Mailbox, string Folder, int ItemCount, int MessageCount, int OlderThanCutoff, long OlderBytes);
