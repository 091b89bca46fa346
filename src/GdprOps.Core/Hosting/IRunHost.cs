namespace GdprOps.Hosting;

/// <summary>
/// How the engine reports: results, progress, detail, warnings and per-item errors. Each front end has one
/// adapter (PowerShell streams, console). Implementations must be thread-safe; the PowerShell adapter
/// queues everything for the pipeline thread. Text handed here must never contain personal data.
/// </summary>
public interface IRunHost
{
    void WriteOutput(object item);

    void WriteVerbose(string message);

    void WriteWarning(string message);

    void WriteProgress(RunProgress progress);

    void WriteItemError(ItemError error);
}
