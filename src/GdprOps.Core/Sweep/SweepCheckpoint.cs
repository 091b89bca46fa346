using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text;
using System.Text.Json;
using GdprOps.Export;
using GdprOps.Json;
using GdprOps.Model;

namespace GdprOps.Sweep;

/// <summary>
/// The sources a sweep has finished, one line per source with the findings it gave, appended and flushed as each
/// source completes, so a sweep stopped by Ctrl+C, a crash or a reboot resumes with the sources it had not
/// finished and gives the finished ones' findings again: the resumed run's output is the whole run's output, even
/// when the first run's report was never written. A source is recorded only together with its findings, so the
/// file never claims a source whose findings could be lost. A line cut off by a crash is ignored. The file holds
/// what a report holds (item names, masked evidence): keep it as carefully.
/// </summary>
public sealed class SweepCheckpoint
{
    private const string Header = "# GdprOps sweep checkpoint v3";
    private const string HeaderV2 = "# GdprOps sweep checkpoint v2";
    private const string OldHeader = "# GdprOps sweep checkpoint v1";

    /// <summary>How this file lays out a finding's row: version 3 has CategoryMatches, version 2 (resumed, kept as it is) not.</summary>
    private IReadOnlyList<string> _columns = FindingColumns.Names;
    private readonly object _gate = new();
    private readonly Dictionary<string, IReadOnlyList<Finding>?> _done = new(StringComparer.OrdinalIgnoreCase);

    private SweepCheckpoint(string path) => Path = path;

    public string Path { get; }

    public int Count
    {
        get
        {
            lock (_gate)
            {
                return _done.Count;
            }
        }
    }

    /// <summary>Opens an existing checkpoint file or starts a new one.</summary>
    public static SweepCheckpoint Open(string path)
    {
        var checkpoint = new SweepCheckpoint(System.IO.Path.GetFullPath(path));
        if (File.Exists(checkpoint.Path))
        {
            string[] lines = File.ReadAllLines(checkpoint.Path, Encoding.UTF8);
            if (lines.Length > 0 && lines[0] != Header && lines[0] != HeaderV2 && lines[0] != OldHeader)
            {
                throw new GdprOpsException(ErrorIds.CheckpointInvalid, ErrorKind.InvalidData, "The checkpoint file was not written by GdprOps: " + checkpoint.Path);
            }

            if (lines.Length > 0 && lines[0] != Header)
            {
                checkpoint._columns = FindingColumns.NamesBeforeCategoryMatches;
            }

            for (int i = 1; i < lines.Length; i++)
            {
                // Only complete lines count: a crash mid-write leaves a line without its end marker.
                if (!lines[i].EndsWith("\t.", StringComparison.Ordinal))
                {
                    continue;
                }

                string entry = lines[i].Substring(0, lines[i].Length - 2);
                int tab = entry.IndexOf('\t');
                if (tab < 0)
                {
                    // Written by a version that kept no findings: the source is done, but its findings cannot be given again.
                    checkpoint._done[entry] = null;
                    continue;
                }

                checkpoint._done[entry.Substring(0, tab)] = Decode(entry.Substring(tab + 1), checkpoint.Path, i + 1, checkpoint._columns);
            }
        }
        else
        {
            string? folder = System.IO.Path.GetDirectoryName(checkpoint.Path);
            if (!string.IsNullOrEmpty(folder))
            {
                Directory.CreateDirectory(folder);
            }

            File.WriteAllText(checkpoint.Path, Header + "\n", new UTF8Encoding(false));
        }

        return checkpoint;
    }

    public bool IsDone(string key)
    {
        lock (_gate)
        {
            return _done.ContainsKey(key);
        }
    }

    /// <summary>The findings a finished source gave, to give them again; null when an older checkpoint did not keep them.</summary>
    public IReadOnlyList<Finding>? FindingsOf(string key)
    {
        lock (_gate)
        {
            return _done.TryGetValue(key, out var findings) ? findings : Array.Empty<Finding>();
        }
    }

    /// <summary>Records a finished source together with every finding it gave, flushed to disk before this returns.</summary>
    public void MarkDone(string key, IReadOnlyList<Finding> findings)
    {
        lock (_gate)
        {
            if (_done.ContainsKey(key))
            {
                return;
            }

            var rows = findings.Select(f => FindingColumns.ToRow(f, _columns)).ToList();
            string encoded = Convert.ToBase64String(JsonSerializer.SerializeToUtf8Bytes(rows, CoreJson.Compact.Info<List<string?[]>>()));
            using var stream = new FileStream(Path, FileMode.Append, FileAccess.Write, FileShare.Read);
            byte[] line = Encoding.UTF8.GetBytes(key + "\t" + encoded + "\t.\n");
            stream.Write(line, 0, line.Length);
            stream.Flush(flushToDisk: true);
            _done[key] = findings.ToList();
        }
    }

    private static List<Finding> Decode(string encoded, string path, int line, IReadOnlyList<string> columns)
    {
        try
        {
            var rows = JsonSerializer.Deserialize(Convert.FromBase64String(encoded), CoreJson.Compact.Info<List<string?[]>>()) ?? new List<string?[]>();
            return rows.Select(row => FindingColumns.FromRow(row, "checkpoint line " + line.ToString(System.Globalization.CultureInfo.InvariantCulture), columns)).ToList();
        }
        catch (Exception ex) when (ex is FormatException or JsonException or GdprOpsException)
        {
            throw new GdprOpsException(ErrorIds.CheckpointInvalid, ErrorKind.InvalidData, $"Line {line} of the checkpoint {path} is damaged: delete the file to sweep everything again.", ex);
        }
    }
}
