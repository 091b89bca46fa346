using System;
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
    /// <summary>Decision values that approve a row for the next step (case-insensitive).</summary>
    public static readonly IReadOnlyList<string> ApprovingDecisions = new[] { "approve", "approved", "yes", "y", "delete", "remove", "erase" };

    [Parameter(Mandatory = true, Position = 0, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
    [Alias("FullName")]
    [ValidateNotNullOrEmpty]
    public string[]? Path { get; set; }

    [Parameter]
    public SwitchParameter ApprovedOnly { get; set; }

    protected override void ProcessRecord()
    {
        foreach (string path in Path!)
        {
            string fullPath = GetUnresolvedProviderPathFromPSPath(path);
            List<Finding> findings;
            try
            {
                // Read and check every row before emitting one, so a malformed report feeds nothing downstream.
                using var reader = new FindingReportReader(fullPath);
                findings = reader.ReadAll().ToList();
                if (reader.IgnoredColumns.Count > 0)
                {
                    WriteWarning($"Columns that are not part of a findings report were ignored: {string.Join(", ", reader.IgnoredColumns)}.");
                }
            }
            catch (GdprOpsException ex)
            {
                ThrowTerminating(ex, fullPath);
                return;
            }

            int approved = 0;
            foreach (var finding in findings)
            {
                if (ApprovedOnly && !IsApproved(finding.Decision))
                {
                    continue;
                }

                approved++;
                WriteObject(finding);
            }

            WriteVerbose(ApprovedOnly
                ? $"{fullPath}: {approved} of {findings.Count} rows approved."
                : $"{fullPath}: {findings.Count} rows.");
        }
    }

    public static bool IsApproved(string? decision) =>
        decision is not null && ApprovingDecisions.Contains(decision.Trim(), StringComparer.OrdinalIgnoreCase);
}
