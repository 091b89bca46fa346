using System;
using System.Collections.Generic;
using System.Linq;

namespace GdprOps.GraphSimulator.Model;

/// <summary>Everything the simulator serves. Build one with <see cref="Generation.TenantGenerator"/> or by hand.</summary>
public sealed class SimTenant
{
    public SimTenant(int seed = 1, string domain = "contoso.example")
    {
        Ids = new SimIds(seed);
        Domain = domain;
        TenantId = Ids.Guid();
    }

    public SimIds Ids { get; }

    /// <summary>
    /// Where a message DELETE sends mail that is not yet in Deleted Items. message-delete.md does not say (docs issue
    /// #285); Exchange's own terms are "delete" = to Deleted Items, "soft delete" = to Recoverable Items. Default: the
    /// harder reading (Deleted Items first), so a product that assumes one DELETE leaves the mailbox view is caught.
    /// </summary>
    public MessageDeleteBehavior MessageDelete { get; set; } = MessageDeleteBehavior.ToDeletedItemsFirst;

    /// <summary>
    /// Whether drive <c>permanentDelete</c> and <c>PUT content</c> honour If-Match. Only DELETE (driveitem-delete.md)
    /// and createUploadSession (driveitem-createuploadsession.md) document it; default: the harder reading, ignored,
    /// so a product that relies on it to avoid acting on a changed file is caught.
    /// </summary>
    public bool IfMatchOnPurgeAndUpload { get; set; }

    /// <summary>The largest body a simple <c>PUT content</c> takes (driveitem-put-content.md: up to 250 MB); larger is 413.</summary>
    public long MaxSimpleUploadBytes { get; set; } = 250L * 1024 * 1024;

    public string TenantId { get; }

    public string Domain { get; }

    public List<SimUser> Users { get; } = new();

    public List<SimSite> Sites { get; } = new();

    public List<SimGroup> Groups { get; } = new();

    /// <summary>Every drive by id (OneDrives, site libraries, group drives).</summary>
    public Dictionary<string, SimDrive> Drives { get; } = new(StringComparer.Ordinal);

    public string SharePointHost => Domain.Split('.')[0] + ".sharepoint.com";

    public SimUser? FindUser(string idOrUpn) =>
        Users.FirstOrDefault(u => string.Equals(u.Id, idOrUpn, StringComparison.OrdinalIgnoreCase)
            || string.Equals(u.UserPrincipalName, idOrUpn, StringComparison.OrdinalIgnoreCase));

    public SimUser AddUser(string alias, string displayName, MailboxKind kind = MailboxKind.User, bool withDrive = true, DateTimeOffset? created = null)
    {
        string upn = $"{alias}@{Domain}";
        var names = displayName.Split(' ', 2);
        var user = new SimUser
        {
            Id = Ids.Guid(),
            UserPrincipalName = upn,
            DisplayName = displayName,
            GivenName = names[0],
            Surname = names.Length > 1 ? names[1] : null,
            Mail = kind == MailboxKind.None ? null : upn,
            AccountEnabled = kind != MailboxKind.Shared,
            MailboxKind = kind,
            Mailbox = kind == MailboxKind.None ? null : new SimMailbox(Ids),
        };
        if (withDrive && kind != MailboxKind.Shared)
        {
            string personal = $"https://{Domain.Split('.')[0]}-my.sharepoint.com/personal/{alias}_{Domain.Replace('.', '_')}/Documents";
            user.Drive = AddDrive("OneDrive", "personal", personal, created ?? DateTimeOffset.UnixEpoch);
        }

        Users.Add(user);
        return user;
    }

    public SimSite AddSite(string name, string displayName, DateTimeOffset created, params string[] libraries)
    {
        var site = new SimSite
        {
            Id = $"{SharePointHost},{Ids.Guid()},{Ids.Guid()}",
            Name = name,
            DisplayName = displayName,
            WebUrl = $"https://{SharePointHost}/sites/{name}",
        };
        foreach (string library in libraries.Length == 0 ? new[] { "Documents" } : libraries)
        {
            site.Drives.Add(AddDrive(library, "documentLibrary", $"{site.WebUrl}/{library.Replace(" ", "%20", StringComparison.Ordinal)}", created));
        }

        Sites.Add(site);
        return site;
    }

    public SimGroup AddTeam(string displayName, DateTimeOffset created)
    {
        string alias = new string(displayName.Where(char.IsLetterOrDigit).ToArray());
        var group = new SimGroup { Id = Ids.Guid(), DisplayName = displayName, Mail = $"{alias}@{Domain}", IsTeam = true };
        group.Drive = AddDrive("Documents", "documentLibrary", $"https://{SharePointHost}/sites/{alias}/Shared%20Documents", created);
        Groups.Add(group);
        return group;
    }

    private SimDrive AddDrive(string name, string type, string webUrl, DateTimeOffset created)
    {
        var drive = new SimDrive(Ids, name, type, webUrl, created);
        Drives[drive.Id] = drive;
        return drive;
    }
}
