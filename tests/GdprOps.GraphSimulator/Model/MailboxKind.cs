namespace GdprOps.GraphSimulator.Model;

/// <summary>What Graph mail answers for a user.</summary>
public enum MailboxKind
{
    /// <summary>A licensed user mailbox.</summary>
    User,

    /// <summary>A shared mailbox: a disabled account whose mailboxSettings.userPurpose is "shared".</summary>
    Shared,

    /// <summary>No Exchange Online mailbox: 404 MailboxNotEnabledForRESTAPI.</summary>
    None,

    /// <summary>A mailbox outside the app's RBAC for Applications scope: 403 ErrorAccessDenied.</summary>
    Forbidden,
}
