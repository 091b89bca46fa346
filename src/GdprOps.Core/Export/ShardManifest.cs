using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Security.Cryptography;
using System.Text.Json;
using GdprOps.Json;
using GdprOps.Sweep;

namespace GdprOps.Export;

/// <summary>
/// What one shard of a split sweep did, written beside its report (REPORT.shard.json): the run it belongs to, K/N,
/// the units it swept (mailboxes, drives, containers, top-level entries of shares), its findings and the report's
/// hash. <see cref="CheckSet"/> proves a set of shard reports is one whole run before they are merged.
/// </summary>
public sealed class ShardManifest
{
    public const string Suffix = ".shard.json";

    public string RunId { get; set; } = string.Empty;

    public int Shard { get; set; }

    public int Count { get; set; }

    public List<string> Units { get; set; } = new();

    public int Findings { get; set; }

    /// <summary>Items or sources the shard could not read (each was reported as an error where it ran).</summary>
    public int Errors { get; set; }

    public string ReportSha256 { get; set; } = string.Empty;

    /// <summary>Where the manifest of <paramref name="report"/> is.</summary>
    public static string PathFor(string report) => report + Suffix;

    /// <summary>The report name a shard writes: findings.csv becomes findings.2-of-4.csv.</summary>
    public static string ShardFileName(string path, ShardSpec shard) =>
        Path.Combine(Path.GetDirectoryName(path) ?? string.Empty, Path.GetFileNameWithoutExtension(path) + "." + shard.Name + Path.GetExtension(path));

    /// <summary>
    /// A run id every shard of one command computes alike: a hash of the command's words (<paramref name="parts"/>,
    /// without the shard's own options), so shards started from one command line or runbook agree with no coordinator.
    /// </summary>
    public static string RunIdOf(IEnumerable<string> parts)
    {
        using var sha = SHA256.Create();
        byte[] hash = sha.ComputeHash(System.Text.Encoding.UTF8.GetBytes(string.Join("\u0001", parts)));
        return "run-" + string.Concat(hash.Take(8).Select(b => b.ToString("x2", System.Globalization.CultureInfo.InvariantCulture)));
    }

    public void Write(string report)
    {
        ReportSha256 = Sha256(report);
        string target = PathFor(report);
        File.WriteAllText(target + ".tmp", JsonSerializer.Serialize(this, CoreJson.IndentedCamelCase.Info<ShardManifest>()));
        File.Copy(target + ".tmp", target, overwrite: true);
        File.Delete(target + ".tmp");
    }

    /// <exception cref="GdprOpsException">Missing or not a shard manifest.</exception>
    public static ShardManifest Read(string report)
    {
        string path = PathFor(report);
        try
        {
            return JsonSerializer.Deserialize(File.ReadAllText(path), CoreJson.IndentedCamelCase.Info<ShardManifest>()) is { RunId.Length: > 0, Count: > 0 } manifest
                ? manifest
                : throw new JsonException("empty");
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or JsonException)
        {
            throw new GdprOpsException(ErrorIds.InvalidArgument, ErrorKind.InvalidData, $"'{report}' has no readable shard manifest ({Path.GetFileName(path)}): it is not the report of a sharded run, or its manifest was lost.", ex);
        }
    }

    /// <summary>
    /// Checks that <paramref name="reports"/> are the shards of one run, each once, all there, unchanged since they were
    /// written, and that no unit was swept by two of them. Every problem is listed.
    /// </summary>
    /// <exception cref="GdprOpsException">The set is not one whole run.</exception>
    public static IReadOnlyList<ShardManifest> CheckSet(IReadOnlyList<string> reports)
    {
        var manifests = reports.Select(r => (Report: r, Manifest: Read(r))).ToList();
        var problems = new List<string>();
        foreach (var runs in manifests.GroupBy(m => (m.Manifest.RunId, m.Manifest.Count)).Skip(1))
        {
            problems.Add($"'{runs.First().Report}' belongs to another run ({runs.Key.RunId}, {runs.Key.Count} shards) than '{manifests[0].Report}'.");
        }

        int count = manifests[0].Manifest.Count;
        foreach (var twice in manifests.GroupBy(m => m.Manifest.Shard).Where(g => g.Count() > 1))
        {
            problems.Add($"Shard {twice.Key}/{count} is given {twice.Count()} times.");
        }

        var missing = Enumerable.Range(1, count).Except(manifests.Select(m => m.Manifest.Shard)).ToList();
        if (missing.Count > 0)
        {
            problems.Add($"Shard(s) {string.Join(", ", missing.Select(m => m + "/" + count))} are missing: the merged report would lack their mailboxes, drives, containers and folders.");
        }

        foreach (var (report, manifest) in manifests.Where(m => Sha256(m.Report) != m.Manifest.ReportSha256))
        {
            problems.Add($"'{report}' changed after its shard wrote it (its SHA-256 is not the one in {Path.GetFileName(PathFor(report))}).");
        }

        foreach (var unit in manifests.SelectMany(m => m.Manifest.Units.Select(u => (Unit: u, m.Manifest.Shard))).GroupBy(u => u.Unit, StringComparer.OrdinalIgnoreCase).Where(g => g.Select(u => u.Shard).Distinct().Count() > 1).Take(20))
        {
            problems.Add($"A unit was swept by shards {string.Join(" and ", unit.Select(u => u.Shard).Distinct())}: its findings would count twice.");
        }

        return problems.Count == 0
            ? manifests.Select(m => m.Manifest).ToList()
            : throw new GdprOpsException(ErrorIds.InvalidArgument, ErrorKind.InvalidData, "The reports are not the whole of one sharded run:\n" + string.Join("\n", problems));
    }

    /// <summary>What a merge must say of a whole set: the shards that could not read everything they were given.</summary>
    public static IEnumerable<string> Warnings(IEnumerable<ShardManifest> manifests) =>
        manifests.Where(m => m.Errors > 0).OrderBy(m => m.Shard).Select(m =>
            $"Shard {m.Shard}/{m.Count} met {m.Errors} error(s) (an item, mailbox, drive or folder it could not read): the merged report lacks what it could not read; that shard's log names them.");

    private static string Sha256(string path)
    {
        using var sha = SHA256.Create();
        using var stream = File.OpenRead(path);
        return string.Concat(sha.ComputeHash(stream).Select(b => b.ToString("x2", System.Globalization.CultureInfo.InvariantCulture)));
    }
}
