using System;
using System.Diagnostics;
using System.IO;
using System.Threading.Tasks;
using GdprOps.Audit;

namespace GdprOps.Bench;

/// <summary>
/// Audit appends on a small and on a large log, side by side: an append reads only the log's first and last
/// lines, so its cost must not grow with the log (a 150 MB log once made 200 removals take 14 s instead of 1 s).
/// </summary>
internal static class AuditBenchmark
{
    public static Task<int> RunAsync(int megabytes, int appends)
    {
        string folder = Path.Combine(Path.GetTempPath(), "gdprops-bench-audit-" + Guid.NewGuid().ToString("N").Substring(0, 8));
        Directory.CreateDirectory(folder);
        try
        {
            var small = new AuditLog(Path.Combine(folder, "small.log"));
            small.Append(Entry(string.Empty));
            var large = new AuditLog(Path.Combine(folder, "large.log"));
            // Valid entries of ~1 MB each until the log has the asked size.
            string padding = new('x', 1_000_000);
            for (int i = 0; i < megabytes; i++)
            {
                large.Append(Entry(padding));
            }

            double smallMs = Time(small, appends);
            double largeMs = Time(large, appends);
            Console.WriteLine($"audit log appends ({appends} each, flushed to disk)");
            Console.WriteLine($"  small log (1 line):        {smallMs / appends:F2} ms per append");
            Console.WriteLine($"  large log ({new FileInfo(large.Path).Length / 1_000_000} MB):        {largeMs / appends:F2} ms per append");
            Console.WriteLine($"  ratio large/small: {largeMs / smallMs:F2} (target: about 1; reading the whole log would make it grow with the size)");
            Console.WriteLine($"  large log verifies: {large.Verify().Valid}");
            return Task.FromResult(0);
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    private static double Time(AuditLog log, int appends)
    {
        var watch = Stopwatch.StartNew();
        for (int i = 0; i < appends; i++)
        {
            log.Append(Entry("item"));
        }

        return watch.Elapsed.TotalMilliseconds;
    }

    private static AuditEntry Entry(string scope) => new() { Action = "Removal", Command = "bench", Scope = scope, Outcome = "Removed" };
}
