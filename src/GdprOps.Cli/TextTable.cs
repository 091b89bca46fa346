using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;

namespace GdprOps.Cli;

/// <summary>A plain text table whose columns are as wide as their widest value: nothing is cut off.</summary>
internal static class TextTable
{
    public static void Write(TextWriter output, IReadOnlyList<string> headers, IReadOnlyCollection<string[]> rows)
    {
        var widths = headers.Select((h, i) => rows.Select(r => r[i].Length).DefaultIfEmpty(0).Max()).Select((w, i) => Math.Max(w, headers[i].Length)).ToArray();
        output.WriteLine(Line(headers, widths));
        foreach (var row in rows)
        {
            output.WriteLine(Line(row, widths));
        }
    }

    private static string Line(IReadOnlyList<string> cells, int[] widths) =>
        string.Join(" ", cells.Select((c, i) => i == cells.Count - 1 ? c : c.PadRight(widths[i]))).TrimEnd();
}
