using System.Collections.Generic;
using System.IO;
using System.Linq;
using CsvHelper;

namespace GdprOps.Export;

/// <summary>The CSV dialect of every GdprOps report: UTF-8 with BOM, CRLF, formula injection escaped.</summary>
public static class ReportCsv
{
    public static CsvWriterOptions Options => WithSeparator(",");

    /// <summary>The dialect with another one-character field separator (';' is what Danish and Dutch Excel split columns on).</summary>
    public static CsvWriterOptions WithSeparator(string separator) => new()
    {
        Injection = CsvInjection.Escape,
        NewLine = "\r\n",
        WriteByteOrderMark = true,
        Separator = separator[0],
    };

    /// <summary>
    /// The separator Excel expects in <paramref name="culture"/>: its list separator (',' in English, ';' in Danish
    /// and Dutch), or ',' when that is not a single usable character.
    /// </summary>
    public static string DefaultSeparator(System.Globalization.CultureInfo culture)
    {
        string list = culture.TextInfo.ListSeparator;
        return list.Length == 1 && list[0] is not ('"' or '\r' or '\n') ? list : ",";
    }

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
