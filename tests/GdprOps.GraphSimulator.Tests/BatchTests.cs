using System;
using System.Linq;
using System.Net;
using System.Net.Http;
using System.Text;
using System.Text.Json.Nodes;
using System.Threading.Tasks;
using GdprOps.GraphSimulator.Http;
using Microsoft.Graph;
using Microsoft.Graph.Models;
using Xunit;

namespace GdprOps.GraphSimulator.Tests;

public sealed class BatchTests
{
    private static async Task<JsonNode> PostBatch(GraphSimulatorServer server, JsonArray requests, HttpStatusCode expected = HttpStatusCode.OK)
    {
        using var http = Graph.Raw(server);
        using var content = new StringContent(new JsonObject { ["requests"] = requests }.ToJsonString(), Encoding.UTF8, "application/json");
        using var response = await http.PostAsync("$batch", content);
        Assert.Equal(expected, response.StatusCode);
        return JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
    }

    private static JsonObject Get(string id, string url, params string[] dependsOn)
    {
        var step = new JsonObject { ["id"] = id, ["method"] = "GET", ["url"] = url };
        if (dependsOn.Length > 0)
        {
            step["dependsOn"] = new JsonArray(dependsOn.Select(d => (JsonNode)d).ToArray());
        }

        return step;
    }

    [Fact]
    public async Task The_sdk_batch_collection_round_trips_and_each_step_has_its_own_status()
    {
        var (server, alice, _) = await SmallTenant.StartAsync();
        await using var _ = server;
        var one = SmallTenant.Plant(server, alice, "inbox", "One");
        var graph = Graph.Client(server);
        var batch = new BatchRequestContentCollection(graph);
        string ok = await batch.AddBatchRequestStepAsync(graph.Users[alice.UserPrincipalName].Messages[one.ImmutableId].ToGetRequestInformation());
        string missing = await batch.AddBatchRequestStepAsync(graph.Users[alice.UserPrincipalName].Messages["AAMkAnope="].ToGetRequestInformation());
        string folder = await batch.AddBatchRequestStepAsync(graph.Users[alice.UserPrincipalName].MailFolders["inbox"].ToGetRequestInformation());

        var response = await graph.Batch.PostAsync(batch);
        var statuses = await response.GetResponsesStatusCodesAsync();
        Assert.Equal(HttpStatusCode.OK, statuses[ok]);
        Assert.Equal(HttpStatusCode.NotFound, statuses[missing]);
        Assert.Equal("One", (await response.GetResponseByIdAsync<Message>(ok)).Subject);
        Assert.Equal("Inbox", (await response.GetResponseByIdAsync<MailFolder>(folder)).DisplayName);
        Assert.Equal(3, server.Log.Count(r => r.InBatch));
        Assert.Equal(1, server.Log.Count(r => r.Endpoint == "batch"));
    }

    [Fact]
    public async Task Sdk_batch_steps_arrive_unescaped_and_a_plus_or_a_space_keeps_its_meaning()
    {
        var (server, alice, _) = await SmallTenant.StartAsync();
        await using var _ = server;
        var mailbox = alice.Mailbox!;
        mailbox.Add(GdprOps.GraphSimulator.Generation.TenantGenerator.NewMessage(server.Tenant, mailbox.WellKnown("inbox"),
            new GdprOps.GraphSimulator.Model.SimAddress("Ann", "ann+news@example.org"), new[] { new GdprOps.GraphSimulator.Model.SimAddress("Alice", alice.UserPrincipalName) },
            "Plus sign", "Hello world", null, SmallTenant.Now, Array.Empty<GdprOps.GraphSimulator.Model.SimAttachment>()));
        SmallTenant.Plant(server, alice, "inbox", "Other");
        var graph = Graph.Client(server);
        var batch = new BatchRequestContentCollection(graph);
        string plus = await batch.AddBatchRequestStepAsync(graph.Users[alice.UserPrincipalName].Messages.ToGetRequestInformation(r => r.QueryParameters.Search = "\"from:ann+news@example.org\""));
        string phrase = await batch.AddBatchRequestStepAsync(graph.Users[alice.UserPrincipalName].Messages.ToGetRequestInformation(r => r.QueryParameters.Search = "\"\\\"hello world\\\"\""));
        var response = await graph.Batch.PostAsync(batch);
        Assert.Equal("Plus sign", Assert.Single((await response.GetResponseByIdAsync<MessageCollectionResponse>(plus)).Value!).Subject);
        Assert.Equal("Plus sign", Assert.Single((await response.GetResponseByIdAsync<MessageCollectionResponse>(phrase)).Value!).Subject);
    }

    [Fact]
    public async Task More_than_20_steps_is_a_bad_request()
    {
        var (server, alice, _) = await SmallTenant.StartAsync();
        await using var _ = server;
        var steps = new JsonArray(Enumerable.Range(1, 21).Select(i => (JsonNode)Get(i.ToString(System.Globalization.CultureInfo.InvariantCulture), $"/users/{alice.Id}/mailFolders/inbox")).ToArray());
        var body = await PostBatch(server, steps, HttpStatusCode.BadRequest);
        Assert.Contains("20", (string?)body["error"]!["message"], StringComparison.Ordinal);
        Assert.Equal(0, server.Log.Count(r => r.InBatch));
    }

    [Fact]
    public async Task A_failed_dependency_answers_424_and_slow_steps_come_back_last()
    {
        var (server, alice, _) = await SmallTenant.StartAsync();
        await using var _ = server;
        server.Faults.Enqueue(Fault.Slow(TimeSpan.FromMilliseconds(400)), when: r => r.InBatch && r.Path.EndsWith("inbox", StringComparison.Ordinal));
        var steps = new JsonArray(
            Get("1", $"/users/{alice.Id}/mailFolders/inbox"),
            Get("2", $"/users/{alice.Id}/messages/AAMkAmissing="),
            Get("3", $"/users/{alice.Id}/mailFolders/archive", "2"),
            Get("4", $"/users/{alice.Id}/mailFolders/drafts"));
        var responses = (await PostBatch(server, steps))["responses"]!.AsArray();
        Assert.Equal(new[] { "1", "2", "3", "4" }, responses.Select(r => (string)r!["id"]!).OrderBy(x => x));
        Assert.Equal(424, (int)responses.Single(r => (string)r!["id"]! == "3")!["status"]!);
        Assert.Equal("1", (string)responses[^1]!["id"]!);
        Assert.DoesNotContain(server.Log.Records, r => r.InBatch && r.Path.EndsWith("archive", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Steps_are_throttled_one_by_one_with_their_own_retry_after_and_never_more_than_four_run_at_once()
    {
        var (server, alice, _) = await SmallTenant.StartAsync();
        await using var _ = server;
        server.Faults.Latency = TimeSpan.FromMilliseconds(80);
        server.Faults.Enqueue(Fault.Throttled(TimeSpan.FromSeconds(7)), times: 2, when: r => r.InBatch);
        var steps = new JsonArray(Enumerable.Range(1, 12).Select(i => (JsonNode)Get(i.ToString(System.Globalization.CultureInfo.InvariantCulture), $"/users/{alice.Id}/mailFolders/inbox")).ToArray());
        var responses = (await PostBatch(server, steps))["responses"]!.AsArray();

        var throttled = responses.Where(r => (int)r!["status"]! == 429).ToList();
        Assert.Equal(2, throttled.Count);
        Assert.All(throttled, r => Assert.Equal("7", (string?)r!["headers"]!["Retry-After"]));
        Assert.Equal(10, responses.Count(r => (int)r!["status"]! == 200));
        Assert.InRange(server.Log.MaxInFlightPerMailbox(), 1, 4);
    }
}
