using System.Globalization;
using System.IO;
using System.Management.Automation;
using GdprOps.Export;
using GdprOps.Model;

namespace GdprOps.PowerShell.Commands;

/// <summary>Export-PersonalDataReport: writes findings to a CSV report for the DPO.</summary>
[Cmdlet(VerbsData.Export, "PersonalDataReport", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Medium)]
[OutputType(typeof(Finding))]
public sealed class ExportPersonalDataReportCommand : FindingInputCmdlet
{
    private FindingReportWriter? _writer;
    private string? _fullPath;

    [Parameter(Mandatory = true, Position = 0)]
    [ValidateNotNullOrEmpty]
    public string? Path { get; set; }

    [Parameter]
    public SwitchParameter NoClobber { get; set; }

    /// <summary>The field separator; default: the culture's list separator, so Excel opens the file in columns (';' in Danish and Dutch).</summary>
    [Parameter]
    public char? Delimiter { get; set; }

    [Parameter]
    public SwitchParameter PassThru { get; set; }

    protected override void BeginProcessing()
    {
        _fullPath = GetUnresolvedProviderPathFromPSPath(Path);
        if (NoClobber && File.Exists(_fullPath))
        {
            ThrowTerminating(new GdprOpsException(ErrorIds.ReportFileExists, ErrorKind.WriteError,
                $"The file '{_fullPath}' already exists and -NoClobber was given."), _fullPath);
        }

        if (!ShouldAct(_fullPath, "Write personal data report", force: false))
        {
            return;
        }

        try
        {
            string separator = Delimiter is { } given ? given.ToString() : ReportCsv.DefaultSeparator(CultureInfo.CurrentCulture);
            if (separator is "\"" or "\r" or "\n")
            {
                ThrowTerminating(new GdprOpsException(ErrorIds.InvalidArgument, ErrorKind.InvalidArgument, "-Delimiter cannot be a quote or a line break."), Delimiter);
            }

            _writer = new FindingReportWriter(_fullPath, separator);
        }
        catch (GdprOpsException ex)
        {
            ThrowTerminating(ex, _fullPath);
        }
        catch (System.Exception ex) when (ex is IOException or System.UnauthorizedAccessException)
        {
            ThrowTerminating(new GdprOpsException(ErrorIds.ReportWriteFailed, ErrorKind.WriteError,
                $"The report '{_fullPath}' could not be created: {ex.GetType().Name}.", ex), _fullPath);
        }
    }

    protected override void ProcessRecord()
    {
        if (!TryReadInput(out var finding))
        {
            return;
        }

        _writer?.Write(finding);
        if (PassThru)
        {
            WriteResult(finding);
        }
    }

    protected override void EndProcessing()
    {
        if (_writer is null)
        {
            return;
        }

        _writer.Commit();
        WriteVerbose($"Wrote {_writer.Rows.ToString(CultureInfo.InvariantCulture)} rows to {_fullPath}.");
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            // Uncommitted (stopped or failed): the temporary file is removed, the old report left as it was.
            _writer?.Dispose();
        }

        base.Dispose(disposing);
    }
}
