using System;
using System.IO;
using System.Linq;
using CsvHelper;
using GdprOps.Model;

namespace GdprOps.Export;

/// <summary>
/// Writes findings to a CSV report a DPO opens in Excel: UTF-8 with BOM, fixed column order, and cells
/// that start with = + - @ tab or CR escaped with a leading apostrophe so a spreadsheet never runs them as
/// formulas. The file appears only when <see cref="Commit"/> is called; until then rows go to a temporary
/// file beside it, so a stopped or failed run never leaves a half-written report under the real name.
/// </summary>
public sealed class FindingReportWriter : IDisposable
{
    private readonly string _path;
    private readonly string _tempPath;
    private readonly CsvWriter _csv;
    private bool _committed;

    /// <param name="path">The report file.</param>
    /// <param name="separator">The field separator (default ','); the reader detects ',', ';' and tab by itself.</param>
    public FindingReportWriter(string path, string? separator = null)
    {
        _path = Path.GetFullPath(path);
        string directory = Path.GetDirectoryName(_path) ?? ".";
        if (!Directory.Exists(directory))
        {
            throw new GdprOpsException(ErrorIds.ReportWriteFailed, ErrorKind.WriteError, $"The folder '{directory}' does not exist.");
        }

        _tempPath = Path.Combine(directory, "." + Path.GetFileName(_path) + "." + Guid.NewGuid().ToString("N").Substring(0, 8) + ".tmp");
        var stream = new FileStream(_tempPath, FileMode.CreateNew, FileAccess.Write, FileShare.None);
        _csv = CsvWriter.Create(stream, ReportCsv.WithSeparator(separator ?? ","), false);
        _csv.WriteHeader(FindingColumns.Names.ToArray());
    }

    public int Rows { get; private set; }

    public void Write(Finding finding)
    {
        if (finding is null)
        {
            throw new ArgumentNullException(nameof(finding));
        }

        _csv.WriteRecord(FindingColumns.ToRow(finding).Select(v => v ?? string.Empty).ToArray());
        Rows++;
    }

    /// <summary>Flushes and moves the report into place, replacing an older file of the same name.</summary>
    public void Commit()
    {
        _csv.Flush();
        _csv.Dispose();
        if (File.Exists(_path))
        {
            File.Replace(_tempPath, _path, destinationBackupFileName: null);
        }
        else
        {
            File.Move(_tempPath, _path);
        }

        _committed = true;
    }

    public void Dispose()
    {
        _csv.Dispose();
        if (!_committed && File.Exists(_tempPath))
        {
            File.Delete(_tempPath);
        }
    }
}
