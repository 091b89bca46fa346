using System.Collections.Generic;

namespace GdprOps.GraphSimulator.Handlers;

/// <summary>What the dispatcher learns about a request while routing it, for throttling and the log.</summary>
public sealed class RequestScope
{
    public string Endpoint { get; set; } = "unknown";

    public string? Mailbox { get; set; }

    public string? DriveId { get; set; }

    /// <summary>Application roles from the token, or null when the token carries none (everything allowed).</summary>
    public IReadOnlySet<string>? Roles { get; init; }
}
