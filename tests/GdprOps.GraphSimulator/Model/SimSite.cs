using System.Collections.Generic;

namespace GdprOps.GraphSimulator.Model;

/// <summary>A SharePoint site with its document libraries.</summary>
public sealed class SimSite
{
    /// <summary>hostname,siteCollectionId,webId as Graph composes site ids.</summary>
    public required string Id { get; init; }

    public required string Name { get; init; }

    public required string DisplayName { get; init; }

    public required string WebUrl { get; init; }

    public List<SimDrive> Drives { get; } = new();
}
