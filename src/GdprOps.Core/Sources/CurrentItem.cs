namespace GdprOps.Sources;

/// <summary>
/// What an item is now, read from its source: its version and its real name. Erasure re-checks against this,
/// never against what a report row says (a row is trusted for its identity only).
/// </summary>
public sealed record CurrentItem(string Version, string Name);
