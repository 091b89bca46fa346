using System;
using System.Diagnostics;
using System.Globalization;
using System.IO;
using System.Threading;
using System.Threading.Tasks;
using GdprOps.Model;
using GdprOps.Sources;
using GdprOps.Sources.FileSystem;
using GdprOps.Subjects;
using GdprOps.Sweep;

namespace GdprOps.Bench;

/// <summary>
/// End-to-end sweep speed on a tree shaped like a file share: thousands of small text, CSV and log files (about
/// 60 KB each) with personal data spread thinly, the subject named in three of them. Runs, in one process so the
/// ratios hold on a noisy machine: full discovery, discovery of one category (EMAIL), and a subject sweep for one
/// email address; each as wall time, CPU time and MB/s, best of three.
/// </summary>
internal static class SweepSpeedBenchmark
{
    private const string SubjectEmail = "soeren.oestergaard@nordlys.example";

    public static async Task<int> RunAsync(int megabytes, string? root)
    {
        root ??= Path.Combine(Path.GetTempPath(), "gdprops-bench-share");
        long bytes = Generate(root, (long)megabytes * 1024 * 1024);
        int files = Directory.GetFiles(root, "*", SearchOption.AllDirectories).Length;
        Console.WriteLine(Inv($"tree: {bytes / 1048576.0:0} MB in {files} files under {root}, {Environment.ProcessorCount} workers"));

        var subject = new SubjectProfileBuilder { CaseId = "BENCH" }.AddEmails(new[] { SubjectEmail }).Build();
        await MeasureAsync("warm-up", root, null, null, 1);
        await MeasureAsync("discovery, every category", root, null, null, 3);
        await MeasureAsync("discovery, EMAIL only", root, null, new[] { "EMAIL" }, 3);
        await MeasureAsync("subject sweep, one email", root, subject, null, 3);
        return 0;
    }

    private static async Task MeasureAsync(string label, string root, SubjectProfile? subject, string[]? categories, int runs)
    {
        double bestWall = double.MaxValue, bestCpu = double.MaxValue;
        SweepSummary? summary = null;
        for (int run = 0; run < runs; run++)
        {
            var options = new SweepOptions(subject, new IItemSource[] { new FileSystemSource(root) })
            {
                ThrottleLimit = Environment.ProcessorCount,
                Categories = categories ?? Array.Empty<string>(),
            };
            GC.Collect();
            var cpuBefore = Process.GetCurrentProcess().TotalProcessorTime;
            var clock = Stopwatch.StartNew();
            summary = await new PersonalDataSweep(options, new CountingHost()).RunAsync(CancellationToken.None);
            clock.Stop();
            double cpu = (Process.GetCurrentProcess().TotalProcessorTime - cpuBefore).TotalSeconds;
            bestWall = Math.Min(bestWall, clock.Elapsed.TotalSeconds);
            bestCpu = Math.Min(bestCpu, cpu);
        }

        double mb = summary!.BytesScanned / 1048576.0;
        Console.WriteLine(Inv($"{label,-28} wall {bestWall:0.00} s  cpu {bestCpu:0.00} s  {mb / bestWall:0} MB/s  {mb / bestCpu:0} MB per CPU-second  {summary.Findings} findings"));
    }

    private static long Generate(string root, long total)
    {
        if (TreeBenchmark.Reuse(root, total, out long existing))
        {
            return existing;
        }

        string block = DetectionBenchmark.Corpus(4 * 1024 * 1024);
        var random = new Random(11);
        long written = 0;
        int index = 0;
        string[] extensions = { ".txt", ".csv", ".log" };
        while (written < total)
        {
            string folder = Path.Combine(root, "dept" + (index % 24).ToString("00", CultureInfo.InvariantCulture));
            Directory.CreateDirectory(folder);
            int size = 20_000 + random.Next(80_000);
            int start = random.Next(block.Length - size);
            string text = block.Substring(start, size);
            if (index % 1200 == 7)
            {
                text += "\nContact: " + SubjectEmail + "\n";
            }

            string path = Path.Combine(folder, "file" + index.ToString("00000", CultureInfo.InvariantCulture) + extensions[index % 3]);
            File.WriteAllText(path, text);
            written += new FileInfo(path).Length;
            index++;
        }

        return written;
    }

    private static string Inv(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
