using System;
using System.Collections.Generic;
using System.CommandLine;
using System.IO;
using System.Linq;
using GdprOps.Export;
using GdprOps.Model;

namespace GdprOps.Cli;

/// <summary>--report and --encoding of export and remove: the reviewed findings reports, read whole before anything is done.</summary>
internal sealed class ReportInput
{
    public Option<FileInfo[]> Report { get; } = new("--report")
    {
        Description = "Findings reports (CSV from gdprops find --csv or Export-PersonalDataReport), reviewed: the Decision column is honoured.",
        Required = true,
        AllowMultipleArgumentsPerToken = true,
    };

    public Option<string?> Encoding { get; } = new("--encoding") { Description = "How the reports are encoded (utf-8, windows-1252, a code page number); detected when not given." };

    public IEnumerable<Option> All => new Option[] { Report, Encoding };

    /// <summary>Every row of every report, in order; warnings (a guessed encoding, ignored columns, unknown Decisions) on stderr.</summary>
    /// <exception cref="GdprOpsException">A report cannot be read or is not a findings report: nothing is done.</exception>
    public List<Finding> Read(ParseResult parse, TextWriter error)
    {
        var encoding = parse.GetValue(Encoding) is { } name ? FindingReportReader.EncodingFromName(name) : null;
        var findings = new List<Finding>();
        foreach (var file in parse.GetValue(Report) ?? Array.Empty<FileInfo>())
        {
            var report = ReviewedReport.Load(file.FullName, encoding);
            foreach (string warning in report.Warnings)
            {
                error.WriteLine("WARNING: " + warning);
            }

            findings.AddRange(report.Rows.Select(r => r.Finding));
        }

        return findings;
    }
}
