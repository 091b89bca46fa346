using System;
using GdprOps.Hosting;

namespace GdprOps.Sweep;

/// <summary>
/// The host a connector lists through: everything goes to the run's host, and each error the connector reports while
/// listing (a folder it could not open, an entry gone before it was looked at) is also handed to
/// <see cref="PersonalDataSweep"/> to become a NotScanned row, so the report shows it and not only the error stream.
/// </summary>
internal sealed class UnlistedPartsHost : IRunHost
{
    private readonly IRunHost _inner;
    private readonly Action<ItemError> _unlisted;

    public UnlistedPartsHost(IRunHost inner, Action<ItemError> unlisted)
    {
        _inner = inner;
        _unlisted = unlisted;
    }

    public void WriteOutput(object item) => _inner.WriteOutput(item);

    public void WriteVerbose(string message) => _inner.WriteVerbose(message);

    public void WriteWarning(string message) => _inner.WriteWarning(message);

    public void WriteProgress(RunProgress progress) => _inner.WriteProgress(progress);

    public void WriteItemError(ItemError error)
    {
        _inner.WriteItemError(error);
        _unlisted(error);
    }
}
