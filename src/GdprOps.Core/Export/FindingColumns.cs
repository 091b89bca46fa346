using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using GdprOps.Model;

namespace GdprOps.Export;

/// <summary>
/// The report's columns in their fixed order, and the mapping between a finding and a row of strings.
/// The same mapping reads CSV rows and property bags (Import-Csv output), so both bind the same way.
/// </summary>
public static class FindingColumns
{
    public static readonly IReadOnlyList<string> Names = new[]
    {
        nameof(Finding.SourceKind), nameof(Finding.Source), nameof(Finding.Location), nameof(Finding.ItemId),
        nameof(Finding.ItemName), nameof(Finding.ItemUri), nameof(Finding.Version), nameof(Finding.Owner),
        nameof(Finding.Created), nameof(Finding.Modified), nameof(Finding.SizeBytes), nameof(Finding.CaseId),
        nameof(Finding.SubjectMatches), nameof(Finding.Categories), nameof(Finding.Confidence), nameof(Finding.MatchCount),
        nameof(Finding.CategoryMatches), nameof(Finding.Evidence), nameof(Finding.Where), nameof(Finding.Status),
        nameof(Finding.StatusReason), nameof(Finding.Decision),
    };

    /// <summary>The columns before CategoryMatches existed: how version 2 checkpoints lay out their rows.</summary>
    internal static readonly IReadOnlyList<string> NamesBeforeCategoryMatches = Names.Where(n => n != nameof(Finding.CategoryMatches)).ToArray();

    /// <summary>Findings built from report rows or property bags: they carry a reviewer's Decision (or none).</summary>
    private static readonly System.Runtime.CompilerServices.ConditionalWeakTable<Finding, object> FromReport = new();

    /// <summary>
    /// True when the finding was read from a report row or a property bag (Import-Csv, Select-Object) rather than
    /// produced by a sweep: its Decision column is then the reviewer's word, and an empty one means nobody approved it.
    /// </summary>
    public static bool CameFromReport(Finding finding) => FromReport.TryGetValue(finding, out _);

    private static int IndexOf(string name)
    {
        for (int i = 0; i < Names.Count; i++)
        {
            if (Names[i] == name)
            {
                return i;
            }
        }

        return -1;
    }

    /// <summary>Columns without which a row cannot identify its item.</summary>
    public static readonly IReadOnlyList<string> Required = new[] { nameof(Finding.SourceKind), nameof(Finding.Source), nameof(Finding.ItemId) };

    public static string?[] ToRow(Finding f) => new[]
    {
        f.SourceKind.ToString(), f.Source, f.Location, f.ItemId, f.ItemName, f.ItemUri, f.Version, f.Owner,
        Date(f.Created), Date(f.Modified), f.SizeBytes?.ToString(CultureInfo.InvariantCulture), f.CaseId,
        f.SubjectMatches, f.Categories, f.Confidence?.ToString(), f.MatchCount.ToString(CultureInfo.InvariantCulture),
        f.CategoryMatches, f.Evidence, f.Where, f.Status.ToString(), f.StatusReason, f.Decision,
    };

    /// <summary>The values of <paramref name="columns"/> (a subset of <see cref="Names"/>, in its own order).</summary>
    internal static string?[] ToRow(Finding f, IReadOnlyList<string> columns)
    {
        var all = ToRow(f);
        return columns.Select(c => all[IndexOf(c)]).ToArray();
    }

    /// <summary>A finding from a row laid out as <paramref name="columns"/> (a checkpoint's own record, not a reviewed report).</summary>
    internal static Finding FromRow(string?[] row, string where, IReadOnlyList<string> columns)
    {
        return Build(name =>
        {
            for (int i = 0; i < columns.Count && i < row.Length; i++)
            {
                if (columns[i] == name)
                {
                    return row[i];
                }
            }

            return null;
        }, where);
    }

    /// <summary>
    /// Builds a finding from named fields. <paramref name="where"/> names the row or object in errors
    /// ("row 7"); values are never quoted back.
    /// </summary>
    public static Finding FromFields(Func<string, string?> field, string where)
    {
        var finding = Build(field, where);
        FromReport.Add(finding, string.Empty);
        return finding;
    }

    private static Finding Build(Func<string, string?> field, string where)
    {
        foreach (string required in Required)
        {
            if (string.IsNullOrWhiteSpace(field(required)))
            {
                throw Malformed(where, $"the required column '{required}' is empty or missing");
            }
        }

        var finding = new Finding
        {
            SourceKind = ParseEnum<SourceKind>(field, nameof(Finding.SourceKind), where) ?? SourceKind.FileShare,
            Source = field(nameof(Finding.Source)) ?? string.Empty,
            Location = field(nameof(Finding.Location)) ?? string.Empty,
            ItemId = field(nameof(Finding.ItemId)) ?? string.Empty,
            ItemName = field(nameof(Finding.ItemName)) ?? string.Empty,
            ItemUri = field(nameof(Finding.ItemUri)) ?? string.Empty,
            Version = Empty(field(nameof(Finding.Version))),
            Owner = Empty(field(nameof(Finding.Owner))),
            Created = ParseDate(field, nameof(Finding.Created), where),
            Modified = ParseDate(field, nameof(Finding.Modified), where),
            SizeBytes = ParseLong(field, nameof(Finding.SizeBytes), where),
            CaseId = Empty(field(nameof(Finding.CaseId))),
            SubjectMatches = field(nameof(Finding.SubjectMatches)) ?? string.Empty,
            Categories = field(nameof(Finding.Categories)) ?? string.Empty,
            Confidence = ParseEnum<Confidence>(field, nameof(Finding.Confidence), where),
            MatchCount = (int)(ParseLong(field, nameof(Finding.MatchCount), where) ?? 0),
            Evidence = field(nameof(Finding.Evidence)) ?? string.Empty,
            Where = field(nameof(Finding.Where)) ?? string.Empty,
            Status = ParseEnum<ScanStatus>(field, nameof(Finding.Status), where) ?? ScanStatus.Scanned,
            StatusReason = Empty(field(nameof(Finding.StatusReason))),
            Decision = Empty(field(nameof(Finding.Decision))),
            CategoryMatches = field(nameof(Finding.CategoryMatches)) ?? string.Empty,
        };
        return finding;
    }

    /// <summary>
    /// Dates as a person reads them, in UTC to the second (2026-11-23 10:04:05Z): no 7-digit fractions. The reader
    /// takes this and ISO 8601, so a report read back and written again is the same text.
    /// </summary>
    private static string? Date(DateTimeOffset? value) => value?.ToUniversalTime().ToString("yyyy-MM-dd HH:mm:ss'Z'", CultureInfo.InvariantCulture);

    private static string? Empty(string? value) => string.IsNullOrEmpty(value) ? null : value;

    private static DateTimeOffset? ParseDate(Func<string, string?> field, string column, string where)
    {
        string? text = field(column);
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }

        if (DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var value))
        {
            return value;
        }

        throw Malformed(where, $"'{column}' is not a date (expected ISO 8601, e.g. 2026-11-23T10:00:00Z)");
    }

    private static long? ParseLong(Func<string, string?> field, string column, string where)
    {
        string? text = field(column);
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }

        if (long.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out long value) && value >= 0)
        {
            return value;
        }

        throw Malformed(where, $"'{column}' is not a non-negative whole number");
    }

    private static T? ParseEnum<T>(Func<string, string?> field, string column, string where)
        where T : struct, Enum
    {
        string? text = field(column);
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }

        if (Enum.TryParse(text!.Trim(), ignoreCase: true, out T value) && Enum.IsDefined(typeof(T), value) && !char.IsDigit(text.Trim()[0]))
        {
            return value;
        }

        throw Malformed(where, $"'{column}' must be one of {string.Join(", ", Enum.GetNames(typeof(T)))}");
    }

    private static GdprOpsException Malformed(string where, string problem) =>
        new(ErrorIds.ReportMalformed, ErrorKind.InvalidData, $"The report is malformed at {where}: {problem}.");
}
