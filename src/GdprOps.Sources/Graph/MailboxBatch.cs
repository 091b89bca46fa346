using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.Graph;
using Microsoft.Kiota.Abstractions;

namespace GdprOps.Sources.Graph;

/// <summary>
/// Runs one request per item of one mailbox in Graph $batch requests of 20 (fewer under a request budget of less than
/// 20 a second), one batch at a time (Graph runs up to 4
/// steps at once: the mailbox's concurrency limit, so a batch holds all of the mailbox's slots while it runs and
/// counts as its steps against the request budget: <see cref="GraphExecutor.RunBatchAsync{T}"/>). Steps answered 429/503/504 go into a later batch after their own
/// Retry-After (the SDK never retries steps); every other answer is reported once per item by status code.
/// </summary>
public sealed class MailboxBatch
{
    public const int BatchSize = 20;
    private readonly GraphConnection connection;

    public MailboxBatch(GraphConnection connection) => this.connection = connection;

    /// <param name="request">Builds an item's request.</param>
    /// <param name="completed">Called once per item with the step's status (0 when the whole batch failed) and the error message, if any.</param>
    public async Task RunAsync<T>(string mailbox, IReadOnlyList<T> items, Func<T, RequestInformation> request, Action<T, int, string?> completed, CancellationToken cancellationToken)
    {
        var client = connection.Client;
        var pending = new Queue<(T Item, int Attempts)>(items.Select(i => (i, 0)));
        var deadline = DateTimeOffset.UtcNow + connection.Executor.MaxRetryTime;
        int size = Math.Min(BatchSize, connection.Executor.MaxBatchSteps); // a budget of 5 requests a second sends batches of 5
        while (pending.Count > 0)
        {
            var chunk = new List<(T Item, int Attempts)>();
            while (chunk.Count < size && pending.Count > 0)
            {
                chunk.Add(pending.Dequeue());
            }

            var batch = new BatchRequestContentCollection(client);
            var steps = new Dictionary<string, (T Item, int Attempts)>(StringComparer.Ordinal);
            foreach (var entry in chunk)
            {
                steps[await batch.AddBatchRequestStepAsync(request(entry.Item)).ConfigureAwait(false)] = entry;
            }

            BatchResponseContentCollection response;
            try
            {
                response = await connection.Executor.RunBatchAsync(mailbox, chunk.Count, "sending a batch", "mailbox", c => client.Batch.PostAsync(batch, c), cancellationToken).ConfigureAwait(false);
            }
            catch (SourceItemException ex)
            {
                foreach (var entry in chunk)
                {
                    completed(entry.Item, 0, ex.Message);
                }

                continue;
            }

            var statuses = await response.GetResponsesStatusCodesAsync().ConfigureAwait(false);
            var wait = TimeSpan.Zero;
            foreach (var step in steps)
            {
                int status = statuses.TryGetValue(step.Key, out var code) ? (int)code : 0;
                if (status is 429 or 503 or 504 && DateTimeOffset.UtcNow < deadline)
                {
                    using var answer = await response.GetResponseByIdAsync(step.Key).ConfigureAwait(false);
                    // The same reader as single requests: seconds or an HTTP date (a date was ignored here before).
                    var given = answer.Headers.TryGetValues("Retry-After", out var values) ? GraphExecutor.RetryAfter(values.FirstOrDefault()) : null;
                    var retryAfter = given ?? TimeSpan.FromSeconds(Math.Min(30, Math.Pow(2, step.Value.Attempts)));
                    wait = retryAfter > wait ? retryAfter : wait;
                    pending.Enqueue((step.Value.Item, step.Value.Attempts + 1));
                }
                else
                {
                    completed(step.Value.Item, status, status is 429 or 503 or 504 ? $"Gave up after repeated throttling (HTTP {status})." : null);
                }
            }

            if (wait > TimeSpan.Zero)
            {
                await Task.Delay(wait, cancellationToken).ConfigureAwait(false);
            }
        }
    }
}
