using System.Collections.Generic;

namespace GdprOps.GraphSimulator.Http;

/// <summary>What a fault rule can see of a request.</summary>
/// <param name="Query">The query options by name ($search, $filter, ...), unescaped.</param>
public sealed record GraphRequestInfo(string Method, string Path, string? Mailbox, string? DriveId, bool InBatch, IReadOnlyDictionary<string, string>? Query = null);
