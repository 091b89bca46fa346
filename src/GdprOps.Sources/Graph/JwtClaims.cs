using System;
using System.Collections.Generic;
using System.Linq;
using System.Text;
using System.Text.Json;

namespace GdprOps.Sources.Graph;

/// <summary>Reads the claims GdprOps shows (roles, scopes, tenant, app, expiry) from an access token without validating it.</summary>
internal static class JwtClaims
{
    public static IReadOnlyList<string> Permissions(string token)
    {
        using var payload = Payload(token);
        if (payload is null)
        {
            return Array.Empty<string>();
        }

        var root = payload.RootElement;
        var permissions = new List<string>();
        if (root.TryGetProperty("roles", out var roles) && roles.ValueKind == JsonValueKind.Array)
        {
            permissions.AddRange(roles.EnumerateArray().Select(r => r.GetString()).OfType<string>());
        }

        if (root.TryGetProperty("scp", out var scopes) && scopes.ValueKind == JsonValueKind.String)
        {
            permissions.AddRange((scopes.GetString() ?? string.Empty).Split(new[] { ' ' }, StringSplitOptions.RemoveEmptyEntries));
        }

        return permissions.Distinct(StringComparer.OrdinalIgnoreCase).OrderBy(p => p, StringComparer.OrdinalIgnoreCase).ToList();
    }

    /// <summary>A user's token: it carries delegated scopes (<c>scp</c>); an app-only token carries <c>roles</c> only.</summary>
    public static bool IsDelegated(string token)
    {
        using var payload = Payload(token);
        return payload is not null && payload.RootElement.TryGetProperty("scp", out var scopes) && scopes.ValueKind == JsonValueKind.String;
    }

    public static string? Claim(string token, string name)
    {
        using var payload = Payload(token);
        return payload is not null && payload.RootElement.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;
    }

    public static DateTimeOffset? Expiry(string token)
    {
        using var payload = Payload(token);
        return payload is not null && payload.RootElement.TryGetProperty("exp", out var exp) && exp.TryGetInt64(out long seconds)
            ? DateTimeOffset.FromUnixTimeSeconds(seconds)
            : null;
    }

    private static JsonDocument? Payload(string token)
    {
        string[] parts = token.Split('.');
        if (parts.Length != 3)
        {
            return null;
        }

        try
        {
            string base64 = parts[1].Replace('-', '+').Replace('_', '/');
            base64 = base64.PadRight(base64.Length + ((4 - (base64.Length % 4)) % 4), '=');
            return JsonDocument.Parse(Encoding.UTF8.GetString(Convert.FromBase64String(base64)));
        }
        catch (Exception e) when (e is FormatException or JsonException)
        {
            return null;
        }
    }
}
