namespace GdprOps.Review;

/// <summary>What a reviewer's Decision cell asks for.</summary>
public enum DecisionKind
{
    /// <summary>The cell is empty: nobody decided.</summary>
    None,

    /// <summary>Act on the row with the mode the command was given (-Mode).</summary>
    Approve,

    /// <summary>Leave the item alone.</summary>
    Keep,

    /// <summary>Act on the row, and delete it (recoverable where the service allows).</summary>
    Delete,

    /// <summary>Act on the row, and remove it permanently.</summary>
    Purge,

    /// <summary>Act on the row by redacting (anonymising) the subject's identifiers in it.</summary>
    Redact,

    /// <summary>A word the tool does not know: never acted on.</summary>
    Unrecognised,
}
