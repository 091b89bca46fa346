using System;

namespace GdprOps.GraphSimulator.Http;

/// <summary>One request as the simulator saw it. Batch sub-requests are logged one by one, marked <see cref="InBatch"/>.</summary>
public sealed record RequestRecord
{
    public long Sequence { get; init; }

    public DateTimeOffset Started { get; init; }

    public DateTimeOffset Finished { get; init; }

    public required string Method { get; init; }

    public required string Path { get; init; }

    public string Query { get; init; } = string.Empty;

    /// <summary>The mailbox owner's user id for mail requests.</summary>
    public string? Mailbox { get; init; }

    public string? DriveId { get; init; }

    /// <summary>A coarse label such as "messages.list", "message.mime", "drive.delta", "batch".</summary>
    public string Endpoint { get; init; } = string.Empty;

    public int Status { get; init; }

    public string? ErrorCode { get; init; }

    /// <summary>The error's message, when the answer is an error.</summary>
    public string? ErrorMessage { get; init; }

    public bool InBatch { get; init; }

    /// <summary>Who asked: the bearer token as sent (a test gives each client process its own opaque token).</summary>
    public string? Caller { get; init; }

    public string? ClientRequestId { get; init; }

    /// <summary>The SDK's Retry-Attempt header.</summary>
    public int? RetryAttempt { get; init; }

    /// <summary>The Retry-After this response asked for.</summary>
    public TimeSpan? RetryAfter { get; init; }

    /// <summary>Requests in flight on the same mailbox when this one arrived, itself included.</summary>
    public int InFlightOnMailbox { get; init; }

    /// <summary>Identifies "the same request" across retries: the client-request-id, else method and URL.</summary>
    public string RetryKey => ClientRequestId is { Length: > 0 } id && !InBatch ? id : $"{Method} {Path}?{Query}";
}
