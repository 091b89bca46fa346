using System;
using System.Security.Cryptography.X509Certificates;

namespace GdprOps.Sources.Graph;

/// <summary>How to sign in to Microsoft Graph (and Azure Storage with the same identity).</summary>
public sealed class GraphConnectionOptions
{
    public string? TenantId { get; set; }

    public string? ClientId { get; set; }

    /// <summary>App-only with a client secret.</summary>
    public string? ClientSecret { get; set; }

    /// <summary>App-only with a certificate (from the store or a file).</summary>
    public X509Certificate2? Certificate { get; set; }

    /// <summary>A managed identity (system-assigned, or user-assigned when <see cref="ManagedIdentityClientId"/> is set).</summary>
    public bool ManagedIdentity { get; set; }

    public string? ManagedIdentityClientId { get; set; }

    /// <summary>Delegated sign-in with a device code; the message goes to <see cref="DeviceCodeMessage"/>.</summary>
    public bool DeviceCode { get; set; }

    public Action<string>? DeviceCodeMessage { get; set; }

    /// <summary>Delegated sign-in in a browser.</summary>
    public bool Interactive { get; set; }

    /// <summary>A token obtained elsewhere (used as is until it expires).</summary>
    public string? AccessToken { get; set; }

    /// <summary>Global, USGov, USGovDoD or China.</summary>
    public string Environment { get; set; } = "Global";

    /// <summary>A custom Graph base URL ending in /v1.0 (a proxy, a test tenant); overrides the environment's endpoint.</summary>
    public Uri? GraphEndpoint { get; set; }

    /// <summary>An Azure Storage account name or blob endpoint reached with the same credential.</summary>
    public string? StorageAccount { get; set; }

    /// <summary>How many Graph requests may be in flight at once across all mailboxes and drives.</summary>
    public int MaxConcurrentRequests { get; set; } = 64;

    /// <summary>
    /// At most this many requests per second over the whole connection; null for no budget beyond Graph's own per
    /// mailbox limits. Give each of N shards 1/N of what the tenant may send.
    /// </summary>
    public double? MaxRequestsPerSecond { get; set; }

    /// <summary>Requests one mailbox may receive per <see cref="MailboxRequestWindow"/> (Outlook: 10,000 per 10 minutes per app per mailbox).</summary>
    public int MailboxRequestsPerWindow { get; set; } = 10_000;

    public TimeSpan MailboxRequestWindow { get; set; } = TimeSpan.FromMinutes(10);

    /// <summary>
    /// The largest new file content sent in one PUT (driveitem-put-content.md: "up to 250 MB", read as decimal so
    /// either reading holds); larger goes through an upload session.
    /// </summary>
    public long SimpleUploadLimitBytes { get; set; } = 250_000_000;

    /// <summary>How long one request may keep retrying throttling and transient failures before it is given up.</summary>
    public TimeSpan MaxRetryTime { get; set; } = TimeSpan.FromMinutes(5);
}
