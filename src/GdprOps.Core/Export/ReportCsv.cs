using System.Collections.Generic;
using System.IO;
using System.Linq;
using CsvHelper;

namespace GdprOps.Export;

/// <summary>The CSV dialect of every GdprOps report: UTF-8 with BOM, CRLF, formula injection escaped.</summary>
public static class ReportCsv
{
    public static CsvWriterOptions Options => new()
    {
        Injection = CsvInjection.Escape,
        NewLine = "\r\n",
        WriteByteOrderMark = true,
    };

    /// <summary>Writes a whole table at once.</summary>
    public static void Write(string path, IReadOnlyList<string> header, IEnumerable<IReadOnlyList<string?>> rows)
    {
        using var stream = new FileStream(path, FileMode.Create, FileAccess.Write, FileShare.None);
        using var csv = CsvWriter.Create(stream, Options, false);
        csv.WriteHeader(header.ToArray());
        foreach (var row in rows)
        {
            csv.WriteRecord(row.Select(v => v ?? string.Empty).ToArray());
        }

        csv.Flush();
    }
}
