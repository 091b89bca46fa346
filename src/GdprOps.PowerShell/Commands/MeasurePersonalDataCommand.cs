using System.Globalization;
using System.Management.Automation;
using GdprOps.Export;
using GdprOps.Model;
using GdprOps.PowerShell.Adapters;

namespace GdprOps.PowerShell.Commands;

/// <summary>Measure-PersonalData: counts findings per category and source or location.</summary>
[Cmdlet(VerbsDiagnostic.Measure, "PersonalData")]
[OutputType(typeof(PersonalDataMeasure))]
public sealed class MeasurePersonalDataCommand : GdprOpsCmdlet
{
    private FindingMeasurer? _measurer;
    private int _inputNumber;

    [Parameter(Mandatory = true, ValueFromPipeline = true)]
    [ValidateNotNull]
    public PSObject? InputObject { get; set; }

    [Parameter]
    [ValidateSet("Source", "Location", IgnoreCase = true)]
    public string By { get; set; } = "Location";

    protected override void BeginProcessing() =>
        _measurer = new FindingMeasurer(byLocation: string.Equals(By, "Location", System.StringComparison.OrdinalIgnoreCase));

    protected override void ProcessRecord()
    {
        _inputNumber++;
        try
        {
            _measurer!.Add(FindingInput.Convert(InputObject!, "input object " + _inputNumber.ToString(CultureInfo.InvariantCulture)));
        }
        catch (GdprOpsException ex)
        {
            WriteError(ErrorRecords.From(ex, InputObject));
        }
    }

    protected override void EndProcessing()
    {
        foreach (var measure in _measurer!.Results())
        {
            WriteResult(measure);
        }
    }
}
