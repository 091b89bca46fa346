using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using GdprOps.Hosting;
using GdprOps.Model;
using GdprOps.Sweep;
using Microsoft.Graph.Models;

namespace GdprOps.Sources.Graph;

/// <summary>What to sweep in Microsoft 365, as Find-PersonalData's parameters name it.</summary>
public sealed class GraphSweepScope
{
    public IReadOnlyList<string> Mailboxes { get; set; } = Array.Empty<string>();

    public bool AllMailboxes { get; set; }

    /// <summary>All, User or Shared (with <see cref="AllMailboxes"/>).</summary>
    public string MailboxType { get; set; } = "All";

    public IReadOnlyList<string> OneDrives { get; set; } = Array.Empty<string>();

    /// <summary>Site URLs (https://contoso.sharepoint.com/sites/hr) or site ids.</summary>
    public IReadOnlyList<string> Sites { get; set; } = Array.Empty<string>();

    public bool AllSites { get; set; }

    /// <summary>Team ids or display names.</summary>
    public IReadOnlyList<string> Teams { get; set; } = Array.Empty<string>();

    public MailSweepOptions Mail { get; set; } = new();

    public bool Deep { get; set; }

    public bool IsEmpty => Mailboxes.Count == 0 && !AllMailboxes && OneDrives.Count == 0 && Sites.Count == 0 && !AllSites && Teams.Count == 0;

    /// <summary>
    /// Turns the scope into sources: mailboxes as given (a bad one fails in its own listing), and drives resolved now. A
    /// site, OneDrive or team that cannot be found or listed, and with -MailboxType a mailbox whose type cannot be read,
    /// becomes an <see cref="UnresolvedSource"/>: the sweep reports it as its error and a NotScanned row, like a mailbox
    /// the app may not read, so the report shows every place of the scope that was not searched.
    /// </summary>
    public async Task<IReadOnlyList<IItemSource>> ResolveAsync(GraphConnection connection, SubjectProfile? subject, IRunHost host, CancellationToken cancellationToken)
    {
        // site-getallsites.md: application permissions only. Signed in as a user, -AllSites fails before any work.
        if (AllSites && connection.IsDelegated)
        {
            throw new GdprOpsException(ErrorIds.InvalidArgument, ErrorKind.InvalidArgument,
                "-AllSites needs app-only sign-in (Microsoft Graph lists every site with application permissions only): sign in with a certificate, secret or managed identity, or name the sites with -Site.");
        }

        var sources = new List<IItemSource>();
        var mailboxes = new List<string>(Mailboxes);
        if (AllMailboxes)
        {
            mailboxes.AddRange(await ListMailboxesAsync(connection, host, cancellationToken, (user, error) =>
                sources.Add(new UnresolvedSource(SourceKind.Mailbox, user, "mailbox " + user, ShardSpec.MailboxKey(user), error))).ConfigureAwait(false));
        }

        foreach (string mailbox in mailboxes.Distinct(StringComparer.OrdinalIgnoreCase))
        {
            sources.Add(new MailboxSource(connection, mailbox, subject, new MailSweepOptions { Deep = Deep || Mail.Deep, Folders = Mail.Folders }));
        }

        // A drive that cannot be resolved is kept as a source that reports it (see UnresolvedSource).
        async Task Resolve(string name, string target, Func<CancellationToken, Task> action)
        {
            try
            {
                await action(cancellationToken).ConfigureAwait(false);
            }
            catch (SourceItemException e)
            {
                sources.Add(new UnresolvedSource(SourceKind.Drive, name, target, "unresolved:" + target, e));
            }
        }

        foreach (string user in OneDrives.Distinct(StringComparer.OrdinalIgnoreCase))
        {
            await Resolve(user, "OneDrive of " + user, async ct =>
            {
                var drive = await Run(connection, "resolving a OneDrive", c => connection.Client.Users[user].Drive.GetAsync(r => r.QueryParameters.Select = new[] { "id", "name" }, c), ct).ConfigureAwait(false);
                sources.Add(new DriveSource(connection, drive!.Id!, "OneDrive of " + user, user, subject, Deep));
            }).ConfigureAwait(false);
        }

        var sites = new List<Site>();
        foreach (string site in Sites.Distinct(StringComparer.OrdinalIgnoreCase))
        {
            await Resolve(site, "site " + site, async ct =>
            {
                var found = await Run(connection, "resolving a site", c => connection.Client.Sites[SiteKey(site)].GetAsync(cancellationToken: c), ct).ConfigureAwait(false);
                sites.Add(found!);
            }).ConfigureAwait(false);
        }

        if (AllSites)
        {
            var page = await Run(connection, "listing sites", c => connection.Client.Sites.GetAllSites.GetAsGetAllSitesGetResponseAsync(cancellationToken: c), cancellationToken).ConfigureAwait(false);
            while (page is not null)
            {
                sites.AddRange(page.Value ?? new List<Site>());
                if (page.OdataNextLink is not { } next)
                {
                    break;
                }

                page = await Run(connection, "listing sites", c => connection.Client.Sites.GetAllSites.WithUrl(next).GetAsGetAllSitesGetResponseAsync(cancellationToken: c), cancellationToken).ConfigureAwait(false);
            }
        }

        foreach (var site in sites.GroupBy(s => s.Id).Select(g => g.First()))
        {
            await Resolve(site.WebUrl ?? site.Id ?? string.Empty, "site " + site.WebUrl, async ct =>
            {
                var drives = await Run(connection, "listing libraries", c => connection.Client.Sites[site.Id].Drives.GetAsync(cancellationToken: c), ct).ConfigureAwait(false);
                foreach (var drive in drives?.Value ?? new List<Drive>())
                {
                    sources.Add(new DriveSource(connection, drive.Id!, $"site {site.WebUrl} library {drive.Name}", site.WebUrl, subject, Deep));
                }
            }).ConfigureAwait(false);
        }

        foreach (string team in Teams.Distinct(StringComparer.OrdinalIgnoreCase))
        {
            await Resolve(team, "team " + team, async ct =>
            {
                string groupId = Guid.TryParse(team, out _) ? team : await TeamIdAsync(connection, team, host, ct).ConfigureAwait(false);
                var drive = await Run(connection, "resolving a team drive", c => connection.Client.Groups[groupId].Drive.GetAsync(r => r.QueryParameters.Select = new[] { "id", "name" }, c), ct).ConfigureAwait(false);
                sources.Add(new DriveSource(connection, drive!.Id!, "team " + team, team, subject, Deep));
            }).ConfigureAwait(false);
        }

        return sources;
    }

    /// <summary>
    /// "https://host/sites/hr" becomes Graph's "host:/sites/hr:" and the root site "https://host" becomes "host"
    /// (site-get.md: GET /sites/{hostname}); ids pass through.
    /// </summary>
    public static string SiteKey(string site)
    {
        if (Uri.TryCreate(site, UriKind.Absolute, out var url) && url.Scheme.StartsWith("http", StringComparison.OrdinalIgnoreCase))
        {
            string path = url.AbsolutePath.TrimEnd('/');
            return path.Length == 0 ? url.Host : $"{url.Host}:{path}:";
        }

        return site;
    }

    /// <summary>Every mailbox of the tenant (users with a mail address), filtered by <see cref="MailboxType"/>.</summary>
    /// <param name="unreadType">
    /// Given a user whose mailbox type could not be read (so whether it is of <see cref="MailboxType"/> is unknown) and the
    /// error; without it, the error is written to the host.
    /// </param>
    public async Task<List<string>> ListMailboxesAsync(GraphConnection connection, IRunHost host, CancellationToken cancellationToken, Action<string, SourceItemException>? unreadType = null)
    {
        unreadType ??= (user, error) => host.WriteItemError(ItemErrors.FromException(error, "mailbox " + user));
        var result = new List<string>();
        var page = await Run(connection, "listing users", c => connection.Client.Users.GetAsync(r =>
        {
            r.QueryParameters.Select = new[] { "id", "userPrincipalName", "mail", "accountEnabled", "userType" };
            r.QueryParameters.Top = 999;
        }, c), cancellationToken).ConfigureAwait(false);
        var users = new List<User>();
        while (page is not null)
        {
            users.AddRange((page.Value ?? new List<User>()).Where(u => !string.IsNullOrEmpty(u.Mail)));
            if (page.OdataNextLink is not { } next)
            {
                break;
            }

            page = await Run(connection, "listing users", c => connection.Client.Users.WithUrl(next).GetAsync(cancellationToken: c), cancellationToken).ConfigureAwait(false);
        }

        foreach (var user in users)
        {
            if (MailboxType.Equals("All", StringComparison.OrdinalIgnoreCase))
            {
                result.Add(user.UserPrincipalName!);
                continue;
            }

            try
            {
                var settings = await connection.Executor.RunAsync(user.Id, "reading mailbox settings", GraphErrors.MailboxSettings,
                    c => connection.Client.Users[user.Id].MailboxSettings.GetAsync(cancellationToken: c), cancellationToken).ConfigureAwait(false);
                string purpose = settings?.UserPurpose?.ToString() ?? string.Empty;
                if (purpose.Equals(MailboxType, StringComparison.OrdinalIgnoreCase))
                {
                    result.Add(user.UserPrincipalName!);
                }
            }
            catch (SourceItemException e)
            {
                unreadType(user.UserPrincipalName!, e);
            }
        }

        return result;
    }

    /// <summary>
    /// A team by display name: groups provisioned as Teams (resourceProvisioningOptions contains "Team") come first, and
    /// when several groups carry the name the one swept is named in a warning (by id), so nothing is picked silently.
    /// </summary>
    private static async Task<string> TeamIdAsync(GraphConnection connection, string name, IRunHost host, CancellationToken cancellationToken)
    {
        string escaped = name.Replace("'", "''");
        var groups = await Run(connection, "finding a team", c => connection.Client.Groups.GetAsync(r =>
        {
            r.QueryParameters.Filter = $"displayName eq '{escaped}'";
            r.QueryParameters.Select = new[] { "id", "displayName", "resourceProvisioningOptions" };
        }, c), cancellationToken).ConfigureAwait(false);
        var all = groups?.Value ?? new List<Microsoft.Graph.Models.Group>();
        var teams = all.Where(IsTeam).ToList();
        var candidates = teams.Count > 0 ? teams : all;
        var chosen = candidates.FirstOrDefault()?.Id
            ?? throw new SourceItemException(ErrorIds.SiteNotFound, ErrorKind.NotFound, "No team with that name.");
        if (all.Count > 1)
        {
            host.WriteWarning($"{all.Count} groups are named '{name}' ({teams.Count} of them Teams): swept group {chosen}. Pass the team's id to choose another.");
        }

        return chosen;
    }

    /// <summary>resourceProvisioningOptions is not a typed property in v1.0: it arrives as untyped JSON.</summary>
    private static bool IsTeam(Microsoft.Graph.Models.Group group) =>
        group.AdditionalData.TryGetValue("resourceProvisioningOptions", out var options) && options switch
        {
            Microsoft.Kiota.Abstractions.Serialization.UntypedArray array => array.GetValue().OfType<Microsoft.Kiota.Abstractions.Serialization.UntypedString>()
                .Any(s => string.Equals(s.GetValue(), "Team", StringComparison.OrdinalIgnoreCase)),
            System.Collections.IEnumerable list and not string => list.Cast<object?>().Any(o => string.Equals(o?.ToString(), "Team", StringComparison.OrdinalIgnoreCase)),
            _ => false,
        };

    private static Task<T> Run<T>(GraphConnection connection, string what, Func<CancellationToken, Task<T>> call, CancellationToken cancellationToken) =>
        connection.Executor.RunAsync(null, what, "directory object", call, cancellationToken);
}
