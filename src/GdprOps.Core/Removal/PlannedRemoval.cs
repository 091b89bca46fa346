using GdprOps.Model;

namespace GdprOps.Removal;

/// <summary>
/// One input row of an erasure run, decided: either the mode it is removed with, or the outcome that leaves it
/// alone (the reviewer said keep, nobody decided, the match is too weak) and why.
/// </summary>
public sealed class PlannedRemoval
{
    private PlannedRemoval(Finding finding, RemovalMode mode, string? skipOutcome, string? skipReason)
    {
        Finding = finding;
        Mode = mode;
        SkipOutcome = skipOutcome;
        SkipReason = skipReason;
    }

    public Finding Finding { get; }

    /// <summary>How the item is erased (for a skipped row: the mode it would have had).</summary>
    public RemovalMode Mode { get; }

    /// <summary>One of the Skipped outcomes of <see cref="RemovalOutcome"/>, or null when the item is acted on.</summary>
    public string? SkipOutcome { get; }

    public string? SkipReason { get; }

    public bool IsActedOn => SkipOutcome is null;

    public static PlannedRemoval Act(Finding finding, RemovalMode mode) => new(finding, mode, null, null);

    public static PlannedRemoval Skip(Finding finding, RemovalMode mode, string outcome, string reason) => new(finding, mode, outcome, reason);

    public RemovalResult SkippedResult() => RemovalResult.For(Finding, Mode, SkipOutcome ?? RemovalOutcome.Failed, SkipReason ?? string.Empty);
}
