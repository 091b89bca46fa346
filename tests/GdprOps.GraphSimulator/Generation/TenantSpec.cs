using System;
using System.Collections.Generic;

namespace GdprOps.GraphSimulator.Generation;

/// <summary>What <see cref="TenantGenerator"/> builds. Same spec, same tenant, byte for byte.</summary>
public sealed record TenantSpec
{
    public int Seed { get; init; } = 7;

    /// <summary>User mailboxes (one of them without a mailbox and one the app may not read, when there are at least 4).</summary>
    public int Users { get; init; } = 50;

    public int SharedMailboxes { get; init; } = 3;

    public int MessagesPerMailbox { get; init; } = 20;

    public int FilesPerDrive { get; init; } = 8;

    public int Sites { get; init; } = 2;

    public int Teams { get; init; } = 2;

    /// <summary>Filler text languages, assigned to mailboxes in turn.</summary>
    public IReadOnlyList<string> Languages { get; init; } = new[] { "en", "nl", "da" };

    /// <summary>"Today" for dates and the retention ground truth. Fixed by default so runs replay exactly.</summary>
    public DateTimeOffset Now { get; init; } = new(2026, 11, 1, 12, 0, 0, TimeSpan.Zero);

    public string Domain { get; init; } = "contoso.example";
}
