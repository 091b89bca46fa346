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

    /// <summary>Mail $search and drive search match whole words only (see <see cref="OData.KqlQuery.Parse"/>).</summary>
    public bool SearchWholeWords { get; set; }

    /// <summary>Mail $search and drive search tell letters with marks from those without (see <see cref="OData.KqlQuery.Fold"/>).</summary>
    public bool SearchDiacriticSensitive { get; set; }

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

    /// <summary>Open upload sessions by the token in their uploadUrl.</summary>
    public ConcurrentDictionary<string, UploadSession> Uploads { get; } = new(StringComparer.Ordinal);

    /// <summary>An upload session for replacing an item's content (driveitem-createuploadsession.md), valid for a day.</summary>
    public (string Url, DateTimeOffset Expires) OpenUpload(SimDrive drive, SimDriveItem item)
    {
        string token = SimIds.Secret();
        var expires = Clock() + TimeSpan.FromDays(1);
        Uploads[token] = new UploadSession(drive, item, expires);
        return ($"{Origin}/_upload/{token}", expires);
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

/// <summary>The bytes received so far for one upload session, and how each fragment came.</summary>
public sealed class UploadSession(SimDrive drive, SimDriveItem item, DateTimeOffset expires)
{
    public SimDrive Drive { get; } = drive;

    public SimDriveItem Item { get; } = item;

    public DateTimeOffset Expires { get; } = expires;

    public System.IO.MemoryStream Received { get; } = new();

    /// <summary>Fragment lengths in the order they came.</summary>
    public System.Collections.Generic.List<long> Fragments { get; } = new();

    /// <summary>Fragments that arrived with an Authorization header (the docs say not to send one).</summary>
    public int WithAuthorization { get; set; }

    public bool Completed { get; set; }
}
