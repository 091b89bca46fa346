using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.IO.Compression;
using System.Linq;
using System.Security.Cryptography;
using System.Text.Json;

namespace GdprOps.Export.Package;

/// <summary>Checks a package (folder or .zip) against its manifest: missing, altered and unlisted files.</summary>
public static class SubjectExportVerifier
{
    public static ExportVerification Verify(string path)
    {
        string full = System.IO.Path.GetFullPath(path);
        if (File.Exists(full) && full.EndsWith(".zip", StringComparison.OrdinalIgnoreCase))
        {
            // A split package: verify all its parts together, whichever part was named.
            var split = System.Text.RegularExpressions.Regex.Match(full, @"^(.*)\.part\d+\.zip$", System.Text.RegularExpressions.RegexOptions.IgnoreCase);
            var paths = split.Success
                ? Directory.GetFiles(System.IO.Path.GetDirectoryName(full)!, System.IO.Path.GetFileName(split.Groups[1].Value) + ".part*.zip").OrderBy(p => p, StringComparer.Ordinal).ToList()
                : new List<string> { full };
            var zips = paths.Select(ZipFile.OpenRead).ToList();
            try
            {
                var entries = new Dictionary<string, ZipArchiveEntry>(StringComparer.Ordinal);
                foreach (var entry in zips.SelectMany(z => z.Entries).Where(e => e.FullName.Length > 0 && !e.FullName.EndsWith("/", StringComparison.Ordinal)))
                {
                    entries[entry.FullName.Replace('\\', '/')] = entry;
                }

                if (!entries.TryGetValue(SubjectExporter.ManifestJson, out var manifestEntry))
                {
                    throw NoManifest(full);
                }

                Dictionary<string, string> expected;
                using (var manifest = manifestEntry.Open())
                {
                    expected = Load(manifest);
                }

                return Compare(full, expected, entries.Keys, file =>
                {
                    using var stream = entries[file].Open();
                    return Hash(stream);
                });
            }
            finally
            {
                zips.ForEach(z => z.Dispose());
            }
        }

        string manifestPath = System.IO.Path.Combine(full, SubjectExporter.ManifestJson);
        if (!File.Exists(manifestPath))
        {
            throw NoManifest(full);
        }

        using var manifestStream = File.OpenRead(manifestPath);
        var present = Directory.Exists(System.IO.Path.Combine(full, "items"))
            ? Directory.EnumerateFiles(System.IO.Path.Combine(full, "items"), "*", SearchOption.AllDirectories).Select(f => f.Substring(full.Length + 1).Replace('\\', '/')).ToList()
            : new List<string>();
        return Compare(full, Load(manifestStream), present, file =>
        {
            using var stream = File.OpenRead(System.IO.Path.Combine(full, file));
            return Hash(stream);
        });
    }

    private static ExportVerification Compare(string path, Dictionary<string, string> expected, IEnumerable<string> present, Func<string, string> hashOf)
    {
        var presentItems = new HashSet<string>(present.Where(p => p.StartsWith("items/", StringComparison.Ordinal)), StringComparer.Ordinal);
        var problems = new List<string>();
        int missing = 0, altered = 0;
        foreach (var pair in expected)
        {
            string file = pair.Key;
            string sha = pair.Value;
            if (!presentItems.Contains(file))
            {
                missing++;
                problems.Add("Missing: " + file);
            }
            else if (!string.Equals(hashOf(file), sha, StringComparison.OrdinalIgnoreCase))
            {
                altered++;
                problems.Add("Altered: " + file);
            }
        }

        var extra = presentItems.Where(p => !expected.ContainsKey(p)).OrderBy(p => p, StringComparer.Ordinal).ToList();
        problems.AddRange(extra.Select(e => "Extra: " + e));
        return new ExportVerification
        {
            Path = path,
            Valid = problems.Count == 0,
            Files = expected.Count,
            Missing = missing,
            Altered = altered,
            Extra = extra.Count,
            Problems = string.Join(";", problems),
        };
    }

    private static Dictionary<string, string> Load(Stream manifest)
    {
        try
        {
            using var json = JsonDocument.Parse(manifest);
            return json.RootElement.GetProperty("items").EnumerateArray()
                .ToDictionary(i => i.GetProperty("file").GetString()!, i => i.GetProperty("sha256").GetString()!, StringComparer.Ordinal);
        }
        catch (Exception ex) when (ex is JsonException or KeyNotFoundException or InvalidOperationException)
        {
            throw new GdprOpsException(ErrorIds.ExportIncomplete, ErrorKind.InvalidData, "The package manifest is not readable: " + ex.Message, ex);
        }
    }

    private static string Hash(Stream stream)
    {
        using var sha = SHA256.Create();
        return string.Concat(sha.ComputeHash(stream).Select(b => b.ToString("x2", CultureInfo.InvariantCulture)));
    }

    private static GdprOpsException NoManifest(string path) =>
        new(ErrorIds.ExportIncomplete, ErrorKind.NotFound, $"No {SubjectExporter.ManifestJson} in '{path}': not a finished GdprOps export (an interrupted one can be completed with -Resume).");
}
