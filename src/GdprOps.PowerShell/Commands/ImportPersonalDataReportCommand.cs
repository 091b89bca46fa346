using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using GdprOps.Export;
using GdprOps.Model;

namespace GdprOps.PowerShell.Commands;

/// <summary>Import-PersonalDataReport: reads a (reviewed) findings report back as findings.</summary>
[Cmdlet(VerbsData.Import, "PersonalDataReport")]
[OutputType(typeof(Finding))]
public sealed class ImportPersonalDataReportCommand : GdprOpsCmdlet
{
    [Parameter(Mandatory = true, Position = 0, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
    [Alias("FullName")]
    [ValidateNotNullOrEmpty]
    public string[]? Path { get; set; }

    [Parameter]
    public SwitchParameter ApprovedOnly { get; set; }

    /// <summary>How the report is encoded (utf-8, windows-1252, a code page number); detected when not given.</summary>
    [Parameter]
    [ValidateNotNullOrEmpty]
    public string? Encoding { get; set; }

    protected override void ProcessRecord()
    {
        foreach (string path in Path!)
        {
            string fullPath = GetUnresolvedProviderPathFromPSPath(path);
            ReviewedReport report;
            try
            {
                // Read and check every row before emitting one, so a malformed report feeds nothing downstream.
                report = ReviewedReport.Load(fullPath, Encoding is null ? null : FindingReportReader.EncodingFromName(Encoding));
            }
            catch (GdprOpsException ex)
            {
                ThrowTerminating(ex, fullPath);
                return;
            }

            WriteVerbose($"{fullPath} was read as {report.ReadAs}.");
            foreach (string warning in report.Warnings)
            {
                WriteWarning(warning);
            }

            var rows = ApprovedOnly ? report.Approved.ToList() : report.Rows.Select(r => r.Finding).ToList();
            foreach (var finding in rows)
            {
                WriteResult(finding);
            }

            WriteVerbose(ApprovedOnly
                ? $"{fullPath}: {rows.Count} of {report.Rows.Count} rows approved."
                : $"{fullPath}: {report.Rows.Count} rows.");
        }
    }
}
