using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using CsvHelper;
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

    public FindingReportReader(string path)
    {
        if (!File.Exists(path))
        {
            throw new GdprOpsException(ErrorIds.ReportFileNotFound, ErrorKind.NotFound, $"The report '{path}' does not exist.");
        }

        _csv = CsvReader.Create(
            new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read),
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

    /// <summary>Header names that are not report columns (kept out of the findings).</summary>
    public IReadOnlyList<string> IgnoredColumns { get; }

    public IEnumerable<Finding> ReadAll()
    {
        while (Guard(() => _csv.Read(), "the line after line " + _csv.LineNumber.ToString(CultureInfo.InvariantCulture)))
        {
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
