using System;
using System.Diagnostics;
using System.Globalization;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using GdprOps.GraphSimulator;
using GdprOps.GraphSimulator.Generation;
using GdprOps.GraphSimulator.Model;
using GdprOps.Model;
using GdprOps.Sources.Graph;
using GdprOps.Subjects;
using GdprOps.Sweep;

namespace GdprOps.Bench;

/// <summary>
/// Sweeps a simulated tenant with per-request latency and compares the wall time with the lower bound Graph's
/// limits allow: requests ÷ (4 per mailbox × mailboxes in flight) × latency.
/// </summary>
internal static class GraphSweepBenchmark
{
    public static async Task<int> RunAsync(string mode, int mailboxes, int messages, int latencyMs, int workers, int mailboxesInFlight)
    {
        bool subjectMode = mode == "subject";
        var now = new DateTimeOffset(2026, 11, 1, 12, 0, 0, TimeSpan.Zero);
        var clock = Stopwatch.StartNew();
        var tenant = new SimTenant(seed: 5);
        for (int i = 0; i < mailboxes; i++)
        {
            var user = tenant.AddUser($"user{i:D4}", $"User {i:D4}", withDrive: false);
            TenantGenerator.Fill(tenant, user, i % 3 == 0 ? "sentitems" : "inbox", messages, now, seed: i);
        }

        Console.WriteLine(Inv($"tenant: {mailboxes} mailboxes x {messages} messages generated in {clock.Elapsed.TotalSeconds:F1} s"));
        await using var server = await GraphSimulatorServer.StartAsync(tenant);
        server.Faults.Latency = TimeSpan.FromMilliseconds(latencyMs);
        server.WarmSearchIndex();

        using var connection = GraphConnection.Create(new GraphConnectionOptions
        {
            AccessToken = "bench-token",
            GraphEndpoint = new Uri(server.BaseUrl),
            MaxConcurrentRequests = Math.Max(workers, mailboxesInFlight * GraphExecutor.PerMailboxConcurrency),
        });
        SubjectProfile? subject = subjectMode
            ? new SubjectProfileBuilder().AddNames(new[] { "Ingrid Kvist" }).AddEmails(new[] { "ingrid.kvist@fjord.example" }).AddPhones(new[] { "+45 31 41 59 26" }).Build()
            : null;
        // Warm up (JIT of the SDK and the engine) on one mailbox, then measure the whole tenant from a clean log.
        var warm = await new GraphSweepScope { Mailboxes = new[] { tenant.Users[0].UserPrincipalName } }.ResolveAsync(connection, subject, new CountingHost(), CancellationToken.None);
        await new PersonalDataSweep(new SweepOptions(subject, warm) { ThrottleLimit = workers }, new CountingHost()).RunAsync(CancellationToken.None);
        server.Log.Clear();

        var scope = new GraphSweepScope { AllMailboxes = true };
        var host = new CountingHost();
        clock.Restart();
        var sources = await scope.ResolveAsync(connection, subject, host, CancellationToken.None);
        var options = new SweepOptions(subject, sources) { ThrottleLimit = workers, SourceConcurrency = mailboxesInFlight, MaxItemsInFlightPerSource = GraphExecutor.PerMailboxConcurrency * 3 };
        var summary = await new PersonalDataSweep(options, host).RunAsync(CancellationToken.None);
        var wall = clock.Elapsed;

        int requests = server.Log.Count();
        int mailRequests = server.Log.Count(r => r.Mailbox is not null);
        int throttled = server.Log.Count(r => r.Status == 429);
        int inFlight = Math.Min(mailboxes, mailboxesInFlight);
        double bound = (double)requests / (GraphExecutor.PerMailboxConcurrency * inFlight) * latencyMs / 1000.0;
        Console.WriteLine(Inv($"mode {mode}: {summary.ItemsSeen} items scanned, {host.Findings} findings, {host.Errors} errors"));
        Console.WriteLine(Inv($"requests: {requests} ({(double)mailRequests / mailboxes:F1} per mailbox), 429s: {throttled}, max in flight per mailbox: {server.Log.MaxInFlightPerMailbox()}"));
        Console.WriteLine(Inv($"wall: {wall.TotalSeconds:F2} s; lower bound at {latencyMs} ms with {inFlight} mailboxes in flight: {bound:F2} s; ratio {wall.TotalSeconds / bound:F2}"));
        var records = server.Log.Records;
        var durations = records.Select(r => (r.Finished - r.Started).TotalMilliseconds).OrderBy(d => d).ToArray();
        var span = records.Max(r => r.Finished) - records.Min(r => r.Started);
        double busy = records.Sum(r => (r.Finished - r.Started).TotalSeconds);
        Console.WriteLine(Inv($"server: median request {durations[durations.Length / 2]:F0} ms, p95 {durations[(int)(durations.Length * 0.95)]:F0} ms, average concurrency {busy / span.TotalSeconds:F1} over {span.TotalSeconds:F2} s"));
        Console.WriteLine(Inv($"settings: {workers} workers, {mailboxesInFlight} mailboxes in flight, {connection.Options.MaxConcurrentRequests} requests in flight at most"));
        return 0;
    }

    private static string Inv(FormattableString s) => s.ToString(CultureInfo.InvariantCulture);
}
