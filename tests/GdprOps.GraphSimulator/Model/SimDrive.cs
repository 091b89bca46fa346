using System;
using System.Collections.Generic;
using System.Linq;

namespace GdprOps.GraphSimulator.Model;

/// <summary>A document library: a OneDrive, a SharePoint library or a Teams channel files library.</summary>
public sealed class SimDrive
{
    private readonly SimIds ids;
    private long sequence;

    public SimDrive(SimIds ids, string name, string driveType, string webUrl, DateTimeOffset created)
    {
        this.ids = ids;
        Id = ids.DriveId();
        Name = name;
        DriveType = driveType;
        WebUrl = webUrl;
        Root = new SimDriveItem { Id = ids.DriveItemId(), Name = "root", IsFolder = true, CreatedDateTime = created, LastModifiedDateTime = created };
        Root.Sequence = NextSequence();
        Items[Root.Id] = Root;
    }

    public object Gate { get; } = new();

    public string Id { get; }

    public string Name { get; }

    /// <summary>personal (OneDrive) or documentLibrary (SharePoint, Teams).</summary>
    public string DriveType { get; }

    public string WebUrl { get; }

    public SimDriveItem Root { get; }

    /// <summary>Every item ever created, including those in the recycle bin; permanently deleted ones are removed.</summary>
    public Dictionary<string, SimDriveItem> Items { get; } = new(StringComparer.Ordinal);

    /// <summary>Ids of permanently deleted items with the sequence of the deletion, for delta.</summary>
    public List<(string Id, string? ParentId, long Sequence)> Purged { get; } = new();

    /// <summary>
    /// Delta tokens older than this sequence answer 410 resyncRequired; so does the next page of an enumeration whose
    /// snapshot is older (driveitem-delta.md, "Error responses": a 410 can come at any point, with a Location).
    /// </summary>
    public long DeltaFloor { get; set; }

    /// <summary>The most items one delta page returns, whatever $top asks (the service may page smaller).</summary>
    public int? DeltaPageLimit { get; set; }

    /// <summary>A new version of a file's content (a PUT, or the last fragment of an upload session).</summary>
    public void ReplaceContent(SimDriveItem item, byte[] content, DateTimeOffset now)
    {
        lock (Gate)
        {
            item.Content = content;
            item.Version++;
            item.LastModifiedDateTime = now;
            item.Sequence = NextSequence();
            if (item.MimeType.StartsWith("text/", StringComparison.OrdinalIgnoreCase))
            {
                item.IndexedText = item.Name + " " + System.Text.Encoding.UTF8.GetString(content);
            }
        }
    }

    /// <summary>Removes an item for good (past the recycle bin), as a permanent delete does.</summary>
    public void Purge(SimDriveItem item)
    {
        lock (Gate)
        {
            Items.Remove(item.Id);
            if (item.ParentId is not null && Items.TryGetValue(item.ParentId, out var parent))
            {
                parent.ChildIds.Remove(item.Id);
            }

            Purged.Add((item.Id, item.ParentId, NextSequence()));
        }
    }

    public long CurrentSequence => sequence;

    public long NextSequence() => ++sequence;

    public SimDriveItem AddFolder(SimDriveItem parent, string name, DateTimeOffset created) =>
        Add(parent, new SimDriveItem { Id = ids.DriveItemId(), Name = name, IsFolder = true, CreatedDateTime = created, LastModifiedDateTime = created });

    public SimDriveItem AddFile(SimDriveItem parent, string name, byte[] content, string mimeType, string indexedText, DateTimeOffset created, SimAddress? createdBy = null) =>
        Add(parent, new SimDriveItem
        {
            Id = ids.DriveItemId(),
            Name = name,
            Content = content,
            MimeType = mimeType,
            IndexedText = indexedText,
            CreatedDateTime = created,
            LastModifiedDateTime = created,
            CreatedBy = createdBy,
        });

    /// <summary>The item's path from the root as Graph's parentReference.path shows it (/drive/root:/a/b).</summary>
    public string PathOf(SimDriveItem item)
    {
        var names = new List<string>();
        for (var current = item.ParentId is null ? null : Items[item.ParentId]; current is not null && current.ParentId is not null; current = Items[current.ParentId])
        {
            names.Add(current.Name);
        }

        names.Reverse();
        return "/drive/root:" + (names.Count == 0 ? string.Empty : "/" + string.Join("/", names));
    }

    public IEnumerable<SimDriveItem> LiveChildren(SimDriveItem folder) =>
        folder.ChildIds.Select(id => Items[id]).Where(i => !i.InRecycleBin);

    /// <summary>Resolves a slash-separated path below the root, or null.</summary>
    public SimDriveItem? FindByPath(string path)
    {
        var current = Root;
        foreach (string name in path.Split('/', StringSplitOptions.RemoveEmptyEntries))
        {
            var next = LiveChildren(current).FirstOrDefault(i => string.Equals(i.Name, name, StringComparison.OrdinalIgnoreCase));
            if (next is null)
            {
                return null;
            }

            current = next;
        }

        return current;
    }

    private SimDriveItem Add(SimDriveItem parent, SimDriveItem item)
    {
        lock (Gate)
        {
            item.ParentId = parent.Id;
            item.Sequence = NextSequence();
            Items[item.Id] = item;
            parent.ChildIds.Add(item.Id);
        }

        return item;
    }
}
