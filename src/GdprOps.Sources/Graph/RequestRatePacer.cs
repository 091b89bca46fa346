using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Threading;
using System.Threading.Tasks;

namespace GdprOps.Sources.Graph;

/// <summary>
/// A budget of requests per second for the whole connection (all mailboxes, drives and directory requests together),
/// so the shards of a split sweep together stay inside what the tenant may send: N shards at R each send at most N×R.
/// Requests go on an even schedule (a $batch of N takes N steps of it), and no one-second window ever holds more than
/// <see cref="RequestsPerWindow"/> of them: a $batch waits until the second before it has room for all its steps, so
/// one sent just after single requests, or just before the next, cannot put the window over. A request waits for its
/// turn, never drops. Thread-safe.
/// </summary>
public sealed class RequestRatePacer
{
    private readonly long _ticksPerRequest;
    private readonly Stopwatch _clock = Stopwatch.StartNew();
    private readonly SemaphoreSlim _turn = new(1, 1);
    private readonly Queue<(long At, int Requests)> _lastSecond = new();
    private int _inLastSecond;
    private long _nextFree;

    /// <param name="requestsPerSecond">More than 0.</param>
    public RequestRatePacer(double requestsPerSecond)
    {
        if (!(requestsPerSecond > 0) || double.IsInfinity(requestsPerSecond))
        {
            throw new GdprOpsException(ErrorIds.InvalidArgument, ErrorKind.InvalidArgument, "The request budget is a number of requests per second above 0.");
        }

        _ticksPerRequest = Math.Max(1, (long)(TimeSpan.TicksPerSecond / requestsPerSecond));
        RequestsPerWindow = (int)Math.Max(1, Math.Min(int.MaxValue, Math.Floor(requestsPerSecond)));
    }

    /// <summary>
    /// The most requests any one second may hold: the budget rounded down, at least 1. A $batch with more steps than
    /// this goes alone in its second; <see cref="MailboxBatch"/> sends none that large.
    /// </summary>
    public int RequestsPerWindow { get; }

    /// <summary>
    /// Waits until <paramref name="requests"/> requests may go; returns how long it waited. Turns are taken one at a
    /// time and each is measured from when the one before it was really let go, so requests that were held up (a busy
    /// thread pool) cannot bunch up afterwards.
    /// </summary>
    public async Task<TimeSpan> WaitTurnAsync(int requests, CancellationToken cancellationToken)
    {
        int count = Math.Max(1, requests);
        long asked = _clock.Elapsed.Ticks;
        await _turn.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            while (true)
            {
                long now = _clock.Elapsed.Ticks;
                long wait = Math.Max(_nextFree, RoomAt(count, now)) - now;
                if (wait <= 0)
                {
                    break;
                }

                await Task.Delay(TimeSpan.FromTicks(wait), cancellationToken).ConfigureAwait(false);
            }

            long sent = _clock.Elapsed.Ticks;
            _lastSecond.Enqueue((sent, count));
            _inLastSecond += count;
            _nextFree = sent + (_ticksPerRequest * count);
            return TimeSpan.FromTicks(sent - asked);
        }
        finally
        {
            _turn.Release();
        }
    }

    /// <summary>When the one-second window ending then has room for <paramref name="count"/> more requests (a batch larger than a window's worth: when it is empty).</summary>
    private long RoomAt(int count, long now)
    {
        while (_lastSecond.Count > 0 && _lastSecond.Peek().At + TimeSpan.TicksPerSecond <= now)
        {
            _inLastSecond -= _lastSecond.Dequeue().Requests;
        }

        int limit = Math.Max(RequestsPerWindow, count);
        int left = _inLastSecond;
        if (left + count <= limit)
        {
            return now;
        }

        foreach (var (at, sent) in _lastSecond)
        {
            left -= sent;
            if (left + count <= limit)
            {
                return at + TimeSpan.TicksPerSecond;
            }
        }

        return now; // not reached: an empty window has room for any count
    }
}
