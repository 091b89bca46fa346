using System;
using System.Linq;
using GdprOps.GraphSimulator.Http;

namespace GdprOps.GraphSimulator.Handlers;

/// <summary>Application permissions, checked only when the access token lists roles.</summary>
internal static class Permissions
{
    public static void Require(RequestScope scope, string resource, params string[] anyOf)
    {
        if (scope.Roles is null || anyOf.Any(scope.Roles.Contains))
        {
            return;
        }

        throw resource == "mail"
            ? new GraphException(403, "ErrorAccessDenied", "Access is denied. Check credentials and try again.")
            : new GraphException(403, "Authorization_RequestDenied", "Insufficient privileges to complete the operation. Requires one of: " + string.Join(", ", anyOf));
    }

    public static readonly string[] MailRead = { "Mail.Read", "Mail.ReadWrite" };
    public static readonly string[] MailWrite = { "Mail.ReadWrite" };
    public static readonly string[] FilesRead = { "Files.Read.All", "Files.ReadWrite.All", "Sites.Read.All", "Sites.ReadWrite.All" };
    public static readonly string[] FilesWrite = { "Files.ReadWrite.All", "Sites.ReadWrite.All" };
    public static readonly string[] UsersRead = { "User.Read.All", "User.ReadWrite.All", "Directory.Read.All" };
    public static readonly string[] SitesRead = { "Sites.Read.All", "Sites.ReadWrite.All" };
    public static readonly string[] GroupsRead = { "Group.Read.All", "Group.ReadWrite.All", "Directory.Read.All" };
    public static readonly string[] MailboxSettingsRead = { "MailboxSettings.Read", "MailboxSettings.ReadWrite" };

    public static bool IsTrue(string? value) => string.Equals(value, "true", StringComparison.OrdinalIgnoreCase);
}
