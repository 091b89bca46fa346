using System;
using System.Diagnostics;
using System.Linq;
using System.Net;
using System.Net.Http;
using System.Threading.Tasks;
using GdprOps.GraphSimulator.Http;
using Microsoft.Graph.Models.ODataErrors;
using Xunit;

namespace GdprOps.GraphSimulator.Tests;

public sealed class ThrottlingTests
{
    [Fact]
    public async Task The_fifth_concurrent_request_on_a_mailbox_gets_429_mailbox_concurrency()
    {
        var (server, alice, bob) = await SmallTenant.StartAsync();
        await using var _ = server;
        server.Faults.Latency = TimeSpan.FromMilliseconds(400);
        using var http = Graph.Raw(server);
        var calls = Enumerable.Range(0, 5).Select(_ => http.GetAsync($"users/{alice.Id}/mailFolders/inbox"))
            .Append(http.GetAsync($"users/{bob.Id}/mailFolders/inbox")).ToArray();
        var responses = await Task.WhenAll(calls);

        var throttled = Assert.Single(responses, r => r.StatusCode == HttpStatusCode.TooManyRequests);
        Assert.Equal("1", throttled.Headers.GetValues("Retry-After").Single());
        var body = await throttled.Content.ReadAsStringAsync();
        Assert.Contains("ApplicationThrottled", body, StringComparison.Ordinal);
        Assert.Contains("MailboxConcurrency", body, StringComparison.Ordinal);
        Assert.Equal(5, responses.Count(r => r.StatusCode == HttpStatusCode.OK));
        Assert.Equal(5, server.Log.MaxInFlightPerMailbox());
    }

    [Fact]
    public async Task The_request_budget_per_window_is_enforced_per_mailbox()
    {
        var (server, alice, bob) = await SmallTenant.StartAsync();
        await using var _ = server;
        server.Limits.RequestsPerWindow = 3;
        server.Limits.Window = TimeSpan.FromMinutes(1);
        using var http = Graph.Raw(server);
        for (int i = 0; i < 3; i++)
        {
            Assert.Equal(HttpStatusCode.OK, (await http.GetAsync($"users/{alice.Id}/mailFolders/inbox")).StatusCode);
        }

        var over = await http.GetAsync($"users/{alice.Id}/mailFolders/inbox");
        Assert.Equal(HttpStatusCode.TooManyRequests, over.StatusCode);
        Assert.InRange(int.Parse(over.Headers.GetValues("Retry-After").Single(), System.Globalization.CultureInfo.InvariantCulture), 50, 60);
        Assert.Equal(HttpStatusCode.OK, (await http.GetAsync($"users/{bob.Id}/mailFolders/inbox")).StatusCode);
    }

    [Fact]
    public async Task The_sdk_retry_handler_waits_for_retry_after_and_the_log_can_prove_it()
    {
        var (server, alice, _) = await SmallTenant.StartAsync();
        await using var _ = server;
        server.Faults.Enqueue(Fault.Throttled(TimeSpan.FromSeconds(1)), times: 2, when: r => r.Mailbox == alice.Id);
        var graph = Graph.Client(server, maxRetry: 3);
        var watch = Stopwatch.StartNew();
        var inbox = await graph.Users[alice.Id].MailFolders["inbox"].GetAsync();
        Assert.Equal("Inbox", inbox!.DisplayName);
        Assert.True(watch.Elapsed >= TimeSpan.FromSeconds(1.9), watch.Elapsed.ToString());
        Assert.Equal(0, server.Faults.Pending);
        var attempts = server.Log.Records.Where(r => r.Mailbox == alice.Id).OrderBy(r => r.Sequence).ToList();
        Assert.Equal(new[] { 429, 429, 200 }, attempts.Select(r => r.Status));
        Assert.Equal(new int?[] { null, 1, 2 }, attempts.Select(r => r.RetryAttempt));
        Assert.Empty(server.Log.RetriesBeforeRetryAfter());
    }

    [Fact]
    public async Task The_log_catches_an_impatient_client()
    {
        var (server, alice, _) = await SmallTenant.StartAsync();
        await using var _ = server;
        server.Faults.Enqueue(Fault.Throttled(TimeSpan.FromSeconds(5)), when: r => r.Mailbox == alice.Id);
        using var http = Graph.Raw(server);
        for (int i = 0; i < 2; i++)
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, $"users/{alice.Id}/mailFolders/inbox");
            request.Headers.Add("client-request-id", "11111111-2222-3333-4444-555555555555");
            (await http.SendAsync(request)).Dispose();
        }

        var (throttled, tooSoon) = Assert.Single(server.Log.RetriesBeforeRetryAfter());
        Assert.Equal(429, throttled.Status);
        Assert.Equal(200, tooSoon.Status);
    }

    [Fact]
    public async Task Service_unavailable_and_gateway_timeouts_are_retried_by_the_sdk_and_surface_without_retries()
    {
        var (server, alice, _) = await SmallTenant.StartAsync();
        await using var _ = server;
        server.Faults.Enqueue(Fault.ServiceUnavailable(TimeSpan.FromSeconds(1)));
        server.Faults.Enqueue(Fault.GatewayTimeout());
        var retrying = Graph.Client(server, maxRetry: 3);
        Assert.NotNull(await retrying.Users[alice.Id].MailFolders["inbox"].GetAsync());
        Assert.Equal(new[] { 503, 504, 200 }, server.Log.Records.OrderBy(r => r.Sequence).Select(r => r.Status));

        server.Faults.Enqueue(Fault.ServiceUnavailable());
        var error = await Assert.ThrowsAsync<ODataError>(() => Graph.Client(server, maxRetry: 0).Users[alice.Id].MailFolders["inbox"].GetAsync());
        Assert.Equal(503, error.ResponseStatusCode);
    }

    [Fact]
    public async Task Dropped_connections_and_slow_answers_look_like_network_failures()
    {
        var (server, alice, _) = await SmallTenant.StartAsync();
        await using var _ = server;
        using var http = Graph.Raw(server);
        server.Faults.Enqueue(Fault.Drop());
        await Assert.ThrowsAsync<HttpRequestException>(() => http.GetAsync($"users/{alice.Id}/mailFolders/inbox"));

        server.Faults.Enqueue(Fault.Slow(TimeSpan.FromSeconds(3)));
        using var impatient = Graph.Raw(server);
        impatient.Timeout = TimeSpan.FromMilliseconds(300);
        await Assert.ThrowsAsync<TaskCanceledException>(() => impatient.GetAsync($"users/{alice.Id}/mailFolders/inbox"));
        Assert.Equal(HttpStatusCode.OK, (await http.GetAsync($"users/{alice.Id}/mailFolders/inbox")).StatusCode);
    }

    [Fact]
    public async Task Rate_faults_replay_with_the_same_seed_and_drives_get_sharepoint_throttling()
    {
        var (server, alice, _) = await SmallTenant.StartAsync();
        await using var _ = server;
        using var http = Graph.Raw(server);

        async Task<string> Run()
        {
            server.Reset();
            server.Faults.Reseed(42);
            server.Faults.AddRate(0.3, Fault.ServiceUnavailable(TimeSpan.FromSeconds(2)));
            var statuses = new char[20];
            for (int i = 0; i < statuses.Length; i++)
            {
                statuses[i] = (await http.GetAsync($"users/{alice.Id}/mailFolders/inbox")).StatusCode == HttpStatusCode.OK ? '.' : 'x';
            }

            return new string(statuses);
        }

        string first = await Run();
        Assert.Contains('x', first);
        Assert.Contains('.', first);
        Assert.Equal(first, await Run());

        server.Reset();
        server.Faults.Enqueue(Fault.SharePointThrottled(TimeSpan.FromSeconds(3)), when: r => r.DriveId is not null);
        var response = await http.GetAsync($"drives/{alice.Drive!.Id}/root/children");
        Assert.Equal(HttpStatusCode.TooManyRequests, response.StatusCode);
        Assert.Contains("activityLimitReached", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, (await http.GetAsync($"drives/{alice.Drive!.Id}/root/children")).StatusCode);
    }

    [Fact]
    public async Task Application_roles_in_the_token_decide_what_is_allowed()
    {
        var (server, alice, _) = await SmallTenant.StartAsync();
        await using var _ = server;
        var message = SmallTenant.Plant(server, alice, "inbox", "Keep");
        var reader = Graph.Client(server, 0, null, "Mail.Read", "Files.Read.All", "User.Read.All");
        Assert.Equal("Keep", (await reader.Users[alice.Id].Messages[message.ImmutableId].GetAsync())!.Subject);
        var denied = await Assert.ThrowsAsync<ODataError>(() => reader.Users[alice.Id].Messages[message.ImmutableId].DeleteAsync());
        Assert.Equal("ErrorAccessDenied", denied.Error!.Code);
        Assert.True(alice.Mailbox!.Messages.ContainsKey(message.ImmutableId));

        var file = alice.Drive!.AddFile(alice.Drive.Root, "x.txt", new byte[] { 1 }, "text/plain", "x", SmallTenant.Now);
        Assert.Equal(403, (await Assert.ThrowsAsync<ODataError>(() => reader.Drives[alice.Drive.Id].Items[file.Id].DeleteAsync())).ResponseStatusCode);

        var mailOnly = Graph.Client(server, 0, null, "Mail.ReadWrite");
        Assert.Equal(403, (await Assert.ThrowsAsync<ODataError>(() => mailOnly.Users.GetAsync())).ResponseStatusCode);
        await mailOnly.Users[alice.Id].Messages[message.ImmutableId].DeleteAsync();
    }
}
