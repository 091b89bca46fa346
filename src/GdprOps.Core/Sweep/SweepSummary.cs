using System;
using System.Collections.Generic;

namespace GdprOps.Sweep;

/// <summary>Counts of a finished (or stopped) sweep.</summary>
public sealed class SweepSummary
{
    public int ItemsSeen { get; set; }

    public int ItemsScanned { get; set; }

    public int Findings { get; set; }

    public int NotScanned { get; set; }

    public int Errors { get; set; }

    public long BytesScanned { get; set; }

    public TimeSpan Elapsed { get; set; }

    /// <summary>Sources in the sweep, those finished, and those skipped because a checkpoint had them.</summary>
    public int Sources { get; set; }

    public int SourcesDone { get; set; }

    public int SourcesSkipped { get; set; }

    /// <summary>Items of a type the engine does not read, by extension.</summary>
    public IDictionary<string, int> UnsupportedByExtension { get; } = new SortedDictionary<string, int>(StringComparer.OrdinalIgnoreCase);
}
