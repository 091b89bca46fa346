using System;

namespace GdprOps.GraphSimulator.Http;

/// <summary>Outlook resource limits per mailbox (per app). Defaults are Graph's documented values.</summary>
public sealed class ThrottleLimits
{
    /// <summary>Concurrent requests per mailbox; the next one gets 429 ApplicationThrottled (MailboxConcurrency).</summary>
    public int MaxConcurrentPerMailbox { get; set; } = 4;

    /// <summary>Retry-After sent with a concurrency 429 (whole seconds: the SDK does not parse fractions).</summary>
    public TimeSpan ConcurrencyRetryAfter { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>Requests per mailbox per <see cref="Window"/>.</summary>
    public int RequestsPerWindow { get; set; } = 10_000;

    public TimeSpan Window { get; set; } = TimeSpan.FromMinutes(10);
}
