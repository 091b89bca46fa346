using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;

namespace GdprOps.GraphSimulator.Http;

/// <summary>Every request the simulator answered, for efficiency and politeness assertions.</summary>
public sealed class RequestLog
{
    private readonly object gate = new();
    private readonly List<RequestRecord> records = new();
    private long sequence;

    public IReadOnlyList<RequestRecord> Records
    {
        get
        {
            lock (gate)
            {
                return records.ToArray();
            }
        }
    }

    public long NextSequence() => Interlocked.Increment(ref sequence);

    public void Add(RequestRecord record)
    {
        lock (gate)
        {
            records.Add(record);
        }
    }

    public void Clear()
    {
        lock (gate)
        {
            records.Clear();
        }
    }

    public int Count(Func<RequestRecord, bool>? where = null) => where is null ? Records.Count : Records.Count(where);

    /// <summary>Requests per mailbox (user id), batch sub-requests included.</summary>
    public IReadOnlyDictionary<string, int> CountByMailbox() =>
        Records.Where(r => r.Mailbox is not null).GroupBy(r => r.Mailbox!).ToDictionary(g => g.Key, g => g.Count(), StringComparer.Ordinal);

    /// <summary>The mailboxes each caller (bearer token) sent requests to.</summary>
    public IReadOnlyDictionary<string, IReadOnlySet<string>> MailboxesByCaller() =>
        Records.Where(r => r.Mailbox is not null && r.Caller is not null).GroupBy(r => r.Caller!, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => (IReadOnlySet<string>)g.Select(r => r.Mailbox!).ToHashSet(StringComparer.Ordinal), StringComparer.Ordinal);

    public IReadOnlyDictionary<string, int> CountByEndpoint() =>
        Records.GroupBy(r => r.Endpoint).ToDictionary(g => g.Key, g => g.Count(), StringComparer.Ordinal);

    public IReadOnlyDictionary<int, int> CountByStatus() =>
        Records.GroupBy(r => r.Status).ToDictionary(g => g.Key, g => g.Count());

    /// <summary>The most requests that were ever in flight at once on one mailbox, rejected ones included.</summary>
    public int MaxInFlightPerMailbox() => Records.Where(r => r.Mailbox is not null).Select(r => r.InFlightOnMailbox).DefaultIfEmpty(0).Max();

    /// <summary>
    /// Requests that came back sooner than the Retry-After of a throttled answer to the same request
    /// (same client-request-id, or same method and URL). Empty for a polite client.
    /// </summary>
    public IReadOnlyList<(RequestRecord Throttled, RequestRecord TooSoon)> RetriesBeforeRetryAfter()
    {
        var violations = new List<(RequestRecord, RequestRecord)>();
        foreach (var group in Records.GroupBy(r => r.RetryKey))
        {
            var ordered = group.OrderBy(r => r.Started).ToList();
            for (int i = 0; i < ordered.Count - 1; i++)
            {
                if (ordered[i].RetryAfter is { } wait && ordered[i + 1].Started < ordered[i].Finished + wait - TimeSpan.FromMilliseconds(5))
                {
                    violations.Add((ordered[i], ordered[i + 1]));
                }
            }
        }

        return violations;
    }
}
