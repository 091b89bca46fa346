using System;
using System.Diagnostics;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using GdprOps.Sources;
using GdprOps.Sources.FileSystem;
using GdprOps.Sweep;

namespace GdprOps.Bench;

/// <summary>
/// Peak memory and throughput of a discovery sweep over a generated folder tree of the given size: text
/// files of 1 to 8 MB in 16 folders, and one 64 MB file on a single line. Run it in a fresh process: the
/// peak working set cannot be reset.
/// </summary>
internal static class TreeBenchmark
{
    public static async Task<int> RunAsync(int megabytes, string? root)
    {
        root ??= Path.Combine(Path.GetTempPath(), "gdprops-bench-tree");
        long bytes = Generate(root, (long)megabytes * 1024 * 1024);
        GC.Collect();
        long before = PeakWorkingSet();

        var host = new CountingHost();
        var options = new SweepOptions(null, new IItemSource[] { new FileSystemSource(root) }) { ThrottleLimit = Environment.ProcessorCount };
        var clock = Stopwatch.StartNew();
        var summary = await new PersonalDataSweep(options, host).RunAsync(CancellationToken.None);
        clock.Stop();

        long peak = PeakWorkingSet();
        Console.WriteLine(Inv($"tree: {bytes / 1048576.0:0} MB in {summary.ItemsSeen} files under {root}"));
        Console.WriteLine(Inv($"discovery sweep: {clock.Elapsed.TotalSeconds:0.0} s, {summary.BytesScanned / 1048576.0 / clock.Elapsed.TotalSeconds:0.0} MB/s with {options.ThrottleLimit} workers, {summary.Findings} findings, {summary.NotScanned} not scanned, {summary.Errors} errors"));
        Console.WriteLine(Inv($"peak working set: {peak / 1048576.0:0} MB (before the sweep: {before / 1048576.0:0} MB)  target < 300 MB"));
        return 0;
    }

    internal static long Generate(string root, long total)
    {
        if (Directory.Exists(root))
        {
            long existing = Directory.EnumerateFiles(root, "*", SearchOption.AllDirectories).Sum(f => new FileInfo(f).Length);
            if (existing >= total)
            {
                return existing;
            }

            Directory.Delete(root, recursive: true);
        }

        Directory.CreateDirectory(root);
        string block = DetectionBenchmark.Corpus(1024 * 1024);
        long written = 0;
        int file = 0;
        var random = new Random(7);
        while (written < total)
        {
            string folder = Path.Combine(root, "dept" + (file % 16).ToString(CultureInfo.InvariantCulture));
            Directory.CreateDirectory(folder);
            int sizeMb = file == 0 ? 64 : random.Next(1, 9);
            string path = Path.Combine(folder, "file" + file.ToString(CultureInfo.InvariantCulture) + ".txt");
            using (var writer = new StreamWriter(path, false, new UTF8Encoding(false)))
            {
                for (int i = 0; i < sizeMb; i++)
                {
                    // The first file is one 64 MB line.
                    writer.Write(file == 0 ? block.Replace('\n', ' ') : block);
                }
            }

            written += new FileInfo(path).Length;
            file++;
        }

        return written;
    }

    internal static long PeakWorkingSet()
    {
        // Linux: VmHWM is the resident-set high-water mark of this process.
        if (File.Exists("/proc/self/status"))
        {
            string? line = File.ReadLines("/proc/self/status").FirstOrDefault(l => l.StartsWith("VmHWM:", StringComparison.Ordinal));
            if (line is not null)
            {
                return long.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], CultureInfo.InvariantCulture) * 1024;
            }
        }

        using var process = Process.GetCurrentProcess();
        return process.PeakWorkingSet64;
    }

    private static string Inv(FormattableString s) => s.ToString(CultureInfo.InvariantCulture);
}
