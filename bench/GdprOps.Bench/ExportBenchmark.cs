using System;
using System.Diagnostics;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using GdprOps.Export.Package;
using GdprOps.Model;
using GdprOps.Sources;

namespace GdprOps.Bench;

/// <summary>
/// Export-SubjectData over a generated tree (the same files as the tree benchmark): MB/s and the peak working set,
/// which must not grow with the package (items are streamed source → disk; mail and drive bodies are spooled the same way).
/// </summary>
internal static class ExportBenchmark
{
    public static async Task<int> RunAsync(int megabytes, string? root)
    {
        root ??= Path.Combine(Path.GetTempPath(), "gdprops-bench-tree");
        long bytes = TreeBenchmark.Generate(root, (long)megabytes * 1024 * 1024);
        var findings = Directory.EnumerateFiles(root, "*", SearchOption.AllDirectories).Select(file => new Finding
        {
            SourceKind = SourceKind.FileShare,
            Source = root,
            ItemId = Path.GetRelativePath(root, file),
            ItemName = Path.GetFileName(file),
            ItemUri = file,
            Status = ScanStatus.Scanned,
            SubjectMatches = "Email",
        }).ToList();
        string package = Path.Combine(Path.GetTempPath(), "gdprops-bench-export-" + Guid.NewGuid().ToString("N").Substring(0, 8));
        GC.Collect();
        long before = TreeBenchmark.PeakWorkingSet();
        var clock = Stopwatch.StartNew();
        var summary = await new SubjectExporter(new SubjectExportOptions(package), new SourceItemReader(null), new CountingHost()).RunAsync(findings, CancellationToken.None);
        clock.Stop();
        long peak = TreeBenchmark.PeakWorkingSet();
        var verify = Stopwatch.StartNew();
        bool valid = SubjectExportVerifier.Verify(package).Valid;
        verify.Stop();
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"exported {summary.Items} files, {summary.Bytes / 1048576.0:0} MB (source {bytes / 1048576.0:0} MB) in {clock.Elapsed.TotalSeconds:0.0} s: {summary.Bytes / 1048576.0 / clock.Elapsed.TotalSeconds:0} MB/s"));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"verified in {verify.Elapsed.TotalSeconds:0.0} s: {(valid ? "valid" : "INVALID")}"));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"peak working set: {peak / 1048576.0:0} MB (before the export: {before / 1048576.0:0} MB)"));
        Directory.Delete(package, recursive: true);
        return valid ? 0 : 1;
    }
}
