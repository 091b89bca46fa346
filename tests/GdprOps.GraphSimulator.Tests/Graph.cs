using System;
using System.Collections.Generic;
using System.Linq;
using System.Net.Http;
using Microsoft.Graph;
using Microsoft.Graph.Authentication;
using Microsoft.Kiota.Http.HttpClientLibrary.Middleware;
using Microsoft.Kiota.Http.HttpClientLibrary.Middleware.Options;

namespace GdprOps.GraphSimulator.Tests;

/// <summary>Real GraphServiceClients pointed at a simulator, as the connectors will build them.</summary>
internal static class Graph
{
    /// <summary>A client with the SDK's default handlers; <paramref name="maxRetry"/> 0 surfaces ODataError for every failure.</summary>
    public static GraphServiceClient Client(GraphSimulatorServer server, int maxRetry = 3, TimeSpan? timeout = null, params string[] roles)
    {
        var handlers = GraphClientFactory.CreateDefaultHandlers();
        int index = handlers.IndexOf(handlers.First(h => h is RetryHandler));
        handlers[index] = new RetryHandler(new RetryHandlerOption { MaxRetry = maxRetry });
        var http = GraphClientFactory.Create(handlers);
        http.Timeout = timeout ?? TimeSpan.FromSeconds(100);
        var auth = new AzureIdentityAuthenticationProvider(new FakeCredential(roles), new[] { "127.0.0.1" }, null, false, "https://graph.microsoft.com/.default");
        return new GraphServiceClient(http, auth, server.BaseUrl);
    }

    /// <summary>A plain HttpClient with a bearer token, for requests the SDK would not send (malformed, oversized).</summary>
    public static HttpClient Raw(GraphSimulatorServer server)
    {
        var http = new HttpClient { BaseAddress = new Uri(server.BaseUrl + "/") };
        http.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", "simulator-token");
        return http;
    }
}
