using System;
using System.Collections.Generic;

namespace GdprOps.GraphSimulator.Http;

/// <summary>
/// Scriptable faults: an exact queue ("the next 3 requests to this mailbox get 429") and rates ("10% of
/// drive requests get 503"). Rates draw from a seeded generator so a failing run can be replayed.
/// </summary>
public sealed class FaultPlan
{
    private readonly object gate = new();
    private readonly List<QueuedFault> queue = new();
    private readonly List<RateFault> rates = new();
    private Random random = new(7);

    /// <summary>Added to every request (simulates network and service time; used by benchmarks).</summary>
    public TimeSpan Latency { get; set; }

    public void Reseed(int seed)
    {
        lock (gate)
        {
            random = new Random(seed);
        }
    }

    /// <summary>The next <paramref name="times"/> requests matching <paramref name="when"/> (all when null) get <paramref name="fault"/>.</summary>
    public void Enqueue(Fault fault, int times = 1, Func<GraphRequestInfo, bool>? when = null)
    {
        lock (gate)
        {
            queue.Add(new QueuedFault(fault, when, times));
        }
    }

    /// <summary>Each request matching <paramref name="when"/> gets <paramref name="fault"/> with probability <paramref name="rate"/>.</summary>
    public void AddRate(double rate, Fault fault, Func<GraphRequestInfo, bool>? when = null)
    {
        lock (gate)
        {
            rates.Add(new RateFault(rate, fault, when));
        }
    }

    public void Clear()
    {
        lock (gate)
        {
            queue.Clear();
            rates.Clear();
        }
    }

    /// <summary>Pending queued faults (tests assert a storm was fully consumed).</summary>
    public int Pending
    {
        get
        {
            lock (gate)
            {
                int pending = 0;
                foreach (var item in queue)
                {
                    pending += item.Remaining;
                }

                return pending;
            }
        }
    }

    internal Fault? Next(GraphRequestInfo request)
    {
        lock (gate)
        {
            foreach (var item in queue)
            {
                if (item.Remaining > 0 && (item.When is null || item.When(request)))
                {
                    item.Remaining--;
                    return item.Fault;
                }
            }

            queue.RemoveAll(q => q.Remaining == 0);
            foreach (var rate in rates)
            {
                if ((rate.When is null || rate.When(request)) && random.NextDouble() < rate.Rate)
                {
                    return rate.Fault;
                }
            }

            return null;
        }
    }

    private sealed class QueuedFault(Fault fault, Func<GraphRequestInfo, bool>? when, int remaining)
    {
        public Fault Fault { get; } = fault;

        public Func<GraphRequestInfo, bool>? When { get; } = when;

        public int Remaining { get; set; } = remaining;
    }

    private sealed record RateFault(double Rate, Fault Fault, Func<GraphRequestInfo, bool>? When);
}
