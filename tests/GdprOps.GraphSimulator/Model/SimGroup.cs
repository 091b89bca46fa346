namespace GdprOps.GraphSimulator.Model;

/// <summary>A Microsoft 365 group; a Team when <see cref="IsTeam"/>. Its drive is the Teams files library.</summary>
public sealed class SimGroup
{
    public required string Id { get; init; }

    public required string DisplayName { get; init; }

    public required string Mail { get; init; }

    public bool IsTeam { get; init; }

    public SimDrive? Drive { get; set; }
}
