using System;
using System.Diagnostics;
using System.Globalization;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using GdprOps.GraphSimulator;
using GdprOps.GraphSimulator.Generation;
using GdprOps.GraphSimulator.Model;
using GdprOps.Hosting;
using GdprOps.Model;
using GdprOps.Removal;
using GdprOps.Sources;
using GdprOps.Sources.Graph;
using GdprOps.Subjects;
using GdprOps.Sweep;

namespace GdprOps.Bench;

/// <summary>
/// Purges messages that mention one person, spread over many mailboxes, against the simulator with per-request
/// latency: wall time and requests, against the bound of 4 requests in flight per mailbox.
/// </summary>
internal static class RemovalBenchmark
{
    public static async Task<int> RunAsync(int mailboxes, int messages, int latencyMs, int workers)
    {
        var now = new DateTimeOffset(2026, 11, 1, 12, 0, 0, TimeSpan.Zero);
        var tenant = new SimTenant(seed: 9);
        int perMailbox = messages / mailboxes;
        for (int i = 0; i < mailboxes; i++)
        {
            var user = tenant.AddUser($"user{i:D3}", $"User {i:D3}", withDrive: false);
            var inbox = user.Mailbox!.WellKnown("inbox");
            for (int m = 0; m < perMailbox; m++)
            {
                user.Mailbox.Add(TenantGenerator.NewMessage(tenant, inbox, new SimAddress("Ingrid Kvist", "ingrid.kvist@fjord.example"), new[] { new SimAddress(user.DisplayName, user.UserPrincipalName) },
                    "Order " + m.ToString(CultureInfo.InvariantCulture), "Regards, Ingrid Kvist", null, now.AddMinutes(-m), Array.Empty<SimAttachment>()));
            }
        }

        await using var server = await GraphSimulatorServer.StartAsync(tenant);
        using var connection = GraphConnection.Create(new GraphConnectionOptions { AccessToken = "bench-token", GraphEndpoint = new Uri(server.BaseUrl), MaxConcurrentRequests = Math.Max(workers, 256) });
        var subject = new SubjectProfileBuilder().AddNames(new[] { "Ingrid Kvist" }).AddEmails(new[] { "ingrid.kvist@fjord.example" }).Build();
        var host = new RecordingHostLite();
        var sources = await new GraphSweepScope { AllMailboxes = true }.ResolveAsync(connection, subject, host, CancellationToken.None);
        await new PersonalDataSweep(new SweepOptions(subject, sources) { ThrottleLimit = 64, SourceConcurrency = 32, MaxItemsInFlightPerSource = 12 }, host).RunAsync(CancellationToken.None);
        var findings = host.Findings;
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{findings.Count} findings in {mailboxes} mailboxes"));

        server.Faults.Latency = TimeSpan.FromMilliseconds(latencyMs);
        server.Log.Clear();
        var clock = Stopwatch.StartNew();
        var results = await new SubjectRemover(new RemovalOptions(subject) { Mode = RemovalMode.Purge, ThrottleLimit = workers }, new SourceItemRemover(connection), new CountingHost())
            .RunAsync(findings, CancellationToken.None);
        var wall = clock.Elapsed;
        int requests = server.Log.Count();
        double bound = (double)requests / (GraphExecutor.PerMailboxConcurrency * mailboxes) * latencyMs / 1000.0;
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"purged: {results.Count(r => r.Outcome == RemovalOutcome.Removed)} removed, {results.Count(r => r.Outcome != RemovalOutcome.Removed)} other; {requests} requests ({(double)requests / findings.Count:F1} per item), max in flight per mailbox {server.Log.MaxInFlightPerMailbox()}"));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"wall {wall.TotalSeconds:F1} s with {workers} workers; bound at {latencyMs} ms, 4 per mailbox x {mailboxes}: {bound:F1} s; ratio {wall.TotalSeconds / bound:F1}"));
        return 0;
    }

    private sealed class RecordingHostLite : IRunHost
    {
        private readonly object gate = new();

        public System.Collections.Generic.List<Finding> Findings { get; } = new();

        public void WriteOutput(object item)
        {
            if (item is Finding finding)
            {
                lock (gate)
                {
                    Findings.Add(finding);
                }
            }
        }

        public void WriteVerbose(string message)
        {
        }

        public void WriteWarning(string message)
        {
        }

        public void WriteProgress(RunProgress progress)
        {
        }

        public void WriteItemError(ItemError error) => Console.Error.WriteLine(error.ErrorId + " " + error.Target);
    }
}
