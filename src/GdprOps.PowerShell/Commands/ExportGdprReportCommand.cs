using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Management.Automation;
using System.Text;
using GdprOps.Cases;
using GdprOps.Model;
using GdprOps.PowerShell.Adapters;
using GdprOps.Reporting;

namespace GdprOps.PowerShell.Commands;

/// <summary>Export-GdprReport: one self-contained HTML report (inline SVG charts, no scripts) from findings or a case.</summary>
[Cmdlet(VerbsData.Export, "GdprReport", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Low)]
[OutputType(typeof(FileInfo))]
public sealed class ExportGdprReportCommand : CaseCmdlet
{
    private readonly List<Finding> _findings = new();
    private readonly List<GdprOps.Retention.MailboxRetentionResult> _retention = new();
    private int _inputNumber;

    [Parameter(Mandatory = true, Position = 0)]
    [ValidateNotNullOrEmpty]
    public string? Path { get; set; }

    /// <summary>Findings from Find-PersonalData or a reviewed report (Import-PersonalDataReport).</summary>
    [Parameter(ValueFromPipeline = true)]
    [ValidateNotNull]
    public PSObject? InputObject { get; set; }

    /// <summary>A case (New-GdprCase): the report shows its timeline from the audit log, and what the piped findings hold.</summary>
    [Parameter]
    [ValidateNotNullOrEmpty]
    public string? CaseId { get; set; }

    [Parameter]
    [ValidateNotNullOrEmpty]
    public string? Title { get; set; }

    [Parameter]
    public SwitchParameter NoClobber { get; set; }

    protected override void ProcessRecord()
    {
        if (InputObject is null)
        {
            return;
        }

        _inputNumber++;
        switch (InputObject.BaseObject)
        {
            case GdprOps.Retention.MailboxRetentionResult row:
                _retention.Add(row);
                return;
            case GdprOps.Retention.MailboxRetentionSummary:
                return; // Test-MailboxRetention's last object: the rows say it all.
        }

        if (InputObject.Properties["ViolationCount"] is not null && InputObject.Properties["Cutoff"] is not null)
        {
            // A retention row read back from CSV. Export-Csv also writes the run's summary as a row with no mailbox
            // (Test-MailboxRetention's last object): that one is left out, anything else unreadable is said.
            if (RetentionRow(InputObject) is { } imported)
            {
                _retention.Add(imported);
            }
            else if (string.IsNullOrEmpty(InputObject.Properties["Mailbox"]?.Value?.ToString()))
            {
                WriteVerbose($"Input object {_inputNumber} has no mailbox (the summary line of a retention run): left out.");
            }
            else
            {
                WriteError(ErrorRecords.From(new GdprOpsException(ErrorIds.ReportMalformed, ErrorKind.InvalidData,
                    $"Input object {_inputNumber} is not a mailbox retention row: it needs Mailbox, Folder, a whole ViolationCount and a Cutoff time."), InputObject));
            }

            return;
        }

        try
        {
            _findings.Add(FindingInput.Convert(InputObject, "input object " + _inputNumber.ToString(CultureInfo.InvariantCulture)));
        }
        catch (GdprOpsException ex)
        {
            WriteError(ErrorRecords.From(ex, InputObject));
        }
    }

    /// <summary>A retention row read back from CSV (Export-Csv of Test-MailboxRetention): the same columns, as text.</summary>
    private static GdprOps.Retention.MailboxRetentionResult? RetentionRow(PSObject input) =>
        GdprOps.Retention.MailboxRetentionResult.FromColumns(name => input.Properties[name]?.Value?.ToString());

    protected override void EndProcessing()
    {
        string target = GetUnresolvedProviderPathFromPSPath(Path);
        try
        {
            if (CaseId is null && _findings.Count == 0 && _retention.Count == 0)
            {
                throw new GdprOpsException(ErrorIds.InvalidArgument, ErrorKind.InvalidArgument, "Pipe findings (Find-PersonalData, Import-PersonalDataReport) or mailbox retention rows (Test-MailboxRetention), or give -CaseId: there is nothing to report.");
            }

            if (_retention.Count > 0 && (_findings.Count > 0 || CaseId is not null))
            {
                throw new GdprOpsException(ErrorIds.InvalidArgument, ErrorKind.InvalidArgument, "One report is about findings, a case or mailbox retention: pipe one kind at a time.");
            }

            if (NoClobber && File.Exists(target))
            {
                throw new GdprOpsException(ErrorIds.ReportFileExists, ErrorKind.WriteError, $"The file '{target}' already exists and -NoClobber was given.");
            }

            string html;
            if (CaseId is not null)
            {
                html = HtmlReport.Case(CaseStatusReport.For(Store.Get(CaseStore.CheckId(CaseId)), DateTime.Today, ReadAuditLog()), _findings);
            }
            else if (_retention.Count > 0)
            {
                html = HtmlReport.MailboxRetention(_retention, Title);
            }
            else
            {
                html = HtmlReport.Discovery(_findings, Title);
            }

            if (!ShouldProcess(target, "Write GDPR report"))
            {
                return;
            }

            File.WriteAllText(target, html, new UTF8Encoding(false));
            WriteObject(new FileInfo(target));
        }
        catch (GdprOpsException ex)
        {
            ThrowTerminating(ex, target);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            ThrowTerminating(new GdprOpsException(ErrorIds.ReportWriteFailed, ErrorKind.WriteError, $"The report '{target}' could not be written: {ex.GetType().Name}.", ex), target);
        }
    }
}
