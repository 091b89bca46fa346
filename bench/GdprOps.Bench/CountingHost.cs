using System;
using System.Threading;
using GdprOps.Hosting;
using GdprOps.Model;
using GdprOps.Sweep;

namespace GdprOps.Bench;

/// <summary>A host that only counts: benchmarks measure the engine, not console output.</summary>
internal sealed class CountingHost : IRunHost
{
    private int findings;
    private int errors;

    public int Findings => Volatile.Read(ref findings);

    public int Errors => Volatile.Read(ref errors);

    public void WriteOutput(object item)
    {
        if (item is Finding)
        {
            Interlocked.Increment(ref findings);
        }
    }

    public void WriteVerbose(string message)
    {
    }

    public void WriteWarning(string message)
    {
    }

    public void WriteProgress(RunProgress progress)
    {
    }

    public void WriteItemError(ItemError error)
    {
        Interlocked.Increment(ref errors);
        Console.Error.WriteLine(error.ErrorId + " " + error.Target);
    }
}
