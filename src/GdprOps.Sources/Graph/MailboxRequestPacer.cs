using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;

namespace GdprOps.Sources.Graph;

/// <summary>
/// Keeps each mailbox under Outlook's request budget (throttling-limits.md: 10,000 API requests in a 10-minute period
/// per app per mailbox), so a long -Deep sweep paces itself instead of running into minutes of 429s and
/// GraphThrottled. A sliding window of request start times per mailbox; a request that would exceed it waits,
/// cancellably, until the oldest one leaves the window.
/// </summary>
public sealed class MailboxRequestPacer
{
    private readonly int limit;
    private readonly TimeSpan window;
    private readonly Dictionary<string, Queue<DateTimeOffset>> started = new(StringComparer.OrdinalIgnoreCase);

    public MailboxRequestPacer(int limit, TimeSpan window)
    {
        this.limit = Math.Max(1, limit);
        this.window = window > TimeSpan.Zero ? window : TimeSpan.FromMinutes(10);
    }

    /// <summary>Waits until the mailbox may send one more request and counts it; returns how long it waited.</summary>
    public Task<TimeSpan> WaitTurnAsync(string mailbox, CancellationToken cancellationToken) => WaitTurnAsync(mailbox, 1, cancellationToken);

    /// <summary>
    /// Waits until the mailbox may send <paramref name="requests"/> more requests (a $batch counts as its steps:
    /// json-batching.md, "each request in a batch is evaluated against throttling limits") and counts them.
    /// More than the whole budget at once waits for an empty window.
    /// </summary>
    public async Task<TimeSpan> WaitTurnAsync(string mailbox, int requests, CancellationToken cancellationToken)
    {
        int needed = Math.Min(Math.Max(1, requests), limit);
        var waited = TimeSpan.Zero;
        while (true)
        {
            TimeSpan wait;
            lock (started)
            {
                var now = DateTimeOffset.UtcNow;
                if (!started.TryGetValue(mailbox, out var times))
                {
                    started[mailbox] = times = new Queue<DateTimeOffset>();
                }

                while (times.Count > 0 && times.Peek() <= now - window)
                {
                    times.Dequeue();
                }

                if (times.Count + needed <= limit)
                {
                    for (int i = 0; i < needed; i++)
                    {
                        times.Enqueue(now);
                    }

                    return waited;
                }

                // The oldest start whose leaving makes room for all of them.
                wait = times.ElementAt(times.Count + needed - limit - 1) + window - now + TimeSpan.FromMilliseconds(1);
            }

            await Task.Delay(wait, cancellationToken).ConfigureAwait(false);
            waited += wait;
        }
    }
}
