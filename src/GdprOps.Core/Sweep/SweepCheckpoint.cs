using System;
using System.Collections.Generic;
using System.IO;
using System.Text;

namespace GdprOps.Sweep;

/// <summary>
/// The sources a sweep has finished, one key per line, appended and flushed as each source completes, so a
/// sweep stopped by Ctrl+C, a crash or a reboot resumes with the sources it had not finished. A line cut off by
/// a crash is ignored. Keys name mailboxes, drives and containers, never content.
/// </summary>
public sealed class SweepCheckpoint
{
    private const string Header = "# GdprOps sweep checkpoint v1";
    private readonly object _gate = new();
    private readonly HashSet<string> _done = new(StringComparer.OrdinalIgnoreCase);

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
            if (lines.Length > 0 && lines[0] != Header)
            {
                throw new GdprOpsException(ErrorIds.CheckpointInvalid, ErrorKind.InvalidData, "The checkpoint file was not written by GdprOps: " + checkpoint.Path);
            }

            for (int i = 1; i < lines.Length; i++)
            {
                // Only complete lines count: a crash mid-write leaves a line without its end marker.
                if (lines[i].EndsWith("\t.", StringComparison.Ordinal))
                {
                    checkpoint._done.Add(lines[i].Substring(0, lines[i].Length - 2));
                }
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
            return _done.Contains(key);
        }
    }

    public void MarkDone(string key)
    {
        lock (_gate)
        {
            if (!_done.Add(key))
            {
                return;
            }

            using var stream = new FileStream(Path, FileMode.Append, FileAccess.Write, FileShare.Read);
            byte[] line = Encoding.UTF8.GetBytes(key + "\t.\n");
            stream.Write(line, 0, line.Length);
            stream.Flush(flushToDisk: true);
        }
    }
}
