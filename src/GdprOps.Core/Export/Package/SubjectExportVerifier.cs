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
    /// <param name="path">The package folder, .zip or one part of a split package.</param>
    /// <param name="expectedManifestSha256">The manifest hash the exporter printed and audited, when known.</param>
    public static ExportVerification Verify(string path, string? expectedManifestSha256 = null)
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

                byte[] manifestBytes = ReadAll(manifestEntry.Open());
                byte[]? csvBytes = entries.TryGetValue(SubjectExporter.ManifestCsv, out var csvEntry) ? ReadAll(csvEntry.Open()) : null;
                return Compare(full, manifestBytes, csvBytes, expectedManifestSha256, entries.Keys, entries.ContainsKey, file =>
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

        string csvPath = System.IO.Path.Combine(full, SubjectExporter.ManifestCsv);
        var present = Directory.Exists(System.IO.Path.Combine(full, "items"))
            ? Directory.EnumerateFiles(System.IO.Path.Combine(full, "items"), "*", SearchOption.AllDirectories).Select(f => f.Substring(full.Length + 1).Replace('\\', '/')).ToList()
            : new List<string>();
        return Compare(full, File.ReadAllBytes(manifestPath), File.Exists(csvPath) ? File.ReadAllBytes(csvPath) : null, expectedManifestSha256, present,
            file => File.Exists(System.IO.Path.Combine(full, file)), file =>
        {
            using var stream = File.OpenRead(System.IO.Path.Combine(full, file));
            return Hash(stream);
        });
    }

    private static byte[] ReadAll(Stream stream)
    {
        using (stream)
        using (var copy = new MemoryStream())
        {
            stream.CopyTo(copy);
            return copy.ToArray();
        }
    }

    private static ExportVerification Compare(string path, byte[] manifestBytes, byte[]? csvBytes, string? expectedManifestSha256, IEnumerable<string> present,
        Func<string, bool> exists, Func<string, string> hashOf)
    {
        Dictionary<string, string> expected;
        using (var manifest = new MemoryStream(manifestBytes))
        {
            expected = Load(manifest);
        }

        var presentItems = new HashSet<string>(present.Where(p => p.StartsWith("items/", StringComparison.Ordinal)), StringComparer.Ordinal);
        var problems = new List<string>();
        string manifestHash;
        using (var manifest = new MemoryStream(manifestBytes))
        {
            manifestHash = Hash(manifest);
        }

        if (expectedManifestSha256 is { Length: > 0 } wanted && !string.Equals(wanted.Trim(), manifestHash, StringComparison.OrdinalIgnoreCase))
        {
            problems.Add("Altered: manifest.json (its hash is not the one the exporter recorded)");
        }

        if (csvBytes is null)
        {
            problems.Add("Missing: manifest.csv");
        }
        else
        {
            var csvRows = CsvManifest(csvBytes);
            foreach (var file in expected.Keys.Union(csvRows.Keys, StringComparer.Ordinal).OrderBy(f => f, StringComparer.Ordinal))
            {
                if (!expected.TryGetValue(file, out var json) || !csvRows.TryGetValue(file, out var csv) || !string.Equals(json, csv, StringComparison.OrdinalIgnoreCase))
                {
                    problems.Add("Differs: manifest.csv and manifest.json disagree on " + file);
                }
            }
        }

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

        // my-data.json, when the package has one, is checked against the hash its manifest gives.
        if (PortableDataHash(manifestBytes) is { } portableHash)
        {
            if (!exists(PortableData.FileName))
            {
                missing++;
                problems.Add("Missing: " + PortableData.FileName);
            }
            else if (!string.Equals(hashOf(PortableData.FileName), portableHash, StringComparison.OrdinalIgnoreCase))
            {
                altered++;
                problems.Add("Altered: " + PortableData.FileName);
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
            ManifestSha256 = manifestHash,
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

    private static string? PortableDataHash(byte[] manifestBytes)
    {
        using var json = JsonDocument.Parse(manifestBytes);
        return json.RootElement.TryGetProperty("package", out var package) && package.TryGetProperty("portableData", out var portable)
            && portable.ValueKind == JsonValueKind.Object && portable.TryGetProperty("sha256", out var sha) ? sha.GetString() : null;
    }

    /// <summary>File → Sha256 from manifest.csv.</summary>
    private static Dictionary<string, string> CsvManifest(byte[] bytes)
    {
        var rows = new Dictionary<string, string>(StringComparer.Ordinal);
        using var csv = CsvHelper.CsvReader.Create(new MemoryStream(bytes), new CsvHelper.CsvReaderOptions { DetectSeparatorHint = true, IncludeValuesInExceptions = false }, false);
        var headers = csv.Headers;
        int file = -1, sha = -1;
        for (int i = 0; i < headers.Count; i++)
        {
            string name = headers[i].Trim().TrimStart('\uFEFF');
            file = name == "File" ? i : file;
            sha = name == "Sha256" ? i : sha;
        }

        if (file < 0 || sha < 0)
        {
            return rows;
        }

        while (csv.Read())
        {
            if (file < csv.FieldCount && sha < csv.FieldCount)
            {
                rows[FindingReportReader.Unescape(csv.GetString(file)) ?? string.Empty] = csv.GetString(sha) ?? string.Empty;
            }
        }

        return rows;
    }

    private static string Hash(Stream stream)
    {
        using var sha = SHA256.Create();
        return string.Concat(sha.ComputeHash(stream).Select(b => b.ToString("x2", CultureInfo.InvariantCulture)));
    }

    private static GdprOpsException NoManifest(string path) =>
        new(ErrorIds.ExportIncomplete, ErrorKind.NotFound, $"No {SubjectExporter.ManifestJson} in '{path}': not a finished GdprOps export (an interrupted one can be completed with -Resume).");
}
