using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Text;
using CsvHelper;
using GdprOps.Extraction;
using GdprOps.Model;

namespace GdprOps.Export;

/// <summary>
/// Reads a findings report back (ours, or one a reviewer edited in Excel, comma or semicolon separated),
/// one finding at a time. Extra columns are listed in <see cref="IgnoredColumns"/>; a row that cannot be
/// read stops the import with an error naming its line. Values escaped against formula injection are
/// unescaped. Values are never quoted in errors: a report holds personal data.
/// </summary>
public sealed class FindingReportReader : IDisposable
{
    private const string InjectionCharacters = "=+-@\t\r";
    private readonly CsvReader _csv;
    private readonly Dictionary<string, int> _columns = new(StringComparer.OrdinalIgnoreCase);
    private readonly int _headerCount;

    /// <param name="path">The report.</param>
    /// <param name="encoding">
    /// How the file is encoded; null detects it: a byte order mark, else UTF-8 when the whole file is valid UTF-8,
    /// else the system's ANSI code page (Windows-1252 for western languages), which is what Excel writes when a
    /// reviewer saves "CSV (comma delimited)".
    /// </param>
    public FindingReportReader(string path, Encoding? encoding = null)
    {
        if (!File.Exists(path))
        {
            throw new GdprOpsException(ErrorIds.ReportFileNotFound, ErrorKind.NotFound, $"The report '{path}' does not exist.");
        }

        byte[] bytes = File.ReadAllBytes(path);
        Encoding = encoding ?? Detect(bytes);
        EncodingWasDetected = encoding is null;
        var text = new StreamReader(new MemoryStream(bytes), Encoding, detectEncodingFromByteOrderMarks: encoding is null);
        _csv = CsvReader.Create(
            text,
            new CsvReaderOptions { DetectSeparatorHint = true, TrackLineNumbers = true, IncludeValuesInExceptions = false, SkipEmptyLines = true },
            false);
        var headers = Guard(() => _csv.Headers, "line 1");
        if (headers is null || headers.Count == 0 || headers.All(string.IsNullOrWhiteSpace))
        {
            throw new GdprOpsException(ErrorIds.ReportMalformed, ErrorKind.InvalidData, "The report is empty: it has no header row.");
        }

        _headerCount = headers.Count;
        for (int i = 0; i < headers.Count; i++)
        {
            string name = headers[i].Trim().TrimStart('\uFEFF');
            if (name.Length > 0 && !_columns.ContainsKey(name))
            {
                _columns[name] = i;
            }
        }

        var missing = FindingColumns.Required.Where(c => !_columns.ContainsKey(c)).ToList();
        if (missing.Count > 0)
        {
            throw new GdprOpsException(ErrorIds.ReportMalformed, ErrorKind.InvalidData,
                $"The report is missing the column(s) {string.Join(", ", missing)} on line 1; it is not a GdprOps findings report.");
        }

        IgnoredColumns = _columns.Keys.Where(h => !FindingColumns.Names.Contains(h, StringComparer.OrdinalIgnoreCase)).ToList();
    }

    /// <summary>The encoding the report was read with.</summary>
    public Encoding Encoding { get; }

    /// <summary>True when <see cref="Encoding"/> was detected rather than given.</summary>
    public bool EncodingWasDetected { get; }

    /// <summary>The line the last finding <see cref="ReadAll"/> returned starts on.</summary>
    public long Line { get; private set; }

    /// <summary>Header names that are not report columns (kept out of the findings).</summary>
    public IReadOnlyList<string> IgnoredColumns { get; }

    public IEnumerable<Finding> ReadAll()
    {
        while (Guard(() => _csv.Read(), "the line after line " + _csv.LineNumber.ToString(CultureInfo.InvariantCulture)))
        {
            Line = _csv.LineNumber;
            string where = "line " + _csv.LineNumber.ToString(CultureInfo.InvariantCulture);
            if (_csv.FieldCount != _headerCount)
            {
                if (_csv.FieldCount == 1 && _csv.IsEmpty(0))
                {
                    continue;
                }

                throw new GdprOpsException(ErrorIds.ReportMalformed, ErrorKind.InvalidData,
                    $"The report is malformed at {where}: it has {_csv.FieldCount} fields where the header has {_headerCount}.");
            }

            yield return FindingColumns.FromFields(Field, where);
        }
    }

    public void Dispose() => _csv.Dispose();

    private static Encoding Detect(byte[] bytes)
    {
        var sniffed = TextEncodingSniffer.Sniff(bytes.AsSpan(0, Math.Min(bytes.Length, 4)));
        if (sniffed.PreambleLength > 0 && sniffed.Encoding is not null)
        {
            return sniffed.Encoding;
        }

        if (TextEncodingSniffer.IsUtf8(bytes) && !EndsInCutSequence(bytes))
        {
            return new UTF8Encoding(false);
        }

        int codePage = CultureInfo.CurrentCulture.TextInfo.ANSICodePage;
        try
        {
            return codePage is 0 or 65001 or 1252 ? TextEncodingSniffer.Windows1252 : CodePage(codePage);
        }
        catch (Exception ex) when (ex is ArgumentException or NotSupportedException)
        {
            return TextEncodingSniffer.Windows1252;
        }
    }

    /// <summary>An encoding by name (utf-8, windows-1252, iso-8859-1) or code page number (1252); an unknown one is a clear error.</summary>
    public static Encoding EncodingFromName(string name)
    {
        _ = TextEncodingSniffer.Windows1252; // registers the code-page provider
        try
        {
            var encoding = int.TryParse(name, NumberStyles.None, CultureInfo.InvariantCulture, out int codePage)
                ? Encoding.GetEncoding(codePage)
                : Encoding.GetEncoding(name.Trim());
            return encoding is UTF8Encoding ? new UTF8Encoding(false) : encoding;
        }
        catch (Exception ex) when (ex is ArgumentException or NotSupportedException)
        {
            throw new GdprOpsException(ErrorIds.InvalidArgument, ErrorKind.InvalidArgument,
                $"'{name}' is not an encoding this system knows: use a name such as utf-8, windows-1252 or iso-8859-1, or a code page number.", ex);
        }
    }

    private static Encoding CodePage(int codePage)
    {
        _ = TextEncodingSniffer.Windows1252; // registers the code-page provider
        return Encoding.GetEncoding(codePage);
    }

    /// <summary>IsUtf8 forgives a sequence cut off at the end of a sample; a whole file may not end in one.</summary>
    private static bool EndsInCutSequence(byte[] bytes)
    {
        int i = bytes.Length - 1;
        int continuation = 0;
        while (i >= 0 && (bytes[i] & 0xC0) == 0x80 && continuation < 4)
        {
            i--;
            continuation++;
        }

        if (i < 0 || bytes[i] < 0xC0)
        {
            return false;
        }

        int needed = (bytes[i] & 0xE0) == 0xC0 ? 1 : (bytes[i] & 0xF0) == 0xE0 ? 2 : 3;
        return continuation < needed;
    }

    /// <summary>Undoes the writer's apostrophe before a formula character.</summary>
    public static string? Unescape(string? value) =>
        value is { Length: > 1 } && value[0] == '\'' && InjectionCharacters.IndexOf(value[1]) >= 0 ? value.Substring(1) : value;

    private string? Field(string column) =>
        _columns.TryGetValue(column, out int index) && index < _csv.FieldCount ? Unescape(_csv.GetString(index)) : null;

    private static T Guard<T>(Func<T> read, string where)
    {
        try
        {
            return read();
        }
        catch (CsvFormatException ex)
        {
            string line = ex.LineNumber > 0 ? "line " + ex.LineNumber.ToString(CultureInfo.InvariantCulture) : where;
            throw new GdprOpsException(ErrorIds.ReportMalformed, ErrorKind.InvalidData, $"The report is malformed at {line}: the CSV cannot be parsed (for example an unclosed quote).", ex);
        }
    }
}
