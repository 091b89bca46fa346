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

    /// <summary>Messages that left this folder (deleted or moved), with the sequence of the change, for delta.</summary>
    public List<(string ImmutableId, string RestId, long Sequence)> Departures { get; } = new();
}
