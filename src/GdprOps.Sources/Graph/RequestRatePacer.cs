using System;
using System.Diagnostics;
using System.Threading;
using System.Threading.Tasks;

namespace GdprOps.Sources.Graph;

/// <summary>
/// A budget of requests per second for the whole connection (all mailboxes, drives and directory requests together),
/// so the shards of a split sweep together stay inside what the tenant may send: N shards at R each send at most N×R.
/// Each request takes the next free slot on an even schedule (a $batch takes one per step); a request waits for its
/// slot, never drops. Thread-safe.
/// </summary>
public sealed class RequestRatePacer
{
    private readonly long _ticksPerRequest;
    private readonly Stopwatch _clock = Stopwatch.StartNew();
    private readonly SemaphoreSlim _turn = new(1, 1);
    private long _nextFree;

    /// <param name="requestsPerSecond">More than 0.</param>
    public RequestRatePacer(double requestsPerSecond)
    {
        if (!(requestsPerSecond > 0) || double.IsInfinity(requestsPerSecond))
        {
            throw new GdprOpsException(ErrorIds.InvalidArgument, ErrorKind.InvalidArgument, "The request budget is a number of requests per second above 0.");
        }

        _ticksPerRequest = Math.Max(1, (long)(TimeSpan.TicksPerSecond / requestsPerSecond));
    }

    /// <summary>
    /// Waits until <paramref name="requests"/> requests may go; returns how long it waited. Turns are taken one at a
    /// time and each is measured from when the one before it was really let go, so requests that were held up (a busy
    /// thread pool) cannot bunch up afterwards.
    /// </summary>
    public async Task<TimeSpan> WaitTurnAsync(int requests, CancellationToken cancellationToken)
    {
        long asked = _clock.Elapsed.Ticks;
        await _turn.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            long wait = _nextFree - _clock.Elapsed.Ticks;
            if (wait > 0)
            {
                await Task.Delay(TimeSpan.FromTicks(wait), cancellationToken).ConfigureAwait(false);
            }

            _nextFree = _clock.Elapsed.Ticks + (_ticksPerRequest * Math.Max(1, requests));
            return TimeSpan.FromTicks(_clock.Elapsed.Ticks - asked);
        }
        finally
        {
            _turn.Release();
        }
    }
}
