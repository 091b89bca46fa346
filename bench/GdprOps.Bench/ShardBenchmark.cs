using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Threading.Tasks;
using GdprOps.GraphSimulator;
using GdprOps.GraphSimulator.Generation;
using GdprOps.GraphSimulator.Model;

namespace GdprOps.Bench;

/// <summary>
/// One deep discovery sweep of a simulated tenant (with per-request latency) split over N = 1, 2, 4 ... gdprops
/// processes at once: wall time, speed-up, and requests per second per shard from the simulator's log, which tells
/// the shards apart by their tokens. On a 2-core box the point is that requests, not CPU, bound a shard.
/// </summary>
internal static class ShardBenchmark
{
    public static async Task<int> RunAsync(string repoRoot, int mailboxes, int messages, int latencyMs, IReadOnlyList<int> shardCounts, string? cli)
    {
        cli ??= Path.Combine(repoRoot, "src", "GdprOps.Cli", "bin", "Release", "net10.0", "gdprops.dll");
        if (!File.Exists(cli))
        {
            Console.Error.WriteLine($"Build the CLI first: dotnet build -c Release src/GdprOps.Cli ({cli} is missing).");
            return 2;
        }

        var now = new DateTimeOffset(2026, 11, 1, 12, 0, 0, TimeSpan.Zero);
        var tenant = new SimTenant(seed: 19);
        for (int i = 0; i < mailboxes; i++)
        {
            var user = tenant.AddUser($"user{i:D4}", $"User {i:D4}", withDrive: false);
            TenantGenerator.Fill(tenant, user, i % 3 == 0 ? "sentitems" : "inbox", messages, now, seed: i);
        }

        await using var server = await GraphSimulatorServer.StartAsync(tenant);
        server.Faults.Latency = TimeSpan.FromMilliseconds(latencyMs);
        string output = Path.Combine(Path.GetTempPath(), "gdprops-bench-shards");
        Directory.CreateDirectory(output);
        Console.WriteLine(Inv($"tenant: {mailboxes} mailboxes x {messages} messages, {latencyMs} ms per request; gdprops find --all-mailboxes --discover --deep; {Environment.ProcessorCount} cores"));
        Console.WriteLine(" N   wall s  speed-up  requests  req/s all  req/s per shard (min-max)  findings");
        double? baseline = null;
        foreach (int n in shardCounts)
        {
            server.Log.Clear();
            var cpu = Process.GetCurrentProcess().TotalProcessorTime;
            var clock = Stopwatch.StartNew();
            var runs = Enumerable.Range(1, n).Select(k => RunAsync(cli, server.BaseUrl, Path.Combine(output, $"n{n}.csv"), k, n)).ToList();
            var results = await Task.WhenAll(runs);
            double wall = clock.Elapsed.TotalSeconds;
            baseline ??= wall;
            var records = server.Log.Records;
            var perShard = records.Where(r => r.Caller is not null).GroupBy(r => r.Caller!)
                .Select(g => g.Count() / Math.Max(0.001, (g.Max(r => r.Finished) - g.Min(r => r.Started)).TotalSeconds)).ToList();
            int findings = Enumerable.Range(1, n).Sum(k => File.ReadLines(Path.Combine(output, n == 1 ? $"n{n}.csv" : $"n{n}.{k}-of-{n}.csv")).Count() - 1);
            Console.WriteLine(Inv($"{n,2}  {wall,7:0.0}  {baseline.Value / wall,7:0.00}x  {records.Count,8}  {records.Count / wall,9:0}  {perShard.Average(),8:0} ({perShard.Min():0}-{perShard.Max():0})            {findings}   exit {string.Join(",", results.Distinct())}"));
        }

        Console.WriteLine(Inv($"(Graph allows 4 requests in flight per app and mailbox and 10,000 per 10 minutes per mailbox: at {latencyMs} ms a mailbox gives at most {4000.0 / Math.Max(1, latencyMs):0} req/s.)"));
        return 0;
    }

    private static async Task<int> RunAsync(string cli, string endpoint, string csv, int shard, int count)
    {
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        var arguments = new List<string> { cli, "find", "--graph-endpoint", endpoint, "--all-mailboxes", "--discover", "--deep", "--csv", csv, "--run-id", "bench" };
        if (count > 1)
        {
            arguments.AddRange(new[] { "--shard", $"{shard}/{count}" });
        }

        foreach (string argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        start.Environment["GDPROPS_ACCESS_TOKEN"] = $"bench-shard-{shard}-of-{count}";
        start.Environment["GDPROPS_AUDIT_LOG"] = Path.Combine(Path.GetTempPath(), "gdprops-bench-shards", "audit.log");
        using var process = Process.Start(start) ?? throw new InvalidOperationException("dotnet did not start");
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        await stdout;
        if (process.ExitCode > 1)
        {
            Console.Error.WriteLine(await stderr);
        }

        return process.ExitCode;
    }

    private static string Inv(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
