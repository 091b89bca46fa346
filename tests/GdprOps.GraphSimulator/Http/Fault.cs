using System;

namespace GdprOps.GraphSimulator.Http;

/// <summary>What an injected fault does to a request.</summary>
public sealed record Fault
{
    /// <summary>0 for faults that only delay or drop.</summary>
    public int Status { get; init; }

    public string Code { get; init; } = string.Empty;

    public string Message { get; init; } = string.Empty;

    public TimeSpan? RetryAfter { get; init; }

    /// <summary>Wait this long before answering (the request is then served normally when <see cref="Status"/> is 0).</summary>
    public TimeSpan Delay { get; init; }

    public bool DropConnection { get; init; }

    public static Fault Throttled(TimeSpan retryAfter, string code = "ApplicationThrottled", string message = "Application is over its MailboxConcurrency limit.") =>
        new() { Status = 429, Code = code, Message = message, RetryAfter = retryAfter };

    /// <summary>SharePoint's throttling answer on drives.</summary>
    public static Fault SharePointThrottled(TimeSpan retryAfter) =>
        new() { Status = 429, Code = "activityLimitReached", Message = "The request has been throttled", RetryAfter = retryAfter };

    public static Fault ServiceUnavailable(TimeSpan? retryAfter = null) =>
        new() { Status = 503, Code = "serviceNotAvailable", Message = "The service is temporarily unavailable.", RetryAfter = retryAfter };

    public static Fault GatewayTimeout() => new() { Status = 504, Code = "UnknownError", Message = "The gateway timed out." };

    public static Fault Drop() => new() { DropConnection = true };

    public static Fault Slow(TimeSpan delay) => new() { Delay = delay };
}
