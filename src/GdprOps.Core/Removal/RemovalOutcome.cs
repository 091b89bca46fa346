namespace GdprOps.Removal;

/// <summary>What happened to one item. Only Removed, SoftDeleted and Redacted mean the data went.</summary>
public static class RemovalOutcome
{
    public const string Removed = "Removed";
    public const string SoftDeleted = "SoftDeleted";
    public const string Redacted = "Redacted";
    public const string AlreadyGone = "AlreadyGone";
    public const string Retained = "Retained";
    public const string SkippedNoLongerMatches = "SkippedNoLongerMatches";
    public const string SkippedChanged = "SkippedChanged";
    public const string Failed = "Failed";
}
