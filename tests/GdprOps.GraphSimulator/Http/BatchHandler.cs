using System;
using System.Collections.Generic;
using System.Linq;
using System.Text;
using System.Text.Json.Nodes;
using System.Threading;
using System.Threading.Tasks;

namespace GdprOps.GraphSimulator.Http;

/// <summary>
/// JSON $batch: at most 20 steps, at most 4 run at once, dependsOn chains (a failed dependency answers 424),
/// responses in completion order (not request order), each step throttled and logged on its own.
/// </summary>
internal sealed class BatchHandler
{
    public const int MaxSteps = 20;
    private const int Parallelism = 4;
    private readonly Dispatcher dispatcher;

    public BatchHandler(Dispatcher dispatcher) => this.dispatcher = dispatcher;

    public async Task<GraphResponse> HandleAsync(GraphRequest request, IReadOnlySet<string>? roles, CancellationToken cancellationToken)
    {
        if (request.Json?["requests"] is not JsonArray steps)
        {
            throw GraphException.BadRequest("Invalid batch payload format.", "BadRequest");
        }

        if (steps.Count > MaxSteps)
        {
            throw GraphException.BadRequest($"Number of requests in the batch exceeds the limit of {MaxSteps}.", "BadRequest");
        }

        var parsed = new List<Step>();
        foreach (var node in steps)
        {
            string id = (string?)node?["id"] ?? throw GraphException.BadRequest("Every batch request needs an id.");
            if (parsed.Any(p => p.Id == id))
            {
                throw GraphException.BadRequest($"Batch request ids must be unique: '{id}' appears twice.");
            }

            parsed.Add(new Step(id, node!.AsObject(), (node["dependsOn"] as JsonArray)?.Select(d => (string)d!).ToArray() ?? Array.Empty<string>()));
        }

        foreach (var step in parsed)
        {
            if (step.DependsOn.Any(d => parsed.All(p => p.Id != d)))
            {
                throw GraphException.BadRequest($"Request '{step.Id}' depends on a request that is not in the batch.");
            }
        }

        var results = new Dictionary<string, GraphResponse>(StringComparer.Ordinal);
        var completion = new List<(string Id, GraphResponse Response)>();
        using var slots = new SemaphoreSlim(Parallelism);
        var running = new Dictionary<string, Task<GraphResponse>>(StringComparer.Ordinal);
        var gate = new object();

        async Task<GraphResponse> RunAsync(Step step)
        {
            foreach (string dependency in step.DependsOn)
            {
                var answer = await running[dependency].ConfigureAwait(false);
                if (answer.Status >= 400 || answer.Status == 0)
                {
                    var failed = GraphResponse.Error(424, "FailedDependency", "The request depends on a request that failed.");
                    lock (gate)
                    {
                        completion.Add((step.Id, failed));
                    }

                    return failed;
                }
            }

            await slots.WaitAsync(cancellationToken).ConfigureAwait(false);
            try
            {
                var response = await dispatcher.HandleAsync(ToRequest(step, request), roles, cancellationToken).ConfigureAwait(false);
                lock (gate)
                {
                    completion.Add((step.Id, response));
                }

                return response;
            }
            finally
            {
                slots.Release();
            }
        }

        foreach (var step in OrderByDependencies(parsed))
        {
            running[step.Id] = RunAsync(step);
        }

        await Task.WhenAll(running.Values).ConfigureAwait(false);
        if (completion.Any(c => c.Response.Drop))
        {
            return new GraphResponse { Drop = true };
        }

        var array = new JsonArray();
        foreach (var (id, response) in completion)
        {
            array.Add(ToJson(id, response));
        }

        return GraphResponse.Ok(new JsonObject { ["responses"] = array });
    }

    private static IEnumerable<Step> OrderByDependencies(List<Step> steps)
    {
        var done = new HashSet<string>(StringComparer.Ordinal);
        var pending = new List<Step>(steps);
        while (pending.Count > 0)
        {
            var ready = pending.FirstOrDefault(s => s.DependsOn.All(done.Contains))
                ?? throw GraphException.BadRequest("The batch contains a dependency cycle.");
            pending.Remove(ready);
            done.Add(ready.Id);
            yield return ready;
        }
    }

    private static GraphRequest ToRequest(Step step, GraphRequest batch)
    {
        string url = (string?)step.Node["url"] ?? throw GraphException.BadRequest($"Request '{step.Id}' has no url.");
        string method = ((string?)step.Node["method"] ?? "GET").ToUpperInvariant();
        if (url.StartsWith("http", StringComparison.OrdinalIgnoreCase))
        {
            throw GraphException.BadRequest("Batch request urls must be relative.");
        }

        // The SDK strips "/v1.0" and unescapes the rest, so the path may hold spaces, quotes, '/' or '+' raw.
        int question = url.IndexOf('?');
        string path = (question < 0 ? url : url[..question]).TrimStart('/');
        var query = RequestParsing.ParseQuery(question < 0 ? string.Empty : url[(question + 1)..], plusIsSpace: false);
        var headers = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        if (batch.Header("Authorization") is { } auth)
        {
            headers["Authorization"] = auth;
        }

        if (step.Node["headers"] is JsonObject stepHeaders)
        {
            foreach (var (key, value) in stepHeaders)
            {
                headers[key] = value?.ToString() ?? string.Empty;
            }
        }

        var body = step.Node["body"];
        return new GraphRequest
        {
            Method = method,
            Path = path,
            Segments = RequestParsing.SplitPath(path, unescape: false),
            Query = query,
            Headers = headers,
            Json = body?.DeepClone(),
            Body = body is null ? Array.Empty<byte>() : Encoding.UTF8.GetBytes(body.ToJsonString()),
            InBatch = true,
        };
    }

    private static JsonObject ToJson(string id, GraphResponse response)
    {
        var headers = new JsonObject();
        foreach (var (key, value) in response.Headers)
        {
            headers[key] = value;
        }

        if (response.BodyContentType() is { } type)
        {
            headers["Content-Type"] = type;
        }

        var json = new JsonObject { ["id"] = id, ["status"] = response.Status, ["headers"] = headers };
        if (response.Json is not null)
        {
            json["body"] = response.Json.DeepClone();
        }
        else if (response.Bytes is not null)
        {
            json["body"] = Convert.ToBase64String(response.Bytes);
        }

        return json;
    }

    private sealed record Step(string Id, JsonObject Node, string[] DependsOn);
}
