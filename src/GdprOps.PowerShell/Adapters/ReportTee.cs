using GdprOps.Export;
using GdprOps.Hosting;
using GdprOps.Model;

namespace GdprOps.PowerShell.Adapters;

/// <summary>Passes everything on to the pipeline and also writes each finding to a report (Find-PersonalData -ReportPath).</summary>
internal sealed class ReportTee : IRunHost
{
    private readonly IRunHost _inner;
    private readonly FindingReportWriter _report;
    private readonly object _gate = new();
    private int _errors;

    public ReportTee(IRunHost inner, FindingReportWriter report)
    {
        _inner = inner;
        _report = report;
    }

    public void WriteOutput(object item)
    {
        if (item is Finding finding)
        {
            lock (_gate)
            {
                _report.Write(finding);
            }
        }

        _inner.WriteOutput(item);
    }

    public void WriteVerbose(string message) => _inner.WriteVerbose(message);

    public void WriteWarning(string message) => _inner.WriteWarning(message);

    public void WriteProgress(RunProgress progress) => _inner.WriteProgress(progress);

    /// <summary>The item errors passed on so far (a shard's manifest counts them).</summary>
    public int Errors => _errors;

    public void WriteItemError(ItemError error)
    {
        System.Threading.Interlocked.Increment(ref _errors);
        _inner.WriteItemError(error);
    }
}
