using System;
using System.Diagnostics;
using System.Globalization;
using System.Linq;
using System.Net.Http;
using System.Threading.Tasks;
using GdprOps.GraphSimulator;
using GdprOps.GraphSimulator.Generation;

namespace GdprOps.Bench;

/// <summary>
/// How long the Graph simulator takes to generate a tenant and answer its first request. Tests start many of
/// them, so this must stay well under a second for a 50-mailbox tenant.
/// </summary>
internal static class GraphStartupBenchmark
{
    public static async Task<int> RunAsync(int users, int iterations)
    {
        var spec = new TenantSpec { Users = users };
        var generate = new double[iterations];
        var listen = new double[iterations];
        using var http = new HttpClient();
        http.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", "bench");
        for (int i = 0; i < iterations; i++)
        {
            var clock = Stopwatch.StartNew();
            var (tenant, truth) = TenantGenerator.Generate(spec);
            generate[i] = clock.Elapsed.TotalMilliseconds;
            clock.Restart();
            await using var server = await GraphSimulatorServer.StartAsync(tenant);
            (await http.GetAsync(server.BaseUrl + "/users?$top=1")).EnsureSuccessStatusCode();
            listen[i] = clock.Elapsed.TotalMilliseconds;
            if (i == 0)
            {
                Console.WriteLine($"tenant: {tenant.Users.Count} users, {tenant.Users.Sum(u => u.Mailbox?.Messages.Count ?? 0)} messages, {tenant.Drives.Count} drives, {truth.Items.Count} planted items");
            }
        }

        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"first: generate {generate[0]:F0} ms + start and first answer {listen[0]:F0} ms = {generate[0] + listen[0]:F0} ms"));
        if (iterations > 1)
        {
            double g = Median(generate.Skip(1)), l = Median(listen.Skip(1));
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"warm median of {iterations - 1}: generate {g:F0} ms + start {l:F0} ms = {g + l:F0} ms"));
        }

        return 0;
    }

    private static double Median(System.Collections.Generic.IEnumerable<double> values)
    {
        var sorted = values.OrderBy(v => v).ToArray();
        return sorted[sorted.Length / 2];
    }
}
