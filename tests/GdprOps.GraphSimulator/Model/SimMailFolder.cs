using System.Collections.Generic;

namespace GdprOps.GraphSimulator.Model;

/// <summary>A mail folder; <see cref="WellKnownName"/> is how clients address the standard folders.</summary>
public sealed class SimMailFolder
{
    public required string Id { get; init; }

    public required string DisplayName { get; set; }

    public string? WellKnownName { get; init; }

    /// <summary>Null only for msgfolderroot.</summary>
    public string? ParentId { get; init; }

    public bool IsHidden { get; init; }

    public List<string> ChildIds { get; } = new();

    /// <summary>
    /// Items in the folder that are not messages (a contact or calendar item deleted into Deleted Items): counted in
    /// <c>totalItemCount</c> (mailfolder.md: "the number of items in the mail folder") but never listed by
    /// <c>/messages</c>, which returns messages only.
    /// </summary>
    public int OtherItems { get; set; }

    /// <summary>Messages that left this folder (deleted or moved), with the sequence of the change, for delta.</summary>
    public List<(string ImmutableId, string RestId, long Sequence)> Departures { get; } = new();
}
