namespace GdprOps.GraphSimulator.Model;

/// <summary>The two readings of what DELETE /messages/{id} does (see <see cref="SimTenant.MessageDelete"/>).</summary>
public enum MessageDeleteBehavior
{
    /// <summary>A message outside Deleted Items moves there; one already in Deleted Items moves to Recoverable Items\Deletions.</summary>
    ToDeletedItemsFirst,

    /// <summary>Every DELETE moves the message straight to Recoverable Items\Deletions.</summary>
    ToRecoverableItems,
}
