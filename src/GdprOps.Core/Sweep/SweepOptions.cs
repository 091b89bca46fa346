using System;
using System.Collections.Generic;
using GdprOps.Model;
using GdprOps.Sources;

namespace GdprOps.Sweep;

/// <summary>What a subject sweep looks for, where, and within which limits.</summary>
public sealed class SweepOptions
{
    public const long DefaultMaxItemBytes = 256L * 1024 * 1024;

    public SweepOptions(SubjectProfile subject, IReadOnlyList<IItemSource> sources)
    {
        Subject = subject ?? throw new ArgumentNullException(nameof(subject));
        Sources = sources ?? throw new ArgumentNullException(nameof(sources));
    }

    public SubjectProfile Subject { get; }

    public IReadOnlyList<IItemSource> Sources { get; }

    /// <summary>Items scanned at once. Defaults to the number of cores.</summary>
    public int ThrottleLimit { get; set; } = Environment.ProcessorCount;

    /// <summary>Items larger than this are reported NotScanned, never read.</summary>
    public long MaxItemBytes { get; set; } = DefaultMaxItemBytes;

    /// <summary>Also report items of types the engine cannot read as NotScanned findings (else one summary warning).</summary>
    public bool IncludeUnscanned { get; set; }

    /// <summary>The activity name progress is shown under.</summary>
    public string Activity { get; set; } = "Find-PersonalData";
}
