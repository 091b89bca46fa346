using System;
using System.Collections.Concurrent;
using GdprOps.GraphSimulator.Model;

namespace GdprOps.GraphSimulator.Handlers;

/// <summary>What every handler needs: the tenant, the public base URL, the clock and short-lived download URLs.</summary>
public sealed class SimulatorContext
{
    private readonly ConcurrentDictionary<string, (SimDrive Drive, SimDriveItem Item, int Version, DateTimeOffset Expires)> downloads = new(StringComparer.Ordinal);

    public SimulatorContext(SimTenant tenant, Func<DateTimeOffset> clock)
    {
        Tenant = tenant;
        Clock = clock;
    }

    public SimTenant Tenant { get; }

    public Func<DateTimeOffset> Clock { get; }

    /// <summary>http://127.0.0.1:port (no path); set once the server listens.</summary>
    public string Origin { get; set; } = string.Empty;

    /// <summary>The Graph base URL clients use: {Origin}/v1.0.</summary>
    public string BaseUrl => Origin + "/v1.0";

    /// <summary>A pre-authenticated download URL valid for one hour, as @microsoft.graph.downloadUrl.</summary>
    public string DownloadUrl(SimDrive drive, SimDriveItem item)
    {
        string token = SimIds.Secret();
        downloads[token] = (drive, item, item.Version, Clock() + TimeSpan.FromHours(1));
        return $"{Origin}/_download/{token}";
    }

    public (SimDrive Drive, SimDriveItem Item, int Version)? Redeem(string token)
    {
        if (downloads.TryGetValue(token, out var entry) && entry.Expires > Clock())
        {
            return (entry.Drive, entry.Item, entry.Version);
        }

        return null;
    }
}
