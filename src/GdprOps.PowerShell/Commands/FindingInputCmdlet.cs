using System.Globalization;
using System.Management.Automation;
using GdprOps.Audit;
using GdprOps.Model;
using GdprOps.PowerShell.Adapters;

namespace GdprOps.PowerShell.Commands;

/// <summary>Base of cmdlets that take findings from the pipeline (objects from Find-PersonalData, reviewed CSV rows).</summary>
public abstract class FindingInputCmdlet : GdprOpsCmdlet
{
    private int _inputNumber;

    [Parameter(Mandatory = true, ValueFromPipeline = true)]
    [ValidateNotNull]
    public PSObject? InputObject { get; set; }

    /// <summary>How errors and warnings name the current input ("input object 3"): never by its values.</summary>
    protected string InputName => "input object " + _inputNumber.ToString(CultureInfo.InvariantCulture);

    /// <summary>The current input as a finding; a row that is not one is written as a non-terminating error.</summary>
    protected bool TryReadInput(out Finding finding)
    {
        _inputNumber++;
        try
        {
            finding = FindingInput.Convert(InputObject!, InputName);
            return true;
        }
        catch (GdprOpsException ex)
        {
            WriteError(ErrorRecords.From(ex, InputObject));
            finding = null!;
            return false;
        }
    }
}

/// <summary>Base of cmdlets that act on the items findings name and write every action to the audit log.</summary>
public abstract class AuditedFindingCmdlet : FindingInputCmdlet
{
    [Parameter]
    [ValidateNotNullOrEmpty]
    public string? AuditLogPath { get; set; }

    [Parameter]
    [ValidateNotNullOrEmpty]
    public string? BlobConnectionString { get; set; }

    protected AuditLog OpenAuditLog() => OpenAuditLog(AuditLogPath);
}
