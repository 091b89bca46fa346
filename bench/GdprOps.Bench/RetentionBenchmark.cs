using System;
using System.Diagnostics;
using System.Globalization;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using GdprOps.GraphSimulator;
using GdprOps.GraphSimulator.Generation;
using GdprOps.GraphSimulator.Model;
using GdprOps.Retention;
using GdprOps.Sources.Graph;

namespace GdprOps.Bench;

/// <summary>Test-MailboxRetention over many mailboxes at a given latency: requests per folder and wall time against the bound.</summary>
internal static class RetentionBenchmark
{
    public static async Task<int> RunAsync(int mailboxes, int latencyMs)
    {
        var now = new DateTimeOffset(2026, 11, 1, 12, 0, 0, TimeSpan.Zero);
        var tenant = new SimTenant(seed: 13);
        for (int i = 0; i < mailboxes; i++)
        {
            var user = tenant.AddUser($"user{i:D4}", $"User {i:D4}", withDrive: false);
            // Mostly compliant mailboxes; every tenth keeps a few old messages in its inbox.
            TenantGenerator.Fill(tenant, user, "inbox", 5, i % 10 == 0 ? now.AddMonths(-8) : now, seed: i);
        }

        await using var server = await GraphSimulatorServer.StartAsync(tenant);
        using var connection = GraphConnection.Create(new GraphConnectionOptions { AccessToken = "bench-token", GraphEndpoint = new Uri(server.BaseUrl), MaxConcurrentRequests = 256 });
        var names = tenant.Users.Select(u => u.UserPrincipalName).ToList();
        await new MailboxRetentionCheck(connection.MailboxFolders).RunAsync(names.Take(2).ToList(), MailboxRetentionCheck.StandardFolders, RetentionAge.Parse("6mo"), now, false, false, new CountingHost(), CancellationToken.None);
        server.Faults.Latency = TimeSpan.FromMilliseconds(latencyMs);
        server.Log.Clear();
        var clock = Stopwatch.StartNew();
        var summary = await new MailboxRetentionCheck(connection.MailboxFolders).RunAsync(names, MailboxRetentionCheck.StandardFolders, RetentionAge.Parse("6mo"), now, false, false, new CountingHost(), CancellationToken.None);
        var wall = clock.Elapsed;
        int requests = server.Log.Count();
        int inFlight = Math.Min(mailboxes, 32);
        double bound = (double)requests / (GraphExecutor.PerMailboxConcurrency * inFlight) * latencyMs / 1000.0;
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{summary.MailboxesChecked} mailboxes, {summary.NonCompliant} non-compliant, {summary.Violations} items over the limit"));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"requests: {requests} = {(double)requests / mailboxes:F1} per mailbox, {(double)requests / (mailboxes * 4):F1} per folder (target <= 2 when compliant); max in flight per mailbox {server.Log.MaxInFlightPerMailbox()}"));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"wall {wall.TotalSeconds:F1} s; bound at {latencyMs} ms with {inFlight} mailboxes x 4 in flight: {bound:F1} s; ratio {wall.TotalSeconds / bound:F2}"));
        return 0;
    }
}
