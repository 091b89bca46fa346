using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;

namespace GdprOps.Tests.Detection.Discovery;

/// <summary>
/// The labelled notes of a set in Data/ (special-categories-*.tsv): one note a line as "categories TAB language TAB text", the
/// categories comma-separated or NONE for a hard negative, lines starting with '#' the set's description.
/// </summary>
internal static class LabelledNotes
{
    public static List<(string Categories, string Language, string Text)> Read(string file) =>
        File.ReadAllLines(Path.Combine(AppContext.BaseDirectory, "Detection", "Discovery", "Data", file))
            .Where(line => line.Length > 0 && line[0] != '#')
            .Select(line => line.Split('\t'))
            .Select(f => (f[0], f[1], f[2].Replace("\\n", "\n")))
            .ToList();
}
