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

    /// <summary>
    /// Send every Retry-After (top-level answers and $batch steps alike) as an HTTP date instead of seconds. RFC 9110
    /// section 10.2.3 allows either; Graph's throttling docs show seconds but do not promise them, so the product must
    /// read both. The date is rounded up to the next whole second so it never asks for less than the wait meant.
    /// </summary>
    public bool RetryAfterAsHttpDate { get; set; }
}
