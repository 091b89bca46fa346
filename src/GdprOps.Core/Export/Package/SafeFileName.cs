using System;
using System.Collections.Generic;
using System.Linq;
using System.Text;

namespace GdprOps.Export.Package;

/// <summary>
/// Turns names from mailboxes, drives and blobs into file names that are safe on Windows, macOS and Linux:
/// no separators or reserved characters, no '.' or '..' segments (so nothing escapes the package), no device
/// names (CON, NUL, COM1 ...), no trailing dots or spaces, and bounded length.
/// </summary>
public static class SafeFileName
{
    public const int MaxSegmentLength = 100;
    private static readonly HashSet<string> Reserved = new(StringComparer.OrdinalIgnoreCase)
    {
        "CON", "PRN", "AUX", "NUL", "CLOCK$",
        "COM0", "COM1", "COM2", "COM3", "COM4", "COM5", "COM6", "COM7", "COM8", "COM9",
        "LPT0", "LPT1", "LPT2", "LPT3", "LPT4", "LPT5", "LPT6", "LPT7", "LPT8", "LPT9",
    };

    /// <summary>One path segment.</summary>
    public static string Segment(string? name, string fallback = "item")
    {
        var builder = new StringBuilder();
        foreach (char c in (name ?? string.Empty).Normalize(NormalizationForm.FormC))
        {
            builder.Append(c < 32 || c == 127 || "<>:\"/\\|?*".IndexOf(c) >= 0 ? '_' : c);
        }

        string safe = builder.ToString().Trim().TrimEnd('.', ' ');
        if (safe.Length == 0 || safe.All(c => c == '.' || c == '_'))
        {
            safe = safe.Length == 0 ? fallback : "_" + safe.Replace('.', '_');
        }

        string stem = safe.Split('.')[0];
        if (Reserved.Contains(stem))
        {
            safe = "_" + safe;
        }

        if (safe.Length > MaxSegmentLength)
        {
            string extension = System.IO.Path.GetExtension(safe);
            extension = extension.Length is > 0 and <= 16 ? extension : string.Empty;
            safe = safe.Substring(0, MaxSegmentLength - extension.Length).TrimEnd('.', ' ') + extension;
        }

        return safe;
    }

    /// <summary>A relative path from untrusted segments (split on / and \); each segment made safe.</summary>
    public static string RelativePath(string? path, string fallback = "item")
    {
        var segments = (path ?? string.Empty).Split(new[] { '/', '\\' }, StringSplitOptions.RemoveEmptyEntries)
            .Select(s => Segment(s, fallback))
            .ToList();
        return segments.Count == 0 ? Segment(null, fallback) : string.Join("/", segments);
    }

    /// <summary>Makes <paramref name="relative"/> unique among <paramref name="taken"/> (case-insensitively) with " (2)", " (3)" ...</summary>
    public static string Unique(string relative, ISet<string> taken)
    {
        if (taken.Add(relative))
        {
            return relative;
        }

        string directory = relative.Contains('/') ? relative.Substring(0, relative.LastIndexOf('/') + 1) : string.Empty;
        string file = relative.Substring(directory.Length);
        string extension = System.IO.Path.GetExtension(file);
        string stem = file.Substring(0, file.Length - extension.Length);
        for (int n = 2; ; n++)
        {
            string candidate = $"{directory}{stem} ({n}){extension}";
            if (taken.Add(candidate))
            {
                return candidate;
            }
        }
    }
}
