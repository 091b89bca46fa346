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

    /// <summary>The paths are the reports of every shard of one split sweep: nothing is read unless their manifests show the whole run, each shard once, unchanged, no unit in two.</summary>
    [Parameter]
    public SwitchParameter CheckShards { get; set; }

    private readonly List<string> _shardReports = new();

    protected override void ProcessRecord()
    {
        var paths = Path!.Select(GetUnresolvedProviderPathFromPSPath).ToList();
        if (CheckShards)
        {
            _shardReports.AddRange(paths); // piped one by one: the set is checked once all are in
            return;
        }

        Import(paths);
    }

    protected override void EndProcessing()
    {
        if (!CheckShards)
        {
            return;
        }

        try
        {
            var manifests = ShardManifest.CheckSet(_shardReports);
            foreach (string warning in ShardManifest.Warnings(manifests))
            {
                WriteWarning(warning);
            }

            WriteVerbose($"{manifests.Count} shard(s) of run {manifests[0].RunId}, {manifests.Sum(m => m.Units.Count)} unit(s): the whole run, each shard once.");
        }
        catch (GdprOpsException ex)
        {
            ThrowTerminating(ex, _shardReports);
            return;
        }

        Import(_shardReports);
    }

    private void Import(IEnumerable<string> paths)
    {
        foreach (string fullPath in paths)
        {
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
