using System;

namespace GdprOps.Sources.Graph;

/// <summary>What Get-GdprOpsConnection shows: who is signed in to what, and with which permissions. No secrets, no tokens.</summary>
public sealed class GraphConnectionInfo
{
    public string TenantId { get; init; } = string.Empty;

    public string ClientId { get; init; } = string.Empty;

    public string AuthType { get; init; } = string.Empty;

    public string Environment { get; init; } = string.Empty;

    public string GraphEndpoint { get; init; } = string.Empty;

    /// <summary>Granted application roles or delegated scopes, ;-joined (from the token, when it carries them).</summary>
    public string Permissions { get; init; } = string.Empty;

    public string StorageAccount { get; init; } = string.Empty;

    public DateTimeOffset ConnectedAt { get; init; }

    public DateTimeOffset TokenExpiresOn { get; init; }
}
