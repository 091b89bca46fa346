using System;
using System.Collections.Generic;

namespace GdprOps.GraphSimulator.Http;

/// <summary>Admits or throttles mail requests per mailbox: concurrency first, then the request budget of the window.</summary>
internal sealed class MailboxThrottle
{
    private readonly object gate = new();
    private readonly Dictionary<string, State> states = new(StringComparer.Ordinal);
    private readonly ThrottleLimits limits;
    private readonly Func<DateTimeOffset> clock;

    public MailboxThrottle(ThrottleLimits limits, Func<DateTimeOffset> clock)
    {
        this.limits = limits;
        this.clock = clock;
    }

    /// <summary>Returns a 429 to send, or null when admitted (then <see cref="Release"/> must follow). Always reports the in-flight count.</summary>
    public GraphResponse? TryEnter(string mailbox, out int inFlight)
    {
        lock (gate)
        {
            if (!states.TryGetValue(mailbox, out var state))
            {
                state = new State { WindowStart = clock() };
                states[mailbox] = state;
            }

            inFlight = state.InFlight + 1;
            if (state.InFlight >= limits.MaxConcurrentPerMailbox)
            {
                return GraphResponse.Error(429, "ApplicationThrottled", "Application is over its MailboxConcurrency limit.", limits.ConcurrencyRetryAfter);
            }

            var now = clock();
            if (now - state.WindowStart >= limits.Window)
            {
                state.WindowStart = now;
                state.Used = 0;
            }

            if (state.Used >= limits.RequestsPerWindow)
            {
                var wait = state.WindowStart + limits.Window - now;
                return GraphResponse.Error(429, "ApplicationThrottled", "Application is over its MailboxRequestRate limit.", wait < TimeSpan.FromSeconds(1) ? TimeSpan.FromSeconds(1) : wait);
            }

            state.Used++;
            state.InFlight++;
            return null;
        }
    }

    public ThrottleLimits Limits => limits;

    public void Release(string mailbox)
    {
        lock (gate)
        {
            states[mailbox].InFlight--;
        }
    }

    public void Reset()
    {
        lock (gate)
        {
            foreach (var state in states.Values)
            {
                state.Used = 0;
                state.WindowStart = clock();
            }
        }
    }

    private sealed class State
    {
        public int InFlight { get; set; }

        public int Used { get; set; }

        public DateTimeOffset WindowStart { get; set; }
    }
}
