using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Net.Http;
using System.Text.RegularExpressions;
using System.Threading;
using System.Threading.Tasks;
using GdprOps.Extraction;
using Microsoft.Kiota.Abstractions;

namespace GdprOps.Sources.Graph;

/// <summary>
/// The one place Graph requests are paced and retried. At most 4 requests in flight per mailbox (Outlook's
/// MailboxConcurrency limit) and a global cap; 429, 503 and 504 wait for their Retry-After (or back off with
/// jitter when there is none), dropped connections and timeouts (the HTTP client's, and the SDK's regular expressions'
/// wall-clock budget on a starved machine) back off too, and every wait is cancellable.
/// A request that keeps failing past <see cref="MaxRetryTime"/> is given up with a clear error.
/// </summary>
public sealed class GraphExecutor
{
    public const int PerMailboxConcurrency = 4;
    private const int MaxAttempts = 10;
    private static readonly TimeSpan MaxBackoff = TimeSpan.FromSeconds(30);

    private readonly ConcurrentDictionary<string, MailboxSlots> mailboxes = new(StringComparer.OrdinalIgnoreCase);
    private readonly SemaphoreSlim global;
    private readonly Random jitter = new();
    private long throttleTicks;
    private int requests;
    private int retries;

    private readonly MailboxRequestPacer? pacer;
    private readonly RequestRatePacer? rate;

    public GraphExecutor(int maxConcurrentRequests, TimeSpan maxRetryTime, MailboxRequestPacer? pacer = null, RequestRatePacer? rate = null)
    {
        global = new SemaphoreSlim(Math.Max(1, maxConcurrentRequests));
        MaxRetryTime = maxRetryTime;
        this.pacer = pacer;
        this.rate = rate;
    }

    public TimeSpan MaxRetryTime { get; }

    /// <summary>Total time spent waiting for Retry-After or back-off, across all requests.</summary>
    public TimeSpan ThrottleWait => TimeSpan.FromTicks(Interlocked.Read(ref throttleTicks));

    public int Requests => Volatile.Read(ref requests);

    /// <summary>The most steps a $batch may have under the connection's request budget (its requests per second), so one batch cannot exceed it.</summary>
    public int MaxBatchSteps => rate?.RequestsPerWindow ?? int.MaxValue;

    public int Retries => Volatile.Read(ref retries);

    /// <summary>Runs <paramref name="call"/> under the mailbox's (or drive's) slot, retrying what is transient.</summary>
    /// <param name="resource">The mailbox or drive the request touches, or null for directory requests.</param>
    /// <param name="what">What is being done, for the error when it is given up (no personal data).</param>
    public Task<T> RunAsync<T>(string? resource, string what, Func<CancellationToken, Task<T>> call, CancellationToken cancellationToken) =>
        RunCoreAsync(resource, what, 1, call, cancellationToken);

    /// <summary>
    /// Sends one $batch of <paramref name="steps"/> requests to one mailbox. Graph evaluates each step against the
    /// mailbox's limits (json-batching.md; throttling-limits.md, Outlook: 4 concurrent requests, 10,000 per 10
    /// minutes) and runs up to 4 steps at once, so the batch holds as many of the mailbox's slots as it runs at once
    /// and counts as all of its steps against the request budget. Failures are translated for <paramref name="errorResource"/>.
    /// </summary>
    public Task<T> RunBatchAsync<T>(string resource, int steps, string what, string errorResource, Func<CancellationToken, Task<T>> call, CancellationToken cancellationToken) =>
        TranslatedAsync(RunCoreAsync(resource, what, Math.Max(1, steps), call, cancellationToken), errorResource, cancellationToken);

    private async Task<T> RunCoreAsync<T>(string? resource, string what, int steps, Func<CancellationToken, Task<T>> call, CancellationToken cancellationToken)
    {
        var started = DateTimeOffset.UtcNow;
        int slots = Math.Min(steps, PerMailboxConcurrency);
        for (int attempt = 1; ; attempt++)
        {
            TimeSpan wait;
            Exception failure;
            var mailbox = resource is null ? null : mailboxes.GetOrAdd(resource, _ => new MailboxSlots());
            // The mailbox's slots first: a request waiting for a busy mailbox must not hold one of the global slots.
            if (mailbox is not null)
            {
                await mailbox.EnterAsync(slots, cancellationToken).ConfigureAwait(false);
            }

            try
            {
                // Mailboxes (not drives, whose resource keys start with "drive:") stay inside their request budget.
                if (pacer is not null && resource is not null && !resource.StartsWith("drive:", StringComparison.Ordinal))
                {
                    var paced = await pacer.WaitTurnAsync(resource, steps, cancellationToken).ConfigureAwait(false);
                    Interlocked.Add(ref throttleTicks, paced.Ticks);
                }

                if (rate is not null)
                {
                    // The connection's budget across all mailboxes (-MaxRequestsPerSecond): a retry pays again.
                    Interlocked.Add(ref throttleTicks, (await rate.WaitTurnAsync(steps, cancellationToken).ConfigureAwait(false)).Ticks);
                }

                await global.WaitAsync(cancellationToken).ConfigureAwait(false);
                try
                {
                    Interlocked.Increment(ref requests);
                    return await call(cancellationToken).ConfigureAwait(false);
                }
                catch (ApiException e) when (IsTransient(e.ResponseStatusCode))
                {
                    failure = e;
                    wait = RetryAfter(e.ResponseHeaders) ?? Backoff(attempt);
                }
                catch (HttpRequestException e)
                {
                    failure = e;
                    wait = Backoff(attempt);
                }
                catch (OperationCanceledException e) when (!cancellationToken.IsCancellationRequested)
                {
                    // HttpClient's own timeout, not the user's Ctrl+C.
                    failure = e;
                    wait = Backoff(attempt);
                }
                catch (RegexMatchTimeoutException e)
                {
                    // The SDK reads every response's content type with a regular expression that has a 100 ms wall-clock
                    // budget (Kiota's vendor content-type clean-up). The pattern is linear: it times out only when this
                    // thread lost the CPU (seen with 16 sweeps on 2 cores), so the request is retried like a timeout
                    // instead of failing a whole mailbox.
                    failure = e;
                    wait = Backoff(attempt);
                }
                finally
                {
                    global.Release();
                }
            }
            finally
            {
                mailbox?.Exit(slots);
            }

            if (attempt >= MaxAttempts || DateTimeOffset.UtcNow - started + wait > MaxRetryTime)
            {
                throw GraphErrors.GaveUp(what, failure, attempt);
            }

            Interlocked.Increment(ref retries);
            Interlocked.Add(ref throttleTicks, wait.Ticks);
            await Task.Delay(wait, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary><see cref="RunAsync{T}(string?, string, Func{CancellationToken, Task{T}}, CancellationToken)"/> with failures translated for <paramref name="errorResource"/> (mailbox, message, drive, file, directory object).</summary>
    public Task<T> RunAsync<T>(string? resource, string what, string errorResource, Func<CancellationToken, Task<T>> call, CancellationToken cancellationToken) =>
        TranslatedAsync(RunCoreAsync(resource, what, 1, call, cancellationToken), errorResource, cancellationToken);

    private static async Task<T> TranslatedAsync<T>(Task<T> running, string errorResource, CancellationToken cancellationToken)
    {
        try
        {
            return await running.ConfigureAwait(false);
        }
        catch (Exception e) when (e is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            throw GraphErrors.Translate(e, errorResource);
        }
    }

    /// <summary>
    /// Downloads a body (MIME, file content) into memory or a temporary file inside the request's slot, so a
    /// connection dropped halfway is retried like any other transient failure.
    /// </summary>
    public Task<Stream> DownloadAsync(string? resource, string what, string errorResource, long? expectedBytes, Func<CancellationToken, Task<Stream?>> open, CancellationToken cancellationToken) =>
        RunAsync(resource, what, errorResource, async ct =>
        {
            var spool = SpillStream.Create(expectedBytes ?? long.MaxValue);
            try
            {
                using var body = await open(ct).ConfigureAwait(false)
                    ?? throw new SourceItemException(ErrorIds.GraphRequestFailed, ErrorKind.ReadError, $"The {errorResource} has no content.");
                await body.CopyToAsync(spool, 81920, ct).ConfigureAwait(false);
                spool.Position = 0;
                return spool;
            }
            catch
            {
                spool.Dispose();
                throw;
            }
        }, cancellationToken);

    private static bool IsTransient(int status) => status is 429 or 503 or 504 or 502;

    /// <summary>Retry-After in seconds (fractions allowed) or as an HTTP date.</summary>
    internal static TimeSpan? RetryAfter(IDictionary<string, IEnumerable<string>>? headers)
    {
        if (headers is null)
        {
            return null;
        }

        foreach (var header in headers)
        {
            if (!header.Key.Equals("Retry-After", StringComparison.OrdinalIgnoreCase))
            {
                continue;
            }

            if (RetryAfter(header.Value.FirstOrDefault()) is { } delay)
            {
                return delay;
            }
        }

        return null;
    }

    /// <summary>One Retry-After value: seconds (fractions allowed) or an HTTP date; the one reader for requests and $batch steps.</summary>
    internal static TimeSpan? RetryAfter(string? value)
    {
        value = value?.Trim();
        if (double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out double seconds) && seconds >= 0)
        {
            return TimeSpan.FromSeconds(seconds);
        }

        if (DateTimeOffset.TryParse(value, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var when))
        {
            var delay = when - DateTimeOffset.UtcNow;
            return delay > TimeSpan.Zero ? delay : TimeSpan.Zero;
        }

        return null;
    }

    /// <summary>
    /// A mailbox's 4 request slots. A $batch takes several; only one taker of several slots fills up at a time, so
    /// two batches can never each hold half the slots and wait for the other forever.
    /// </summary>
    private sealed class MailboxSlots
    {
        private readonly SemaphoreSlim free = new(PerMailboxConcurrency);
        private readonly SemaphoreSlim several = new(1);

        public async Task EnterAsync(int count, CancellationToken cancellationToken)
        {
            if (count <= 1)
            {
                await free.WaitAsync(cancellationToken).ConfigureAwait(false);
                return;
            }

            await several.WaitAsync(cancellationToken).ConfigureAwait(false);
            int taken = 0;
            try
            {
                for (; taken < count; taken++)
                {
                    await free.WaitAsync(cancellationToken).ConfigureAwait(false);
                }
            }
            catch
            {
                if (taken > 0)
                {
                    free.Release(taken);
                }

                throw;
            }
            finally
            {
                several.Release();
            }
        }

        public void Exit(int count) => free.Release(Math.Max(1, count));
    }

    private TimeSpan Backoff(int attempt)
    {
        double factor;
        lock (jitter)
        {
            factor = 0.5 + jitter.NextDouble();
        }

        double seconds = Math.Min(MaxBackoff.TotalSeconds, Math.Pow(2, attempt - 1) * 0.5) * factor;
        return TimeSpan.FromSeconds(seconds);
    }
}
