using System.Collections.Generic;
using System.IO;
using GdprOps.Hosting;
using GdprOps.Model;

namespace GdprOps.Cli;

/// <summary>
/// The engine's host for the command line: findings are collected for the caller, warnings and errors go
/// to stderr, verbose only with --verbose. Thread-safe: workers report concurrently.
/// </summary>
internal sealed class ConsoleHost : IRunHost
{
    private readonly TextWriter _error;
    private readonly bool _verbose;
    private readonly object _gate = new();

    public ConsoleHost(TextWriter error, bool verbose)
    {
        _error = error;
        _verbose = verbose;
    }

    public List<Finding> Findings { get; } = new();

    /// <summary>Everything else the engine produced (retention results ...), in order.</summary>
    public List<object> Other { get; } = new();

    public int ErrorCount { get; private set; }

    public void WriteOutput(object item)
    {
        lock (_gate)
        {
            if (item is Finding finding)
            {
                Findings.Add(finding);
            }
            else
            {
                Other.Add(item);
            }
        }
    }

    public void WriteVerbose(string message)
    {
        if (_verbose)
        {
            Write("VERBOSE: " + message);
        }
    }

    public void WriteWarning(string message) => Write("WARNING: " + message);

    public void WriteProgress(RunProgress progress)
    {
    }

    public void WriteItemError(ItemError error)
    {
        lock (_gate)
        {
            ErrorCount++;
        }

        Write($"ERROR {error.ErrorId}: {error.Target}: {error.Message}");
    }

    private void Write(string line)
    {
        lock (_gate)
        {
            _error.WriteLine(line);
        }
    }
}
