using System;
using System.Text.RegularExpressions;
using System.Threading;
using System.Threading.Tasks;
using GdprOps.Sources;
using GdprOps.Sources.Graph;
using Xunit;

namespace GdprOps.Tests.Sources.Graph;

/// <summary>What the one place that retries Graph requests does with failures that are not HTTP statuses.</summary>
public sealed class GraphExecutorTests
{
    /// <summary>
    /// The SDK reads each response's content type with a regular expression on a 100 ms wall-clock budget. With 16
    /// sweeps on 2 cores a starved thread overran it and a whole mailbox was reported unreadable (the 16-shard CLI test
    /// failed 2 runs in 6). It is the machine being busy, not the request failing: retried like a timeout.
    /// </summary>
    [Fact]
    public async Task A_regular_expression_timeout_inside_the_SDK_is_retried_and_the_answer_returned()
    {
        var executor = new GraphExecutor(4, TimeSpan.FromMinutes(1));
        int calls = 0;
        int answer = await executor.RunAsync("anna@contoso.example", "listing the mailbox", "mailbox", _ =>
        {
            if (Interlocked.Increment(ref calls) == 1)
            {
                throw new RegexMatchTimeoutException("application/json", "[^/]+\\+", TimeSpan.FromMilliseconds(100));
            }

            return Task.FromResult(42);
        }, CancellationToken.None);

        Assert.Equal(42, answer);
        Assert.Equal(2, calls);
        Assert.Equal(1, executor.Retries);
    }

    [Fact]
    public async Task A_regular_expression_timeout_that_outlasts_the_retry_time_is_given_up_as_a_timeout_of_that_request()
    {
        var executor = new GraphExecutor(4, TimeSpan.Zero);
        var error = await Assert.ThrowsAsync<SourceItemException>(() => executor.RunAsync<int>("anna@contoso.example", "listing the mailbox", "mailbox",
            _ => throw new RegexMatchTimeoutException("application/json", "[^/]+\\+", TimeSpan.FromMilliseconds(100)), CancellationToken.None));

        Assert.Equal(ErrorIds.GraphRequestFailed, error.ErrorId);
        Assert.Equal(ErrorKind.ResourceUnavailable, error.Kind);
        Assert.Equal("Gave up listing the mailbox after 1 attempts (timed out).", error.Message);
    }
}
