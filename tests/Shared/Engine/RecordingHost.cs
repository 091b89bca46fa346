using System.Collections.Concurrent;
using System.Linq;
using GdprOps.Hosting;
using GdprOps.Model;
using GdprOps.Sweep;

namespace GdprOps.Tests;

/// <summary>An engine host that records everything, for assertions (including that no text leaks personal data).</summary>
internal sealed class RecordingHost : IRunHost
{
    private readonly System.Threading.CancellationTokenSource? _stop;
    private readonly int _stopAfter;
    private int _findings;

    public RecordingHost()
    {
    }

    /// <summary>A host that also cancels <paramref name="stop"/> once <paramref name="stopAfter"/> findings reached it: Ctrl+C in the middle of a sweep.</summary>
    public RecordingHost(System.Threading.CancellationTokenSource stop, int stopAfter)
    {
        _stop = stop;
        _stopAfter = stopAfter;
    }

    public ConcurrentQueue<object> Output { get; } = new();

    public ConcurrentQueue<string> Verbose { get; } = new();

    public ConcurrentQueue<string> Warnings { get; } = new();

    public ConcurrentQueue<RunProgress> Progress { get; } = new();

    public ConcurrentQueue<ItemError> Errors { get; } = new();

    public Finding[] Findings => Output.OfType<Finding>().ToArray();

    /// <summary>Every line of text the engine produced for people to read.</summary>
    public string AllText => string.Join("\n", Verbose.Concat(Warnings)
        .Concat(Progress.Select(p => p.Activity + " " + p.Status + " " + p.CurrentOperation))
        .Concat(Errors.Select(e => e.ErrorId + " " + e.Message)));

    public void WriteOutput(object item)
    {
        Output.Enqueue(item);
        if (_stop is not null && item is Finding && System.Threading.Interlocked.Increment(ref _findings) >= _stopAfter)
        {
            _stop.Cancel();
        }
    }

    public void WriteVerbose(string message) => Verbose.Enqueue(message);

    public void WriteWarning(string message) => Warnings.Enqueue(message);

    public void WriteProgress(RunProgress progress) => Progress.Enqueue(progress);

    public void WriteItemError(ItemError error) => Errors.Enqueue(error);
}
