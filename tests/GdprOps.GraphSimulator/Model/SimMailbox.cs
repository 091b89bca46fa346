using System;
using System.Collections.Generic;
using System.Linq;

namespace GdprOps.GraphSimulator.Model;

/// <summary>
/// One Exchange mailbox. Every read and write takes <see cref="Gate"/>; handlers copy what they return while holding it.
/// </summary>
public sealed class SimMailbox
{
    /// <summary>The standard folders every mailbox has, as (well-known name, display name, hidden).</summary>
    public static readonly IReadOnlyList<(string Name, string DisplayName, bool Hidden)> StandardFolders = new[]
    {
        ("inbox", "Inbox", false),
        ("drafts", "Drafts", false),
        ("sentitems", "Sent Items", false),
        ("deleteditems", "Deleted Items", false),
        ("outbox", "Outbox", false),
        ("junkemail", "Junk Email", false),
        ("archive", "Archive", false),
        ("conversationhistory", "Conversation History", false),
    };

    private readonly SimIds ids;
    private long sequence;

    public SimMailbox(SimIds ids)
    {
        this.ids = ids;
        Root = new SimMailFolder { Id = ids.FolderId(), DisplayName = "Top of Information Store", WellKnownName = "msgfolderroot" };
        Folders[Root.Id] = Root;
        foreach (var (name, displayName, hidden) in StandardFolders)
        {
            AddFolder(Root, displayName, name, hidden);
        }

        // Recoverable Items lives in the non-IPM subtree, not under the mailbox root: GET mailFolders and childFolders
        // never list it (user-list-mailfolders.md); it is reached by its well-known name only.
        NonIpmRoot = new SimMailFolder { Id = ids.FolderId(), DisplayName = "Recoverable Items", IsHidden = true };
        Folders[NonIpmRoot.Id] = NonIpmRoot;
        AddFolder(NonIpmRoot, "Deletions", "recoverableitemsdeletions", hidden: true);
    }

    /// <summary>The Recoverable Items root, outside the folder tree Graph lists.</summary>
    public SimMailFolder NonIpmRoot { get; }

    public object Gate { get; } = new();

    public SimMailFolder Root { get; }

    public Dictionary<string, SimMailFolder> Folders { get; } = new(StringComparer.Ordinal);

    /// <summary>Live messages by immutable id.</summary>
    public Dictionary<string, SimMessage> Messages { get; } = new(StringComparer.Ordinal);

    /// <summary>Permanently deleted messages a hold keeps (the hidden Purges folder). Not reachable through Graph.</summary>
    public List<SimMessage> Purges { get; } = new();

    /// <summary>Litigation or in-place hold: permanently deleted items stay in <see cref="Purges"/>.</summary>
    public bool OnHold { get; set; }

    public long CurrentSequence => sequence;

    public long NextSequence() => ++sequence;

    public SimMailFolder AddFolder(SimMailFolder parent, string displayName, string? wellKnownName = null, bool hidden = false)
    {
        var folder = new SimMailFolder
        {
            Id = ids.FolderId(),
            DisplayName = displayName,
            WellKnownName = wellKnownName,
            ParentId = parent.Id,
            IsHidden = hidden,
        };
        lock (Gate)
        {
            Folders[folder.Id] = folder;
            parent.ChildIds.Add(folder.Id);
        }

        return folder;
    }

    public SimMailFolder WellKnown(string name) =>
        Folders.Values.First(f => string.Equals(f.WellKnownName, name, StringComparison.OrdinalIgnoreCase));

    /// <summary>Resolves a folder id or a well-known name (case-insensitive), or null.</summary>
    public SimMailFolder? FindFolder(string idOrName)
    {
        if (Folders.TryGetValue(idOrName, out var folder))
        {
            return folder;
        }

        return Folders.Values.FirstOrDefault(f => string.Equals(f.WellKnownName, idOrName, StringComparison.OrdinalIgnoreCase));
    }

    /// <summary>Resolves a current REST id or an immutable id, or null (an old REST id of a moved message is gone).</summary>
    public SimMessage? FindMessage(string id)
    {
        if (Messages.TryGetValue(id, out var byImmutable))
        {
            return byImmutable;
        }

        foreach (var message in Messages.Values)
        {
            if (string.Equals(message.RestId, id, StringComparison.Ordinal))
            {
                return message;
            }
        }

        return null;
    }

    /// <summary>Adds a message to a folder (the generator and tests use this to plant mail).</summary>
    public SimMessage Add(SimMessage message)
    {
        lock (Gate)
        {
            message.Sequence = NextSequence();
            Messages[message.ImmutableId] = message;
        }

        return message;
    }

    /// <summary>Moves a message: a new REST id and change key, and a departure in the old folder for delta.</summary>
    public void Move(SimMessage message, SimMailFolder destination, DateTimeOffset now)
    {
        var source = Folders[message.FolderId];
        long change = NextSequence();
        source.Departures.Add((message.ImmutableId, message.RestId, change));
        message.FolderId = destination.Id;
        message.RestId = ids.RestId();
        message.ChangeKey = NewChangeKey();
        message.LastModifiedDateTime = now;
        message.Sequence = change;
    }

    /// <summary>Removes a message from view; a hold keeps it in the purges store.</summary>
    public void Purge(SimMessage message)
    {
        var source = Folders[message.FolderId];
        source.Departures.Add((message.ImmutableId, message.RestId, NextSequence()));
        Messages.Remove(message.ImmutableId);
        if (OnHold)
        {
            Purges.Add(message);
        }
    }

    public string NewChangeKey() => "CQAAABYAAA" + ids.Token12();
}
