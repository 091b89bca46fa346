namespace GdprOps.GraphSimulator.Model;

/// <summary>A directory user, with or without a mailbox and a OneDrive.</summary>
public sealed class SimUser
{
    public required string Id { get; init; }

    public required string UserPrincipalName { get; init; }

    public required string DisplayName { get; init; }

    public string? GivenName { get; init; }

    public string? Surname { get; init; }

    public string? Mail { get; init; }

    /// <summary>Member or Guest.</summary>
    public string UserType { get; init; } = "Member";

    /// <summary>Shared mailboxes have a disabled account.</summary>
    public bool AccountEnabled { get; init; } = true;

    public MailboxKind MailboxKind { get; init; } = MailboxKind.User;

    /// <summary>Present unless <see cref="MailboxKind"/> is <see cref="MailboxKind.None"/>.</summary>
    public SimMailbox? Mailbox { get; init; }

    /// <summary>The user's OneDrive, if provisioned.</summary>
    public SimDrive? Drive { get; set; }

    /// <summary>The mailbox purpose reported by mailboxSettings.userPurpose.</summary>
    public string UserPurpose => MailboxKind == MailboxKind.Shared ? "shared" : "user";
}
