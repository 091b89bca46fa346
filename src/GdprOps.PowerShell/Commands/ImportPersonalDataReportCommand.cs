using System;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using GdprOps.Export;
using System.Text;
using GdprOps.Model;
using GdprOps.Review;

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
            var findings = new List<(Finding Finding, long Line)>();
            try
            {
                // Read and check every row before emitting one, so a malformed report feeds nothing downstream.
                using var reader = new FindingReportReader(fullPath, Encoding is null ? null : FindingReportReader.EncodingFromName(Encoding));
                foreach (var finding in reader.ReadAll())
                {
                    findings.Add((finding, reader.Line));
                }

                if (reader.EncodingWasDetected && reader.Encoding is not UTF8Encoding and not UnicodeEncoding)
                {
                    WriteWarning($"{fullPath} is not valid UTF-8: it was read as {reader.Encoding.WebName} (as Excel saves CSV). Use -Encoding if that is wrong.");
                }
                else
                {
                    WriteVerbose($"{fullPath} was read as {reader.Encoding.WebName}.");
                }

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
            var unrecognised = new List<long>();
            foreach (var (finding, line) in findings)
            {
                var decision = ReviewDecisions.Parse(finding.Decision);
                if (decision == DecisionKind.Unrecognised)
                {
                    unrecognised.Add(line);
                }

                if (ApprovedOnly && !ReviewDecisions.Approves(decision))
                {
                    continue;
                }

                approved++;
                WriteResult(finding);
            }

            if (unrecognised.Count > 0)
            {
                // Never silently dropped: these rows are not approved, and Remove-SubjectData will not act on them.
                WriteWarning($"{fullPath}: {unrecognised.Count} row(s) have a Decision GdprOps does not recognise (line(s) {string.Join(", ", unrecognised.Take(20))}{(unrecognised.Count > 20 ? ", ..." : string.Empty)}); they count as not approved. Accepted: {ReviewDecisions.Describe()}.");
            }

            WriteVerbose(ApprovedOnly
                ? $"{fullPath}: {approved} of {findings.Count} rows approved."
                : $"{fullPath}: {findings.Count} rows.");
        }
    }
}
