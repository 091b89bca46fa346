namespace GdprOps.GraphSimulator.Http;

/// <summary>What a fault rule can see of a request.</summary>
public sealed record GraphRequestInfo(string Method, string Path, string? Mailbox, string? DriveId, bool InBatch);
