using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Security.Cryptography;
using System.Text;
using System.Threading.Tasks;

namespace GdprOps.Bench;

/// <summary>
/// The real CLI as a whole process (start-up, enumeration, reading, decoding, detection, CSV) on a mixed text tree:
/// files of 2 KB to 20 MB, en/da/nl prose, CSV exports and logs. Runs a discovery sweep and a subject sweep, and
/// ripgrep in ASCII mode with the bench's patterns over the same tree when `rg` is installed; prints MB/s and the
/// ratio. Each run's findings are fingerprinted (SHA-256 of the sorted rows) and, with --compare, diffed row for row
/// with another version's: nothing may be skipped to get faster.
/// </summary>
internal static class CliSweepBenchmark
{
    private const string SubjectEmail = "soeren.oestergaard@nordlys.example";

    private static readonly string[] Patterns =
    {
        @"[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+\.[A-Za-z]{2,}", @"\b\d{6}-?\d{4}\b", @"\b[A-Z]{2}\d{2}[A-Z0-9 ]{11,30}\b", @"\b(?:\d[ -]?){13,19}\b",
        @"\+\d{2}[ \d]{8,14}", @"\b\d{1,3}\.\d{1,3}\.\d{1,3}\.\d{1,3}\b", @"\b\d{4} ?[A-Z]{2}\b", @"\b\d{9}\b", @"(?i)sygemeld|ziekmeld|sick leave", @"(?i)fagforening|vakbond|union dues",
    };

    /// <param name="output">Where the runs' CSV reports go (kept, so a later version can be compared with them).</param>
    /// <param name="compare">The output folder of an earlier run (another version) whose findings must be the same.</param>
    public static async Task<int> RunAsync(string repoRoot, int megabytes, string? root, string? cli, string? output = null, string? compare = null)
    {
        root ??= Path.Combine(Path.GetTempPath(), "gdprops-bench-cli-tree");
        long bytes = Generate(root, (long)megabytes * 1024 * 1024);
        int files = Directory.GetFiles(root, "*", SearchOption.AllDirectories).Length;
        cli ??= Path.Combine(repoRoot, "src", "GdprOps.Cli", "bin", "Release", "net10.0", "gdprops.dll");
        if (!File.Exists(cli))
        {
            Console.Error.WriteLine($"Build the CLI first: dotnet build -c Release src/GdprOps.Cli ({cli} is missing).");
            return 2;
        }

        Console.WriteLine(Inv($"tree: {bytes / 1048576.0:0} MB in {files} files under {root}; CLI {cli}; {Environment.ProcessorCount} cores"));
        output ??= Path.Combine(Path.GetTempPath(), "gdprops-bench-cli-out");
        Directory.CreateDirectory(output);

        // gdprops.dll runs on dotnet; the native build (out/native/RID/gdprops, see README) is run as it is.
        bool managed = cli.EndsWith(".dll", StringComparison.OrdinalIgnoreCase);
        Task<double> Gdprops(params string[] args) => managed ? RunAsync("dotnet", new[] { cli }.Concat(args).ToArray()) : RunAsync(cli, args);
        await Gdprops("find", "--path", root, "--discover", "--category", "EMAIL", "--csv", Path.Combine(output, "warm.csv"));
        double discovery = Best(3, () => Gdprops("find", "--path", root, "--discover", "--throttle-limit", "2", "--csv", Path.Combine(output, "discovery.csv")));
        double subject = Best(3, () => Gdprops("find", "--path", root, "--email", SubjectEmail, "--throttle-limit", "2", "--csv", Path.Combine(output, "subject.csv")));
        double mb = bytes / 1048576.0;
        Console.WriteLine(Inv($"gdprops discovery sweep      {discovery:0.00} s  {mb / discovery:0} MB/s   findings {Fingerprint(Path.Combine(output, "discovery.csv"))}"));
        Console.WriteLine(Inv($"gdprops subject sweep        {subject:0.00} s  {mb / subject:0} MB/s   findings {Fingerprint(Path.Combine(output, "subject.csv"))}"));

        int differences = 0;
        if (compare is not null)
        {
            foreach (string report in new[] { "discovery.csv", "subject.csv" })
            {
                var before = Rows(Path.Combine(compare, report));
                var after = Rows(Path.Combine(output, report));
                int lost = before.Except(after).Count(), gained = after.Except(before).Count();
                differences += lost + gained;
                Console.WriteLine(Inv($"compared with {compare}: {report} {(lost + gained == 0 ? "same findings, row for row" : $"{lost} row(s) only before, {gained} only after")}"));
            }
        }

        var rgArgs = new List<string> { "-j2", "--no-ignore", "-c", "--no-unicode", "-a" };
        foreach (string pattern in Patterns)
        {
            rgArgs.Add("-e");
            rgArgs.Add(pattern.Replace("(?i)", string.Empty, StringComparison.Ordinal));
        }

        rgArgs.Add("-i");
        rgArgs.Add(root);
        double rg;
        try
        {
            rg = Best(3, () => RunAsync("rg", rgArgs.ToArray(), allowExitOne: true));
        }
        catch (System.ComponentModel.Win32Exception)
        {
            Console.WriteLine("ripgrep: not installed (apt-get install ripgrep) - comparison skipped");
            return differences == 0 ? 0 : 1;
        }

        Console.WriteLine(Inv($"ripgrep -j2, {Patterns.Length} patterns    {rg:0.00} s  {mb / rg:0} MB/s"));
        Console.WriteLine(Inv($"ratio to ripgrep: discovery {discovery / rg:0.0}x, subject {subject / rg:0.0}x  (target <= 3x)"));
        return differences == 0 ? 0 : 1;
    }

    private static double Best(int runs, Func<Task<double>> run)
    {
        double best = double.MaxValue;
        for (int i = 0; i < runs; i++)
        {
            best = Math.Min(best, run().GetAwaiter().GetResult());
        }

        return best;
    }

    private static async Task<double> RunAsync(string file, string[] arguments, bool allowExitOne = false)
    {
        var start = new ProcessStartInfo(file) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (string argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        var clock = Stopwatch.StartNew();
        using var process = Process.Start(start) ?? throw new InvalidOperationException(file + " did not start");
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        clock.Stop();
        await stdout;
        string errors = await stderr;
        // The CLI exits 0 (nothing found) or 1 (findings); rg exits 1 when nothing matched.
        if (process.ExitCode > 1 || (process.ExitCode == 1 && file == "rg" && !allowExitOne))
        {
            throw new InvalidOperationException($"{file} exited {process.ExitCode}: {errors}");
        }

        return clock.Elapsed.TotalSeconds;
    }

    /// <summary>
    /// Every row whole (item, categories, confidence, counts per category, masked evidence, where, status): a finding
    /// lost, added or changed in any column shows. The report holds nothing of the run itself (no time, no run id), so
    /// two versions' reports of the same tree are equal row for row.
    /// </summary>
    private static HashSet<string> Rows(string csv) => new(File.ReadAllLines(csv, Encoding.UTF8).Skip(1), StringComparer.Ordinal);

    /// <summary>"N rows, sha256 ABCD…" of the sorted rows.</summary>
    private static string Fingerprint(string csv)
    {
        var lines = Rows(csv).OrderBy(l => l, StringComparer.Ordinal).ToList();
        string hash = Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(string.Join("\n", lines))));
        return lines.Count.ToString(CultureInfo.InvariantCulture) + " rows, sha256 " + hash.Substring(0, 16);
    }

    private static long Generate(string root, long total)
    {
        if (TreeBenchmark.Reuse(root, total, out long existing))
        {
            return existing;
        }

        string prose = DetectionBenchmark.Corpus(8 * 1024 * 1024);
        var random = new Random(23);
        long written = 0;
        int index = 0;
        while (written < total)
        {
            // Sizes log-uniform from 2 KB to 20 MB.
            int size = (int)Math.Min(total - written + 2048, Math.Exp(Math.Log(2048) + (random.NextDouble() * (Math.Log(20 * 1024 * 1024) - Math.Log(2048)))));
            string folder = Path.Combine(root, "share" + (index % 16).ToString("00", CultureInfo.InvariantCulture));
            Directory.CreateDirectory(folder);
            string kind = (index % 3) switch { 0 => "txt", 1 => "csv", _ => "log" };
            string path = Path.Combine(folder, "item" + index.ToString("00000", CultureInfo.InvariantCulture) + "." + kind);
            using (var writer = new StreamWriter(path, false, new UTF8Encoding(false)))
            {
                int left = size;
                int row = 0;
                while (left > 0)
                {
                    string line = kind switch
                    {
                        "csv" => Inv($"{row},Customer {row},c{row}@fjord.example,+45 2{random.Next(1000000, 9999999)},{(row % 50 == 0 ? "sygemeldt" : "active")}"),
                        "log" => Inv($"2026-11-{1 + (row % 28):00}T10:{row % 60:00}:00Z INFO request from 10.{row % 250}.{row % 200}.{row % 100} user={(row % 97 == 0 ? "ops@nordlys.example" : "svc")} took {row % 900} ms"),
                        _ => prose.Substring(random.Next(prose.Length - 4096), 4000),
                    };
                    if (index % 40 == 9 && row == 3)
                    {
                        line += " Contact " + SubjectEmail;
                    }

                    writer.WriteLine(line);
                    left -= line.Length + 1;
                    row++;
                }
            }

            written += new FileInfo(path).Length;
            index++;
        }

        return written;
    }

    private static string Inv(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
