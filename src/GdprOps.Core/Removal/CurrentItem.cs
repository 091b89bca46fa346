namespace GdprOps.Removal;

/// <summary>
/// What an item is now, read from its source: its version and its real name. Erasure re-checks against this,
/// never against what a report row says (a row is trusted for its identity only).
/// </summary>
/// <param name="Version">The item's current version.</param>
/// <param name="Name">Its real name.</param>
/// <param name="InRecoverableItems">
/// True for mail already soft-deleted (in Recoverable Items\Deletions): deleting it again is refused by Exchange, and
/// the move that put it there changed its change key.
/// </param>
public sealed record CurrentItem(string Version, string Name, bool InRecoverableItems = false);
