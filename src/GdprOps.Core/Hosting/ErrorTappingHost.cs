using System;

namespace GdprOps.Hosting;

/// <summary>
/// Passes everything on to the run's host and hands each item error to <c>tap</c> as well: the sweep makes a connector's
/// errors NotScanned rows of the report with it, and the retention check counts them, so an incomplete listing never
/// reads as compliant.
/// </summary>
internal sealed class ErrorTappingHost : IRunHost
{
    private readonly IRunHost _inner;
    private readonly Action<ItemError> _tap;

    public ErrorTappingHost(IRunHost inner, Action<ItemError> tap)
    {
        _inner = inner;
        _tap = tap;
    }

    public void WriteOutput(object item) => _inner.WriteOutput(item);

    public void WriteVerbose(string message) => _inner.WriteVerbose(message);

    public void WriteWarning(string message) => _inner.WriteWarning(message);

    public void WriteProgress(RunProgress progress) => _inner.WriteProgress(progress);

    public void WriteItemError(ItemError error)
    {
        _inner.WriteItemError(error);
        _tap(error);
    }
}
