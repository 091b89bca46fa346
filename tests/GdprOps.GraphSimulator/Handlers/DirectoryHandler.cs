using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.Json.Nodes;
using GdprOps.GraphSimulator.Http;
using GdprOps.GraphSimulator.Model;
using GdprOps.GraphSimulator.OData;

namespace GdprOps.GraphSimulator.Handlers;

/// <summary>/users, /sites and /groups listings and single objects.</summary>
internal sealed class DirectoryHandler
{
    private static readonly HashSet<string> UserProperties = new(StringComparer.OrdinalIgnoreCase)
    {
        "id", "displayName", "userPrincipalName", "mail", "userType", "accountEnabled", "givenName", "surname",
    };

    private static readonly HashSet<string> UserFilterable = new(StringComparer.OrdinalIgnoreCase)
    {
        "userType", "mail", "userPrincipalName", "accountEnabled", "displayName", "id",
    };

    private static readonly HashSet<string> GroupFilterable = new(StringComparer.OrdinalIgnoreCase)
    {
        "displayName", "mail", "id", "resourceProvisioningOptions",
    };

    private static readonly HashSet<string> SiteProperties = new(StringComparer.OrdinalIgnoreCase)
    {
        "id", "name", "displayName", "webUrl",
    };

    private static readonly HashSet<string> GroupProperties = new(StringComparer.OrdinalIgnoreCase)
    {
        "id", "displayName", "mail", "resourceProvisioningOptions", "groupTypes",
    };

    private readonly SimulatorContext context;

    public DirectoryHandler(SimulatorContext context) => this.context = context;

    public GraphResponse Users(GraphRequest request, RequestScope scope)
    {
        scope.Endpoint = "users.list";
        Permissions.Require(scope, "directory", Permissions.UsersRead);
        var filter = request.Option("$filter") is { } text ? FilterExpression.Parse(text, UserFilterable, "Request_UnsupportedQuery") : null;
        var selected = QueryOptions.Select(request, UserProperties, "user");
        var users = context.Tenant.Users.Where(u => filter is null || filter.Matches(p => UserValue(u, p))).ToList();
        return GraphResponse.Ok(QueryOptions.Page(request, context.BaseUrl, users, QueryOptions.Offset(request), QueryOptions.Top(request, 100, 999),
            u => QueryOptions.Project(User(u), selected), Permissions.IsTrue(request.Option("$count")) ? users.Count : null));
    }

    public GraphResponse User(GraphRequest request, RequestScope scope, SimUser user)
    {
        scope.Endpoint = "user.get";
        Permissions.Require(scope, "directory", Permissions.UsersRead);
        return GraphResponse.Ok(QueryOptions.Project(User(user), QueryOptions.Select(request, UserProperties, "user")));
    }

    public GraphResponse Sites(GraphRequest request, RequestScope scope, bool getAll)
    {
        scope.Endpoint = "sites.list";
        Permissions.Require(scope, "sites", Permissions.SitesRead);
        string? search = request.Option("search");
        if (!getAll && search is null)
        {
            throw GraphException.BadRequest("Listing sites requires the search parameter or getAllSites.", "invalidRequest");
        }

        var sites = context.Tenant.Sites
            .Where(s => getAll || search == "*" || KqlQuery.Fold(s.DisplayName + " " + s.Name).Contains(KqlQuery.Fold(search!), StringComparison.Ordinal))
            .ToList();
        var selected = QueryOptions.Select(request, SiteProperties, "site");
        return GraphResponse.Ok(QueryOptions.Page(request, context.BaseUrl, sites, QueryOptions.Offset(request), QueryOptions.Top(request, 200, 1000),
            s => QueryOptions.Project(Site(s), selected)));
    }

    public GraphResponse Site(GraphRequest request, RequestScope scope, SimSite site)
    {
        scope.Endpoint = "site.get";
        Permissions.Require(scope, "sites", Permissions.SitesRead);
        return GraphResponse.Ok(QueryOptions.Project(Site(site), QueryOptions.Select(request, SiteProperties, "site")));
    }

    public GraphResponse SiteDrives(GraphRequest request, RequestScope scope, SimSite site)
    {
        scope.Endpoint = "site.drives";
        Permissions.Require(scope, "sites", Permissions.FilesRead);
        return GraphResponse.Ok(QueryOptions.Page(request, context.BaseUrl, site.Drives, QueryOptions.Offset(request), QueryOptions.Top(request, 200, 1000),
            d => DriveJson.Drive(d, null, null, false)));
    }

    public GraphResponse Groups(GraphRequest request, RequestScope scope)
    {
        scope.Endpoint = "groups.list";
        Permissions.Require(scope, "directory", Permissions.GroupsRead);
        var filter = request.Option("$filter") is { } text ? FilterExpression.Parse(text, GroupFilterable, "Request_UnsupportedQuery") : null;
        var groups = context.Tenant.Groups.Where(g => filter is null || filter.Matches(p => GroupValue(g, p))).ToList();
        var selected = QueryOptions.Select(request, GroupProperties, "group");
        return GraphResponse.Ok(QueryOptions.Page(request, context.BaseUrl, groups, QueryOptions.Offset(request), QueryOptions.Top(request, 100, 999),
            g => QueryOptions.Project(Group(g), selected)));
    }

    public GraphResponse Group(GraphRequest request, RequestScope scope, SimGroup group)
    {
        scope.Endpoint = "group.get";
        Permissions.Require(scope, "directory", Permissions.GroupsRead);
        return GraphResponse.Ok(QueryOptions.Project(Group(group), QueryOptions.Select(request, GroupProperties, "group")));
    }

    /// <summary>A site by id, or by "hostname:/sites/path" (the segments after /sites/, ':' kept).</summary>
    public SimSite FindSite(string reference)
    {
        string trimmed = reference.TrimEnd(':');
        var site = context.Tenant.Sites.FirstOrDefault(s => string.Equals(s.Id, trimmed, StringComparison.OrdinalIgnoreCase));
        if (site is null && trimmed.Contains(":/", StringComparison.Ordinal))
        {
            var parts = trimmed.Split(":/", 2);
            site = context.Tenant.Sites.FirstOrDefault(s => string.Equals(s.WebUrl, $"https://{parts[0]}/{parts[1].Trim('/')}", StringComparison.OrdinalIgnoreCase));
        }

        // The root site: /sites/root or /sites/{hostname} (site-get.md); "host:" with an empty path is a 400 in Graph.
        if (site is null && (trimmed.Equals("root", StringComparison.OrdinalIgnoreCase) || string.Equals(trimmed, context.Tenant.SharePointHost, StringComparison.OrdinalIgnoreCase)))
        {
            site = context.Tenant.Sites.FirstOrDefault();
        }
        else if (site is null && reference.EndsWith("::", StringComparison.Ordinal))
        {
            throw GraphException.BadRequest("Invalid hostname or path for the site.", "invalidRequest");
        }

        return site ?? throw GraphException.NotFound("Requested site could not be found", "itemNotFound");
    }

    private static JsonObject User(SimUser user) => new()
    {
        ["id"] = user.Id,
        ["displayName"] = user.DisplayName,
        ["userPrincipalName"] = user.UserPrincipalName,
        ["mail"] = user.Mail,
        ["userType"] = user.UserType,
        ["accountEnabled"] = user.AccountEnabled,
        ["givenName"] = user.GivenName,
        ["surname"] = user.Surname,
    };

    private static object? UserValue(SimUser user, string path) => path.ToLowerInvariant() switch
    {
        "usertype" => user.UserType,
        "mail" => user.Mail,
        "userprincipalname" => user.UserPrincipalName,
        "accountenabled" => user.AccountEnabled,
        "displayname" => user.DisplayName,
        "id" => user.Id,
        _ => null,
    };

    private static object? GroupValue(SimGroup group, string path) => path.ToLowerInvariant() switch
    {
        "displayname" => group.DisplayName,
        "mail" => group.Mail,
        "id" => group.Id,
        "resourceprovisioningoptions" => group.IsTeam ? new[] { "Team" } : Array.Empty<string>(),
        _ => null,
    };

    private static JsonObject Site(SimSite site) => new()
    {
        ["id"] = site.Id,
        ["name"] = site.Name,
        ["displayName"] = site.DisplayName,
        ["webUrl"] = site.WebUrl,
    };

    private static JsonObject Group(SimGroup group) => new()
    {
        ["id"] = group.Id,
        ["displayName"] = group.DisplayName,
        ["mail"] = group.Mail,
        ["groupTypes"] = new JsonArray("Unified"),
        ["resourceProvisioningOptions"] = group.IsTeam ? new JsonArray("Team") : new JsonArray(),
    };
}
