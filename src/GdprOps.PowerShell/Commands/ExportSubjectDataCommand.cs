using System;
using System.Collections.Generic;
using System.Management.Automation;
using GdprOps.Export.Package;
using GdprOps.Model;
using GdprOps.PowerShell.Adapters;
using GdprOps.Sources;

namespace GdprOps.PowerShell.Commands;

/// <summary>Export-SubjectData: writes the subject access / portability package for the findings piped in.</summary>
[Cmdlet(VerbsData.Export, "SubjectData", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Medium)]
[OutputType(typeof(SubjectExportSummary))]
public sealed class ExportSubjectDataCommand : AuditedFindingCmdlet
{
    private readonly List<Finding> _findings = new();

    [Parameter(Mandatory = true, Position = 0)]
    [ValidateNotNullOrEmpty]
    public string? Path { get; set; }

    [Parameter]
    [ValidateNotNullOrEmpty]
    public string? CaseId { get; set; }

    [Parameter]
    [ValidateNotNull]
    public SubjectProfile? Subject { get; set; }

    [Parameter]
    public DateTime ReceivedOn { get; set; } = DateTime.Today;

    [Parameter]
    public SwitchParameter Extended { get; set; }

    [Parameter]
    public SwitchParameter Resume { get; set; }

    [Parameter]
    public SwitchParameter Zip { get; set; }

    [Parameter]
    [ValidateRange(1L, long.MaxValue)]
    public long? SplitSize { get; set; }

    [Parameter]
    [ValidateNotNull]
    public System.Security.Cryptography.X509Certificates.X509Certificate2? EncryptTo { get; set; }

    /// <summary>Also gather the person's CSV rows and JSON records into my-data.json (Art. 20); needs -Subject.</summary>
    [Parameter]
    public SwitchParameter PortableData { get; set; }

    /// <summary>Beside each item with other people's data, also write a redacted copy (NAME.redacted.EXT); needs -Subject.</summary>
    [Parameter]
    public SwitchParameter RedactThirdParty { get; set; }

    /// <summary>The cover letter's language: en (default), da or nl.</summary>
    [Parameter]
    [ValidateSet("en", "da", "nl", IgnoreCase = true)]
    public string Language { get; set; } = "en";

    /// <summary>The controller profile file (JSON) whose Art. 15(1) information the cover letter carries.</summary>
    [Parameter]
    [ValidateNotNullOrEmpty]
    public string? ControllerProfile { get; set; }

    protected override void ProcessRecord()
    {
        if (TryReadInput(out var finding))
        {
            _findings.Add(finding);
        }
    }

    protected override void EndProcessing()
    {
        string target = GetUnresolvedProviderPathFromPSPath(Path);
        if (!ShouldAct(target, $"Export {_findings.Count} item(s) of personal data", force: false))
        {
            return;
        }

        GdprOps.Export.Package.ControllerProfile? controller = null;
        if (ControllerProfile is not null)
        {
            try
            {
                controller = GdprOps.Export.Package.ControllerProfile.Load(GetUnresolvedProviderPathFromPSPath(ControllerProfile));
            }
            catch (GdprOpsException ex)
            {
                ThrowTerminating(ex, ControllerProfile);
                return;
            }
        }
        else
        {
            WriteWarning(GdprOps.Export.Package.ControllerProfile.MissingWarning);
        }

        var session = GdprOpsSession.Current;
        var options = new SubjectExportOptions(target)
        {
            CaseId = CaseId ?? Subject?.CaseId ?? SubjectExportOptions.SingleCaseId(_findings),
            Subject = Subject,
            ReceivedOn = ReceivedOn,
            Extended = Extended,
            Resume = Resume,
            Zip = Zip,
            EncryptTo = EncryptTo,
            SplitSize = SplitSize,
            Operator = SignedInOperator(),
            AuditLog = OpenAuditLog(),
            Language = Language.ToLowerInvariant(),
            PortableData = PortableData,
            RedactThirdParty = RedactThirdParty,
            Controller = controller,
        };
        var reader = new SourceItemReader(session?.Connection, BlobConnectionString);
        var summary = RunEngine((host, token) => new SubjectExporter(options, reader, host).RunAsync(_findings, token));
        if (summary.ReviewWarning() is { } review)
        {
            // GDPR Art. 15(4): the DPO decides before the package leaves; the page names items and categories, never values.
            WriteWarning(review);
        }

        WriteResult(summary);
    }
}
