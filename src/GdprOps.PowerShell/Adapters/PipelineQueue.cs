using System;
using System.Collections.Concurrent;
using System.Management.Automation;
using System.Threading;
using GdprOps.Hosting;

namespace GdprOps.PowerShell.Adapters;

/// <summary>
/// The engine's host inside a cmdlet: background work enqueues what it reports, and the pipeline thread
/// drains the queue and writes to PowerShell, the only thread allowed to.
/// </summary>
internal sealed class PipelineQueue : IRunHost, IDisposable
{
    private readonly BlockingCollection<Action<PSCmdlet>> _queue = new();
    private readonly int _progressId;

    public PipelineQueue(int progressId)
    {
        _progressId = progressId;
    }

    public void WriteOutput(object item) => Add(c => c.WriteObject(OutputTypeNames.Tag(item)));

    public void WriteVerbose(string message) => Add(c => c.WriteVerbose(message));

    public void WriteWarning(string message) => Add(c => c.WriteWarning(message));

    public void WriteProgress(RunProgress progress) => Add(c => c.WriteProgress(new ProgressRecord(_progressId, progress.Activity, progress.Status)
    {
        CurrentOperation = progress.CurrentOperation,
        PercentComplete = progress.PercentComplete,
        RecordType = progress.Completed ? ProgressRecordType.Completed : ProgressRecordType.Processing,
    }));

    public void WriteItemError(ItemError error) => Add(c => c.WriteError(ErrorRecords.From(error)));

    public void Complete() => _queue.CompleteAdding();

    /// <summary>Runs queued writes on the calling (pipeline) thread until the work completes or is cancelled.</summary>
    public void Drain(PSCmdlet cmdlet, CancellationToken cancellationToken)
    {
        foreach (var write in _queue.GetConsumingEnumerable(cancellationToken))
        {
            write(cmdlet);
        }
    }

    public void Dispose() => _queue.Dispose();

    private void Add(Action<PSCmdlet> write)
    {
        // After completion (a stopped run) late reports are dropped rather than thrown on a worker thread.
        if (!_queue.IsAddingCompleted)
        {
            try
            {
                _queue.Add(write);
            }
            catch (InvalidOperationException)
            {
            }
        }
    }
}
