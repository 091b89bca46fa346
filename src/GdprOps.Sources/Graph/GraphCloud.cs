using System;

namespace GdprOps.Sources.Graph;

/// <summary>The national clouds: Graph endpoint and Entra ID authority for each.</summary>
public static class GraphCloud
{
    public static readonly string[] Names = { "Global", "USGov", "USGovDoD", "China" };

    public static (Uri Graph, Uri Authority) Endpoints(string environment) => environment.ToUpperInvariant() switch
    {
        "GLOBAL" => (new Uri("https://graph.microsoft.com/v1.0"), new Uri("https://login.microsoftonline.com/")),
        "USGOV" => (new Uri("https://graph.microsoft.us/v1.0"), new Uri("https://login.microsoftonline.us/")),
        "USGOVDOD" => (new Uri("https://dod-graph.microsoft.us/v1.0"), new Uri("https://login.microsoftonline.us/")),
        "CHINA" => (new Uri("https://microsoftgraph.chinacloudapi.cn/v1.0"), new Uri("https://login.chinacloudapi.cn/")),
        _ => throw new GdprOpsException(ErrorIds.InvalidArgument, ErrorKind.InvalidArgument, $"Unknown environment '{environment}'. Valid: {string.Join(", ", Names)}."),
    };
}
